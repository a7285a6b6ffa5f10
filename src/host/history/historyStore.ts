// Opening the conversation store at activation, and what the person is told when the disk refuses or a file is
// damaged. The keeper (conversationKeeper.ts) and the history UI (historyUi.ts) share the store opened here.
import * as vscode from 'vscode';
import { type ChatStore, openChatStore } from '../../core/storage/chatStore';
import type { ExternalChange, StoreProblem } from '../../core/storage/conversationStore';
import type { Conversation } from '../../shared/conversation';
import type { Logger } from '../logger';

export interface OpenedHistory {
  readonly store: ChatStore;
  /** The conversation the window had open last, if it can still be read. */
  readonly lastOpen: Conversation | undefined;
}

/**
 * Opens the store in `folder`; if the folder is unusable, chats are kept in memory and the person is told once.
 * `onExternalChange` hears what other windows did to conversations this window saved.
 */
export async function openHistory(folder: string, logger: Logger, onExternalChange: (change: ExternalChange) => void): Promise<OpenedHistory> {
  const { store, notSavedBecause } = await openChatStore(folder, {
    onProblem: (problem) => reportProblem(problem, logger),
    onExternalChange,
  });
  if (notSavedBecause) {
    logger.warn(`Chats will not be saved: ${notSavedBecause}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('CometAPI: Chats will not be saved: {0}', notSavedBecause));
  }
  const lastId = store.lastActiveId;
  return { store, lastOpen: lastId ? await store.checkout(lastId) : undefined };
}

function reportProblem(problem: StoreProblem, logger: Logger): void {
  logger.warn(`${problem.message} (${problem.path})`);
  const reveal = vscode.l10n.t('Show File');
  void vscode.window.showWarningMessage(vscode.l10n.t('CometAPI: {0}', problem.message), reveal).then((choice) => {
    if (choice === reveal) {
      void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(problem.movedTo ?? problem.path));
    }
  });
}
