// Finds the code an answer was about (the selection attached to its question) and where that code is now, for
// Replace Selection and Show Diff.
import * as vscode from 'vscode';
import { locateOriginal } from '../../core/selection/codeEdits';
import type { CodeContext } from '../../shared/conversation';
import { formatCount, shownContextLabel } from '../../shared/selectionText';
import type { ChatApi } from '../chatApi';

/** What the code actions need of the chat: the code attached to the question an answer replied to. */
export type AnswerContexts = Pick<ChatApi, 'contextsForAnswer'>;

/** A context that came from an editor, so it can be found again. */
export type SourceContext = CodeContext & { readonly uri: string };

export type LocatedSource =
  /** The original code is still there, unchanged, at `range`. */
  | { readonly kind: 'unchanged'; readonly document: vscode.TextDocument; readonly range: vscode.Range }
  /** The lines the code was taken from no longer hold it; `lines` are those lines as they are now. */
  | { readonly kind: 'changed'; readonly document: vscode.TextDocument; readonly lines: vscode.Range }
  /** The document is closed for good or now too short: `message` says so. */
  | { readonly kind: 'gone'; readonly message: string }
  /** The document is not open and the person chose not to open it: nothing is to be done. */
  | { readonly kind: 'declined' };

/**
 * A selection the answer's code can go back to. A whole attached file is not one: an answer's block is almost
 * always a part of it, and replacing the whole file with that part would silently delete the rest.
 */
export function isSourceContext(context: CodeContext): context is SourceContext {
  return context.uri !== undefined && !context.wholeFile;
}

/**
 * The context the answer's code block is about. With several, the one in the block's language if that singles
 * one out, else the person picks; undefined when the answer had none or the pick was cancelled.
 */
export async function pickSourceContext(chat: AnswerContexts, answerMessageId: string, blockLanguageId: string): Promise<SourceContext | undefined> {
  const sources = chat.contextsForAnswer(answerMessageId).filter(isSourceContext);
  if (sources.length <= 1) {
    return sources[0];
  }
  const sameLanguage = sources.filter((c) => c.languageId === blockLanguageId);
  if (sameLanguage.length === 1) {
    return sameLanguage[0];
  }
  const picked = await vscode.window.showQuickPick(
    sources.map((source) => ({ label: shownContextLabel(source), source })),
    { title: vscode.l10n.t('Which selection does this code belong to?'), placeHolder: vscode.l10n.t('The question had several selections') },
  );
  return picked?.source;
}

/** The lines the source was sent from: up to the cut when it was truncated, since the model saw no further. */
export function sentLines(source: CodeContext): { readonly startLine: number; readonly endLine: number } {
  return { startLine: source.startLine, endLine: source.truncatedAtLine ?? source.endLine };
}

/**
 * Where the source's code is now. `selectedIn` is the editor the person last used: when its selection is exactly
 * the original code, that selection is the answer (the same text could appear twice on a line).
 */
export async function locateSource(source: SourceContext, selectedIn: vscode.TextEditor | undefined): Promise<LocatedSource> {
  const document = await findDocument(source);
  if (document === 'declined') {
    return { kind: 'declined' };
  }
  if (!document) {
    return { kind: 'gone', message: vscode.l10n.t('{0} is no longer open, so its code cannot be replaced.', source.path) };
  }
  if (selectedIn?.document === document && !selectedIn.selection.isEmpty && document.getText(selectedIn.selection) === source.code) {
    return { kind: 'unchanged', document, range: selectedIn.selection };
  }
  const { startLine, endLine } = sentLines(source);
  if (startLine > document.lineCount) {
    return {
      kind: 'gone',
      message: vscode.l10n.t('{0} now has only {1} lines; the code you asked about is no longer there.', source.path, formatCount(document.lineCount)),
    };
  }
  const lastLine = Math.min(endLine, document.lineCount);
  // From the start of the first line to the start of the line after the last, so a whole-line selection
  // (which ends with its line break) is found as well as one that started or ended mid-line.
  const regionStart = new vscode.Position(startLine - 1, 0);
  const regionEnd = lastLine < document.lineCount ? new vscode.Position(lastLine, 0) : document.lineAt(lastLine - 1).range.end;
  const span = locateOriginal(document.getText(new vscode.Range(regionStart, regionEnd)), source.code);
  if (span) {
    const base = document.offsetAt(regionStart);
    return { kind: 'unchanged', document, range: new vscode.Range(document.positionAt(base + span.start), document.positionAt(base + span.end)) };
  }
  return { kind: 'changed', document, lines: new vscode.Range(regionStart, document.lineAt(lastLine - 1).range.end) };
}

/**
 * The source's document if the person has it open (in an editor or a tab). Any other document is opened only
 * after the person said yes to a modal that names it: a button in the chat never edits a file unseen.
 */
async function findDocument(source: SourceContext): Promise<vscode.TextDocument | undefined | 'declined'> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === source.uri);
  if (open && isOpenToThePerson(open)) {
    return open;
  }
  const uri = vscode.Uri.parse(source.uri);
  // Opening a closed untitled document's URI would create a new, empty one; a closed cell needs its notebook.
  if (uri.scheme === 'untitled' || uri.scheme === 'vscode-notebook-cell') {
    return undefined;
  }
  const openIt = vscode.l10n.t('Open and Replace');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} is not open in an editor. Open it and replace the code this answer is about?', source.path),
    { modal: true, detail: uri.scheme === 'file' ? uri.fsPath : uri.toString(true) },
    openIt,
  );
  if (choice !== openIt) {
    return 'declined';
  }
  try {
    return open ?? (await vscode.workspace.openTextDocument(uri));
  } catch {
    return undefined;
  }
}

/** Shown in an editor or held by a tab. A notebook cell exists as a document only while its notebook is open. */
function isOpenToThePerson(document: vscode.TextDocument): boolean {
  if (document.uri.scheme === 'vscode-notebook-cell' || vscode.window.visibleTextEditors.some((editor) => editor.document === document)) {
    return true;
  }
  const key = document.uri.toString();
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tabUris(tab.input).some((uri) => uri.toString() === key)));
}

function tabUris(input: unknown): vscode.Uri[] {
  if (input instanceof vscode.TabInputText) {
    return [input.uri];
  }
  if (input instanceof vscode.TabInputTextDiff) {
    return [input.original, input.modified];
  }
  return [];
}
