// The slice of the markdown engine (src/webview/markdown) the UI uses, and which code block buttons an
// answer gets. The app receives the engine injected, so tests drive it with their own frame clock.
import type { CodeBlockButton, MarkdownStream, MarkdownStreamOptions } from '../markdown';
import { t } from '../../shared/l10n';

export type { CodeBlockButton, MarkdownStream, MarkdownStreamOptions } from '../markdown';

export interface MarkdownRenderer {
  createMarkdownStream(container: HTMLElement, options: MarkdownStreamOptions): MarkdownStream;
  renderMarkdown(container: HTMLElement, text: string, options: MarkdownStreamOptions): void;
}

/** Replace Selection and Show Diff only make sense when the question carried a selection to act on. */
export function codeBlockButtonsFor(questionHadContexts: boolean): readonly CodeBlockButton[] {
  const copy: CodeBlockButton = { action: 'copy', label: t('Copy'), codicon: 'copy' };
  const insert: CodeBlockButton = { action: 'insert', label: t('Insert at Cursor'), codicon: 'insert' };
  const newFile: CodeBlockButton = { action: 'newFile', label: t('New File'), codicon: 'new-file' };
  if (!questionHadContexts) {
    return [copy, insert, newFile];
  }
  const replace: CodeBlockButton = { action: 'replaceSelection', label: t('Replace Selection'), codicon: 'replace' };
  const diff: CodeBlockButton = { action: 'showDiff', label: t('Show Diff'), codicon: 'diff' };
  return [copy, insert, replace, diff, newFile];
}
