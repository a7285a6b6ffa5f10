// The picker `#` in the chat input opens: a quick pick of the workspace's files, fuzzy matched on the name and
// its folder, usable from the keyboard alone (VS Code's quick pick is). It opens at once and fills in while the
// files are found, so typing can start before a large workspace is listed; the search is cut off after a while.
import * as vscode from 'vscode';
import { filePickRows, MAX_PICKER_FILES } from '../../core/files/workspaceFileList';
import { formatCount } from '../../shared/selectionText';
import { Disposable, DisposableStore, toDisposable } from '../../shared/disposable';
import { findWorkspaceFiles } from './workspaceFiles';

/** How long the files are searched for before the picker shows what was found (a network drive, a huge tree). */
const SEARCH_TIME_LIMIT_MS = 10_000;

type FileItem = vscode.QuickPickItem & { readonly uri: string };

export class WorkspaceFilePicker extends Disposable {
  /** The picker that is open, so a second `#` does not stack another and disposal closes it. */
  private open: DisposableStore | undefined;

  /** `activeFile`: the file the person was just in (ActiveFileOffer), listed first. */
  constructor(private readonly activeFile: () => vscode.Uri | undefined) {
    super();
    this.register(toDisposable(() => this.open?.dispose()));
  }

  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /** The file the person chose, or undefined (Escape, no workspace). */
  async pick(): Promise<vscode.Uri | undefined> {
    if (this.open || this.isDisposed) {
      return undefined;
    }
    if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No folder is open, so # has no workspace files to offer. Open a folder, or run "CometAPI: Add File to Chat" on an open file.'),
      );
      return undefined;
    }
    const store = new DisposableStore();
    this.open = store;
    try {
      return await this.show(store);
    } finally {
      store.dispose();
      this.open = undefined;
    }
  }

  private show(store: DisposableStore): Promise<vscode.Uri | undefined> {
    const quickPick = store.add(vscode.window.createQuickPick<FileItem>());
    quickPick.title = vscode.l10n.t('Attach a File to the Chat');
    quickPick.placeholder = vscode.l10n.t('Type part of a file name or folder');
    quickPick.matchOnDescription = true;
    quickPick.busy = true;
    const search = store.add(new vscode.CancellationTokenSource());
    const timer = setTimeout(() => search.cancel(), SEARCH_TIME_LIMIT_MS);
    store.add(toDisposable(() => clearTimeout(timer)));
    const chosen = new Promise<vscode.Uri | undefined>((resolve) => {
      store.add(
        quickPick.onDidAccept(() => {
          const item = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
          resolve(item ? vscode.Uri.parse(item.uri) : undefined);
          quickPick.hide();
        }),
      );
      store.add(quickPick.onDidHide(() => resolve(undefined)));
      store.add(toDisposable(() => resolve(undefined)));
    });
    quickPick.show();
    void this.fill(quickPick, search.token);
    return chosen;
  }

  private async fill(quickPick: vscode.QuickPick<FileItem>, token: vscode.CancellationToken): Promise<void> {
    let found: Awaited<ReturnType<typeof findWorkspaceFiles>>;
    try {
      found = await findWorkspaceFiles(token);
    } catch (error) {
      quickPick.busy = false;
      quickPick.placeholder = vscode.l10n.t('The workspace files could not be listed: {0}', error instanceof Error ? error.message : String(error));
      return;
    }
    const { rows, capped } = filePickRows(found.files, {
      preferred: openFiles(this.activeFile()),
      multiRoot: (vscode.workspace.workspaceFolders ?? []).length > 1,
    });
    quickPick.items = rows.map((row) => ({ label: row.label, description: row.description, uri: row.uri, iconPath: vscode.ThemeIcon.File }));
    quickPick.busy = false;
    if (rows.length === 0) {
      quickPick.placeholder = vscode.l10n.t('No files found in this workspace (files.exclude and search.exclude are left out).');
    } else if (capped) {
      quickPick.placeholder = vscode.l10n.t(
        'Only the first {0} files of this workspace are listed. Type part of a file name or folder.',
        formatCount(MAX_PICKER_FILES),
      );
    } else if (found.cancelled) {
      quickPick.placeholder = vscode.l10n.t(
        'Listing the workspace files took too long; the files found so far are listed. Type part of a file name or folder.',
      );
    }
  }
}

/** The file the person was just in, then the other open tabs' files: what the person most likely means. */
function openFiles(activeFile: vscode.Uri | undefined): string[] {
  const active = activeFile?.toString();
  const tabs = vscode.window.tabGroups.all.flatMap((group) =>
    group.tabs.flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : [])),
  );
  return active ? [active, ...tabs] : tabs;
}
