// Reads a whole file for Add File to Chat, when it is attached and again when the question is sent. An open
// editor's unsaved text wins over the disk; otherwise the size is checked before a byte is read, so a 50 MB log
// is refused without being loaded. What is sent is decided by core's attachedFile rules.
import * as vscode from 'vscode';
import { decodeFileBytes, fileContext, languageIdForPath, sizeRefusal, type FileResult } from '../../core/files/attachedFile';
import type { CodeContext } from '../../shared/conversation';
import { describeDocument } from '../selection/readSelections';

/** The label a file is known by: its workspace-relative path, or its full path when outside every folder. */
export function fileLabel(uri: vscode.Uri): string {
  const open = openDocument(uri);
  if (open) {
    return describeDocument(open);
  }
  return vscode.workspace.asRelativePath(uri);
}

/** Neither in a workspace folder nor an editor's unsaved buffer: attaching it asks first (see addFileToChat). */
export function isOutsideWorkspace(uri: vscode.Uri): boolean {
  return uri.scheme !== 'untitled' && vscode.workspace.getWorkspaceFolder(uri) === undefined;
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key && !document.isClosed);
}

/** The file at `uri` as a whole-file context, or why it cannot be attached, in a sentence naming it. */
export async function readFileContext(uri: vscode.Uri, maxChars: number): Promise<FileResult<CodeContext>> {
  const path = fileLabel(uri);
  const document = openDocument(uri);
  // Unsaved edits are what the person sees and means; an untitled buffer has no file at all.
  if (document && (document.isDirty || document.isUntitled)) {
    const refused = sizeRefusal(path, document.getText().length);
    if (refused) {
      return { ok: false, reason: refused };
    }
    return fileContext({ path, languageId: document.languageId, uri: uri.toString(), text: document.getText(), maxChars });
  }
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return { ok: false, reason: vscode.l10n.t('{0} no longer exists (it was deleted, moved or renamed), so it cannot be attached or sent.', path) };
  }
  if (stat.type & vscode.FileType.Directory) {
    return { ok: false, reason: vscode.l10n.t('{0} is a folder. Add File to Chat attaches files: select the files inside it.', path) };
  }
  const refused = sizeRefusal(path, stat.size);
  if (refused) {
    return { ok: false, reason: refused };
  }
  if (document) {
    // Saved and still on disk: the editor's text is the same, decoded with the encoding the person chose.
    return fileContext({ path, languageId: document.languageId, uri: uri.toString(), text: document.getText(), maxChars });
  }
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: vscode.l10n.t('Could not read {0}: {1}', path, detail) };
  }
  const text = decodeFileBytes(path, bytes);
  if (!text.ok) {
    return text;
  }
  return fileContext({ path, languageId: languageIdForPath(path), uri: uri.toString(), text: text.value, maxChars });
}

/** The reader refreshAttachedFiles uses when a question is sent: the same rules, from the attached uri. */
export function rereadAttachedFile(maxChars: number): (attached: CodeContext & { readonly uri: string }) => Promise<FileResult<CodeContext>> {
  return (attached) => readFileContext(vscode.Uri.parse(attached.uri), maxChars);
}
