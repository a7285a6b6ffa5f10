// The slice of the markdown engine (src/webview/markdown) the UI uses, and which code block buttons an
// answer gets. The app receives the engine injected, so tests drive it with their own frame clock.
import type { CodeBlockButton, MarkdownStream, MarkdownStreamOptions } from '../markdown';

export type { CodeBlockButton, MarkdownStream, MarkdownStreamOptions } from '../markdown';

export interface MarkdownRenderer {
  createMarkdownStream(container: HTMLElement, options: MarkdownStreamOptions): MarkdownStream;
  renderMarkdown(container: HTMLElement, text: string, options: MarkdownStreamOptions): void;
}

const COPY: CodeBlockButton = { action: 'copy', label: 'Copy', codicon: 'copy' };
const INSERT: CodeBlockButton = { action: 'insert', label: 'Insert at Cursor', codicon: 'insert' };
const REPLACE: CodeBlockButton = { action: 'replaceSelection', label: 'Replace Selection', codicon: 'replace' };
const DIFF: CodeBlockButton = { action: 'showDiff', label: 'Show Diff', codicon: 'diff' };
const NEW_FILE: CodeBlockButton = { action: 'newFile', label: 'New File', codicon: 'new-file' };

/** Replace Selection and Show Diff only make sense when the question carried a selection to act on. */
export function codeBlockButtonsFor(questionHadContexts: boolean): readonly CodeBlockButton[] {
  return questionHadContexts ? [COPY, INSERT, REPLACE, DIFF, NEW_FILE] : [COPY, INSERT, NEW_FILE];
}
