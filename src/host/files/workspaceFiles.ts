// Finds the files the `#` picker lists: every workspace folder, searched with that folder's files.exclude and
// search.exclude (what the person hid from the Explorer and from search is not offered either), up to the cap.
import * as vscode from 'vscode';
import { excludeGlob, MAX_PICKER_FILES, type WorkspaceFile } from '../../core/files/workspaceFileList';

export interface FoundFiles {
  readonly files: readonly WorkspaceFile[];
  /** The search was cancelled (it took too long, or the picker closed) before every folder was searched. */
  readonly cancelled: boolean;
}

/** Up to one more than the cap, so the rows can tell that files were left out. */
export async function findWorkspaceFiles(token: vscode.CancellationToken): Promise<FoundFiles> {
  const files: WorkspaceFile[] = [];
  const wanted = MAX_PICKER_FILES + 1;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (files.length >= wanted) {
      break;
    }
    if (token.isCancellationRequested) {
      return { files, cancelled: true };
    }
    const exclude = excludeGlob([
      vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude'),
      vscode.workspace.getConfiguration('search', folder.uri).get<Record<string, unknown>>('exclude'),
    ]);
    let uris: vscode.Uri[];
    try {
      uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), exclude, wanted - files.length, token);
    } catch (error) {
      if (token.isCancellationRequested) {
        return { files, cancelled: true };
      }
      throw error;
    }
    for (const uri of uris) {
      files.push({ uri: uri.toString(), folder: folder.name, relativePath: vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/') });
    }
  }
  return { files, cancelled: token.isCancellationRequested };
}
