// The buttons under a code block in an answer: Insert at Cursor, Replace Selection, Show Diff and New File (Copy
// is the webview's own 'copy' message). CodeBlockActions is the handler the chat controller routes 'codeAction'
// messages to; it owns what it registers and releases it when disposed.
import * as vscode from 'vscode';
import { fitInsertion, fitReplacement } from '../../core/selection/codeEdits';
import { languageIdForFenceTag } from '../../core/selection/languageIds';
import type { CodeBlockAction, WebviewToHost } from '../../shared/protocol';
import { shownContextLabel } from '../../shared/selectionText';
import { Disposable } from '../../shared/disposable';
import type { AnswerContexts } from './answerSource';
import { type SourceContext, isSourceContext, pickSourceContext } from './answerSource';
import { eolOf, replaceAsOneUndoStep } from './editorEdits';
import { LastTextEditorTracker } from './lastTextEditorTracker';
import { replaceSelection } from './replaceSelection';
import { SuggestionDiffs, suggestionScheme } from './suggestionDiff';

export type CodeActionMessage = Extract<WebviewToHost, { type: 'codeAction' }>;

export interface CodeActionHandler {
  handle(message: CodeActionMessage): Promise<void>;
}

/**
 * The code block action handler. Made once at activation: it starts tracking the last text editor (the webview
 * has focus when a button is clicked) and registers the read-only documents Show Diff uses.
 */
export class CodeBlockActions extends Disposable implements CodeActionHandler {
  private readonly editors = this.register(new LastTextEditorTracker(new Set([suggestionScheme])));
  private readonly diffs = this.register(new SuggestionDiffs());

  /** `chat` finds the code an answer was about. */
  constructor(private readonly chat: AnswerContexts) {
    super();
  }

  handle(message: CodeActionMessage): Promise<void> {
    return handleCodeBlockAction(
      { chat: this.chat, editors: this.editors, diffs: this.diffs },
      message.action,
      message.code,
      message.language,
      message.messageId,
    );
  }
}

interface Deps {
  readonly chat: AnswerContexts;
  readonly editors: LastTextEditorTracker;
  readonly diffs: SuggestionDiffs;
}

/** `language` is the block's fence tag as written ("ts", "python"); `answerMessageId` the answer it is in. */
export async function handleCodeBlockAction(deps: Deps, action: CodeBlockAction, code: string, language: string, answerMessageId: string): Promise<void> {
  const languageId = await languageIdFor(language);
  switch (action) {
    case 'insert':
      return insertAtCursor(deps.editors, code, languageId);
    case 'replaceSelection':
      return replaceSelection(
        {
          chat: deps.chat,
          editors: deps.editors,
          showDiff: (current, source, suggestion) => diffAgainstSource(deps.diffs, current, source, suggestion, languageId),
        },
        code,
        languageId,
        answerMessageId,
      );
    case 'showDiff':
      return showDiff(deps, code, languageId, answerMessageId);
    case 'newFile':
      return openAsNewFile(code, languageId);
  }
}

/** The VS Code language id for a fence tag, checked against the languages installed now. */
async function languageIdFor(fenceTag: string): Promise<string> {
  const installed = new Set(await vscode.languages.getLanguages());
  return languageIdForFenceTag(fenceTag, installed);
}

async function insertAtCursor(editors: LastTextEditorTracker, code: string, languageId: string): Promise<void> {
  const editor = editors.current();
  if (!editor) {
    const newFile = vscode.l10n.t('New File');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('There is no editor to insert into. Open a file and put the cursor where the code should go, then click Insert at Cursor again.'),
      newFile,
    );
    if (choice === newFile) {
      await openAsNewFile(code, languageId);
    }
    return;
  }
  const document = editor.document;
  // The primary cursor only: the same block pasted at every cursor of a multi-cursor edit is never what is meant.
  const selection = editor.selection;
  const line = document.lineAt(selection.start.line).text;
  const lineBefore = line.slice(0, selection.start.character);
  const text = selection.isEmpty
    ? fitInsertion(code, lineBefore, line.slice(selection.start.character), eolOf(document))
    : fitReplacement(document.getText(selection), code, lineBefore, eolOf(document));
  if (!(await replaceAsOneUndoStep(editor, selection, text))) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not insert into {0}: the editor did not accept the edit (is it read-only?).', vscode.workspace.asRelativePath(document.uri)),
    );
  }
}

/** The diff between the code the answer was about (or, for other answers, the current selection) and the block. */
async function showDiff(deps: Deps, code: string, languageId: string, answerMessageId: string): Promise<void> {
  const source = await pickSourceContext(deps.chat, answerMessageId, languageId);
  if (source) {
    return diffAgainstSource(deps.diffs, source.code, source, code, languageId);
  }
  if (deps.chat.contextsForAnswer(answerMessageId).some(isSourceContext)) {
    return; // Several selections and the person cancelled the pick.
  }
  const editor = deps.editors.current();
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('This answer was not about a selection. Select the code to compare the suggestion with, then click Show Diff again.'),
    );
    return;
  }
  const document = editor.document;
  const start = editor.selection.start.line + 1;
  await deps.diffs.show(
    {
      text: document.getText(editor.selection),
      label: shownContextLabel({ path: vscode.workspace.asRelativePath(document.uri), startLine: start, endLine: editor.selection.end.line + 1 }),
      languageId: document.languageId,
      fileName: fileNameOf(document.uri),
    },
    { text: code, label: vscode.l10n.t('Suggestion'), languageId: suggestionLanguage(languageId, document.languageId), fileName: fileNameOf(document.uri) },
  );
}

function diffAgainstSource(diffs: SuggestionDiffs, originalText: string, source: SourceContext, suggestion: string, languageId: string): Promise<void> {
  const fileName = fileNameOf(vscode.Uri.parse(source.uri));
  return diffs.show(
    { text: originalText, label: shownContextLabel(source), languageId: source.languageId, fileName },
    { text: suggestion, label: vscode.l10n.t('Suggestion'), languageId: suggestionLanguage(languageId, source.languageId), fileName },
  );
}

/** An untagged block is most likely in the language of the code it is compared with. */
function suggestionLanguage(blockLanguageId: string, sourceLanguageId: string): string {
  return blockLanguageId === 'plaintext' ? sourceLanguageId : blockLanguageId;
}

/** A file name for a diff side whose extension lets VS Code pick the language ("app.ts"; a cell's language comes from its languageId). */
function fileNameOf(uri: vscode.Uri): string {
  if (uri.scheme === 'vscode-notebook-cell') {
    return 'cell';
  }
  const base = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return base === '' ? 'code' : base;
}

async function openAsNewFile(code: string, languageId: string): Promise<void> {
  const content = code.endsWith('\n') ? code : `${code}\n`;
  const document = await vscode.workspace.openTextDocument({ language: languageId, content });
  await vscode.window.showTextDocument(document, { preview: false });
}
