// The history as the person handles it: the list in the chat view, the history quick pick, rename, delete with
// Undo, and export to Markdown. Switching and saving are the keeper's (conversationKeeper.ts).
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { toMarkdown } from '../../core/conversation/conversationOps';
import { markdownFileName } from '../../core/conversation/exportFileName';
import type { ChatStore } from '../../core/storage/chatStore';
import { imageFileName, type ImageStore } from '../../core/storage/imageStore';
import type { ImageRef } from '../../shared/conversation';
import { Disposable, DisposableStore, toDisposable } from '../../shared/disposable';
import { usdFormatOptions } from '../../shared/moneyFormat';
import type { ConversationSummary, HostToWebview } from '../../shared/protocol';
import { readShowCost } from '../settings';
import type { ConversationKeeper } from './conversationKeeper';

/** The parts of the chat view the history uses. */
export interface HistoryView {
  post(message: HostToWebview): void;
  reveal(): Promise<void>;
}

export class HistoryUi extends Disposable {
  /** The history quick pick's listeners while it is shown (one at a time: a new quick pick hides the last). */
  private pickListeners: DisposableStore | undefined;

  constructor(
    private readonly store: ChatStore,
    private readonly keeper: ConversationKeeper,
    private readonly view: HistoryView,
    /** Where the images of questions are kept; exported beside the Markdown file. */
    private readonly images?: ImageStore,
  ) {
    super();
    this.register(keeper.onDidChangeList(() => void this.postList()));
    this.register(toDisposable(() => this.pickListeners?.dispose()));
  }

  async postList(): Promise<void> {
    const conversations = await this.store.list();
    this.view.post({ type: 'conversationList', conversations, activeId: this.keeper.session.conversation.id });
  }

  async delete(id: string): Promise<void> {
    // Switch away first: a save of the open conversation (an answer still ending) would bring it back.
    await this.keeper.close(id);
    const deleted = await this.store.delete(id);
    await this.postList();
    if (!deleted) {
      return;
    }
    const undo = vscode.l10n.t('Undo');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('CometAPI: deleted “{0}”.', deleted.conversation.title), undo);
    if (choice === undo) {
      await this.store.restore(deleted.conversation);
      await this.postList();
    }
  }

  async rename(id: string, title: string): Promise<void> {
    if (!title.trim()) {
      return;
    }
    if (id === this.keeper.session.conversation.id) {
      this.keeper.renameOpen(title);
    } else {
      await this.store.rename(id, title);
    }
    await this.postList();
  }

  async exportToMarkdown(id: string): Promise<void> {
    const open = this.keeper.session.conversation;
    const conversation = id === open.id ? open : await this.store.load(id);
    if (!conversation || conversation.messages.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('CometAPI: there is nothing to export in this conversation yet.'));
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Chat as Markdown'),
      defaultUri: vscode.Uri.joinPath(folder, markdownFileName(conversation.title)),
      filters: { Markdown: ['md'] },
    });
    if (!target) {
      return;
    }
    const images = conversation.messages.flatMap((message) => (message.role === 'user' ? (message.images ?? []) : []));
    // Images go into a folder beside the document, named after it, and the document links them relatively.
    const imageFolder = `${target.path.split('/').pop()?.replace(/\.md$/iu, '') ?? 'chat'}-images`;
    const folderUri = vscode.Uri.joinPath(target, '..', imageFolder);
    let exported = images.length > 0 && this.images !== undefined;
    if (exported && this.images) {
      try {
        for (const image of images) {
          const bytes = Buffer.from(await this.images.readBase64(image), 'base64');
          await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folderUri, imageFileName(image)), bytes);
        }
      } catch (error) {
        exported = false;
        void vscode.window.showWarningMessage(
          vscode.l10n.t('CometAPI: the images of this chat could not be exported: {0}', error instanceof Error ? error.message : String(error)),
        );
      }
    }
    const link = (image: ImageRef) => `${encodeURI(imageFolder)}/${imageFileName(image)}`;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(toMarkdown(conversation, exported ? link : undefined)));
    const openIt = vscode.l10n.t('Open');
    if (
      (await vscode.window.showInformationMessage(vscode.l10n.t('CometAPI: chat exported to {0}.', vscode.workspace.asRelativePath(target)), openIt)) === openIt
    ) {
      await vscode.window.showTextDocument(target);
    }
  }

  /** Command palette access to the history: type to search titles and message text. */
  async showQuickPick(): Promise<void> {
    type Item = vscode.QuickPickItem & { id?: string };
    this.pickListeners?.dispose();
    const listeners = new DisposableStore();
    this.pickListeners = listeners;
    const pick = listeners.add(vscode.window.createQuickPick<Item>());
    pick.title = vscode.l10n.t('CometAPI Chat History');
    pick.placeholder = vscode.l10n.t('Search conversations by title or text');
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const toItems = (hits: readonly (ConversationSummary & { snippet?: string })[]): Item[] =>
      hits.map((hit) => ({
        id: hit.id,
        label: hit.title,
        description: [hit.workspace, new Date(hit.updatedAt).toLocaleString(vscode.env.language), costText(hit.costUsd)].filter(Boolean).join(' · '),
        detail: hit.snippet || vscode.l10n.t('{0} messages', hit.messageCount),
      }));
    let searchRun = 0;
    listeners.add(
      pick.onDidChangeValue(async (value) => {
        const run = ++searchRun;
        const hits = value.trim() ? await this.store.search(value) : await this.store.list();
        if (run === searchRun) {
          pick.items = [{ label: vscode.l10n.t('$(add) New Chat'), alwaysShow: true }, ...toItems(hits)];
        }
      }),
    );
    listeners.add(
      pick.onDidAccept(async () => {
        const chosen = pick.selectedItems[0];
        pick.hide();
        if (chosen?.id) {
          await this.keeper.open(chosen.id);
        } else if (chosen) {
          await vscode.commands.executeCommand('cometapi.newChat');
        }
        await this.view.reveal();
      }),
    );
    listeners.add(pick.onDidHide(() => listeners.dispose()));
    pick.busy = true;
    pick.show();
    const everything = await this.store.list();
    if (searchRun === 0) {
      pick.items = [{ label: vscode.l10n.t('$(add) New Chat'), alwaysShow: true }, ...toItems(everything)];
    }
    pick.busy = false;
  }
}

/** The conversation's total, unless `cometapi.showCost` is off or no answer has a price. */
function costText(costUsd: number | undefined): string | undefined {
  return costUsd === undefined || !readShowCost() ? undefined : new Intl.NumberFormat(vscode.env.language, usdFormatOptions(costUsd)).format(costUsd);
}
