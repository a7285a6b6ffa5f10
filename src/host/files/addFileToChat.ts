// "Add File to Chat": the explorer's context menu (one file or several), the editor tab's context menu and the
// palette (the current file) attach whole files to the chat input as chips, without sending. The rule for a file
// outside the workspace: it is attached only after the person confirms, in a dialog that names its full path,
// since a file outside the project (a key, a config in the home folder) is rarely meant to reach a model.
import * as vscode from 'vscode';
import { formatCount, shownTruncationNotice } from '../../shared/selectionText';
import type { CodeContext } from '../../shared/conversation';
import type { ChatApi } from '../chatApi';
import { readMaxChars, reportFailures } from '../selection/selectionCommands';
import { isOutsideWorkspace, readFileContext } from './readAttachedFile';

export const addFileToChatCommand = 'cometapi.addFileToChat';

export function registerAddFileToChat(chat: ChatApi): vscode.Disposable {
  return vscode.commands.registerCommand(addFileToChatCommand, (uri: unknown, uris: unknown) =>
    reportFailures(addFilesToChat(chat, targets(uri, uris)).then(() => undefined)),
  );
}

/**
 * The files the command was run on: the explorer passes the clicked file and the whole selection, the editor
 * tab menu the tab's file, the palette nothing (the current file then).
 */
function targets(uri: unknown, uris: unknown): vscode.Uri[] {
  if (Array.isArray(uris) && uris.length > 0 && uris.every((item) => item instanceof vscode.Uri)) {
    return uris as vscode.Uri[];
  }
  if (uri instanceof vscode.Uri) {
    return [uri];
  }
  const current = vscode.window.activeTextEditor?.document.uri ?? activeTabUri();
  return current ? [current] : [];
}

/** The active tab's file when it is not a text editor (an image preview, a notebook), so it is refused by name. */
function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputNotebook) {
    return input.uri;
  }
  return undefined;
}

/**
 * Attaches `uris` as chips (after the outside-workspace confirmation), telling the person about each refusal.
 * True when at least one chip was attached (the `#` picker then removes the `#` that opened it).
 */
export async function addFilesToChat(chat: ChatApi, uris: readonly vscode.Uri[]): Promise<boolean> {
  if (uris.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file, or right-click files in the Explorer, then run "CometAPI: Add File to Chat" again.'));
    return false;
  }
  const outside = uris.filter(isOutsideWorkspace);
  if (outside.length > 0 && !(await confirmOutside(outside))) {
    return false;
  }
  const maxChars = readMaxChars();
  const contexts: CodeContext[] = [];
  const refusals: string[] = [];
  for (const uri of uris) {
    const read = await readFileContext(uri, maxChars);
    if (read.ok) {
      contexts.push(read.value);
    } else {
      refusals.push(read.reason);
    }
  }
  if (refusals.length > 0) {
    void vscode.window.showWarningMessage(refusals.join(' '));
  }
  if (contexts.length === 0) {
    return false;
  }
  await chat.reveal();
  for (const context of contexts) {
    await chat.attach(context);
  }
  announceCuts(contexts, maxChars);
  return true;
}

async function confirmOutside(outside: readonly vscode.Uri[]): Promise<boolean> {
  const attach = vscode.l10n.t('Attach');
  const choice = await vscode.window.showWarningMessage(
    outside.length === 1
      ? vscode.l10n.t('This file is outside the workspace. Attach it to the chat anyway? Its text will be sent to CometAPI with your next question.')
      : vscode.l10n.t(
          '{0} files are outside the workspace. Attach them to the chat anyway? Their text will be sent to CometAPI with your next question.',
          outside.length,
        ),
    { modal: true, detail: outside.map((uri) => (uri.scheme === 'file' ? uri.fsPath : uri.toString(true))).join('\n') },
    attach,
  );
  return choice === attach;
}

/** The chip shows the cut too; the message is there because the person acted in the explorer or an editor. */
function announceCuts(contexts: readonly CodeContext[], maxChars: number): void {
  const notices = contexts.flatMap((context) => {
    const notice = shownTruncationNotice(context);
    return notice === undefined ? [] : [vscode.l10n.t('{0}: {1}', context.path, notice)];
  });
  if (notices.length === 0) {
    return;
  }
  const changeLimit = vscode.l10n.t('Change Limit');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('File too long for cometapi.maxContextCharacters ({0}), so only its start will be sent: {1}.', formatCount(maxChars), notices.join('; ')),
      changeLimit,
    )
    .then((choice) => {
      if (choice === changeLimit) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'cometapi.maxContextCharacters');
      }
    });
}
