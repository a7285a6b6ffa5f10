// Conversations on disk: which one is active, switching, New Chat, rename, delete with Undo, export and
// the history quick pick. The store (src/core/storage) does the atomic, two-window-safe file work.
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import { createConversation, renameConversation, toMarkdown } from '../core/conversation/conversationOps';
import { type ChatStore, openChatStore } from '../core/storage/chatStore';
import type { ExternalChange, StoreProblem } from '../core/storage/conversationStore';
import type { Conversation } from '../shared/conversation';
import type { ChatViewProvider } from './chatViewProvider';
import type { Logger } from './logger';

export class HistoryController implements vscode.Disposable {
  private session: ChatSession | undefined;
  private view: ChatViewProvider | undefined;
  private readonly switchEmitter = new vscode.EventEmitter<void>();
  /** Fires when the active conversation was replaced, so the view gets the full state again. */
  readonly onDidSwitchConversation = this.switchEmitter.event;
  /** The open conversation, into which another window's changes were merged; the chat shows them once idle. */
  private mergePending: string | undefined;
  private readonly focusListener: vscode.Disposable;

  private constructor(
    private readonly store: ChatStore,
    private readonly logger: Logger,
    private readonly initial: Conversation,
  ) {
    // Coming back to this window is when the person looks for what another window added.
    this.focusListener = vscode.window.onDidChangeWindowState((state) => {
      if (state.focused && this.session) void this.store.refresh(this.session.conversation.id);
    });
  }

  /** Opens the store; if the storage folder is unusable, chats are kept in memory and the person is told once. */
  static async open(context: vscode.ExtensionContext, logger: Logger): Promise<HistoryController> {
    const relay: { to?: HistoryController } = {};
    const { store, notSavedBecause } = await openChatStore(context.globalStorageUri.fsPath, {
      onProblem: (problem) => reportProblem(problem, logger),
      onExternalChange: (change) => relay.to?.externalChange(change),
    });
    if (notSavedBecause) {
      logger.warn(`Chats will not be saved: ${notSavedBecause}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('CometAPI: Chats will not be saved: {0}', notSavedBecause));
    }
    const lastId = store.lastActiveId;
    const last = lastId ? await store.checkout(lastId) : undefined;
    relay.to = new HistoryController(store, logger, last ?? newConversation());
    return relay.to;
  }

  initialConversation(): Conversation {
    return this.initial;
  }

  attach(session: ChatSession, view: ChatViewProvider): void {
    this.session = session;
    this.view = view;
  }

  /** Debounced write while an answer streams (the store writes at most every ~500 ms). */
  scheduleSave(conversation: Conversation): void {
    if (conversation.messages.length > 0) {
      this.store.scheduleSave(conversation);
    }
  }

  /**
   * Saves a changed draft (debounced like answers). A conversation with no question yet is saved for its
   * draft too, and becomes the one the window reopens, so a reload finds the draft where it was typed.
   */
  saveDraft(conversation: Conversation): void {
    this.store.scheduleSave(conversation);
    if (conversation.messages.length === 0 && conversation.draft && this.store.lastActiveId !== conversation.id) {
      this.store.setLastActiveId(conversation.id).catch((error: unknown) => {
        this.logger.warn(`Remembering the open conversation failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  }

  saveNow(conversation: Conversation): void {
    if (conversation.messages.length === 0) {
      return;
    }
    this.store
      .save(conversation)
      .then(() => (this.store.lastActiveId === conversation.id ? undefined : this.store.setLastActiveId(conversation.id)))
      .then(() => this.showMergedWhenIdle())
      .catch((error: unknown) => {
        const text = error instanceof Error ? error.message : String(error);
        this.logger.error(`Saving the conversation failed: ${text}`);
        void vscode.window.showErrorMessage(`CometAPI: the conversation could not be saved. ${text}`);
      });
  }

  /**
   * Retry or Edit on an earlier turn continued in `fork` (already the session's conversation, so it is saved
   * like any other): it becomes the one the window reopens, and the person can go back to the original, which
   * nothing changed.
   */
  async adoptFork(fork: Conversation, original: Conversation): Promise<void> {
    await this.store.setLastActiveId(fork.id);
    this.switchEmitter.fire();
    const openOriginal = vscode.l10n.t('Open Original');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('CometAPI: continued in a new chat, “{0}”. The original chat is unchanged in the history.', fork.title), openOriginal)
      .then((choice) => (choice === openOriginal ? this.open(original.id) : undefined))
      .then(undefined, (error: unknown) => this.logger.error(`Opening the original chat failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  async startNew(): Promise<void> {
    if (this.requireSession().conversation.messages.length === 0) {
      return;
    }
    await this.switchTo(newConversation());
  }

  async open(id: string): Promise<void> {
    if (id === this.requireSession().conversation.id) {
      return;
    }
    const conversation = await this.store.checkout(id);
    if (!conversation) {
      void vscode.window.showWarningMessage('CometAPI: that conversation no longer exists (another window may have deleted it).');
      await this.postList();
      return;
    }
    await this.switchTo(conversation);
  }

  async delete(id: string): Promise<void> {
    // Switch away first: a save of the open conversation (an answer still ending) would bring it back.
    if (id === this.requireSession().conversation.id) {
      await this.switchTo(newConversation());
    }
    const deleted = await this.store.delete(id);
    await this.postList();
    if (!deleted) {
      return;
    }
    const undo = 'Undo';
    const choice = await vscode.window.showInformationMessage(`CometAPI: deleted “${deleted.conversation.title}”.`, undo);
    if (choice === undo) {
      await this.store.restore(deleted.conversation);
      await this.postList();
    }
  }

  async rename(id: string, title: string): Promise<void> {
    const session = this.requireSession();
    if (!title.trim()) {
      return;
    }
    if (id === session.conversation.id) {
      session.transform((conversation) => renameConversation(conversation, title, Date.now()));
      this.saveNow(session.conversation);
    } else {
      await this.store.rename(id, title);
    }
    await this.postList();
  }

  async exportToMarkdown(id: string): Promise<void> {
    const session = this.requireSession();
    const conversation = id === session.conversation.id ? session.conversation : await this.store.load(id);
    if (!conversation || conversation.messages.length === 0) {
      void vscode.window.showInformationMessage('CometAPI: there is nothing to export in this conversation yet.');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const target = await vscode.window.showSaveDialog({
      title: 'Export Chat as Markdown',
      defaultUri: vscode.Uri.joinPath(folder, `${fileNameFor(conversation.title)}.md`),
      filters: { Markdown: ['md'] },
    });
    if (!target) {
      return;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(toMarkdown(conversation)));
    const openIt = 'Open';
    if ((await vscode.window.showInformationMessage(`CometAPI: chat exported to ${vscode.workspace.asRelativePath(target)}.`, openIt)) === openIt) {
      await vscode.window.showTextDocument(target);
    }
  }

  async postList(): Promise<void> {
    const session = this.requireSession();
    const conversations = await this.store.list();
    this.view?.post({ type: 'conversationList', conversations, activeId: session.conversation.id });
  }

  /** Command palette access to the history: type to search titles and message text. */
  async showQuickPick(): Promise<void> {
    type Item = vscode.QuickPickItem & { id?: string };
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = 'CometAPI Chat History';
    pick.placeholder = 'Search conversations by title or text';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const toItems = (hits: readonly { id: string; title: string; updatedAt: number; workspace?: string; messageCount: number; snippet?: string }[]): Item[] =>
      hits.map((hit) => ({
        id: hit.id,
        label: hit.title,
        description: [hit.workspace, new Date(hit.updatedAt).toLocaleString()].filter(Boolean).join(' · '),
        detail: hit.snippet || `${hit.messageCount} messages`,
      }));
    const disposables: vscode.Disposable[] = [];
    let searchRun = 0;
    pick.busy = true;
    pick.show();
    pick.items = [{ label: '$(add) New Chat', alwaysShow: true }, ...toItems(await this.store.list())];
    pick.busy = false;
    disposables.push(
      pick.onDidChangeValue(async (value) => {
        const run = ++searchRun;
        const hits = value.trim() ? await this.store.search(value) : await this.store.list();
        if (run === searchRun) {
          pick.items = [{ label: '$(add) New Chat', alwaysShow: true }, ...toItems(hits)];
        }
      }),
      pick.onDidAccept(async () => {
        const chosen = pick.selectedItems[0];
        pick.hide();
        if (chosen?.id) {
          await this.open(chosen.id);
        } else if (chosen) {
          await vscode.commands.executeCommand('cometapi.newChat');
        }
        await this.view?.reveal();
      }),
      pick.onDidHide(() => {
        disposables.forEach((disposable) => disposable.dispose());
        pick.dispose();
      }),
    );
  }

  /** Writes whatever is pending; awaited on deactivation. */
  flush(): Promise<void> {
    return this.store.flush();
  }

  dispose(): void {
    this.focusListener.dispose();
    this.switchEmitter.dispose();
    void this.store.dispose();
  }

  private async switchTo(conversation: Conversation): Promise<void> {
    const session = this.requireSession();
    this.mergePending = undefined;
    await this.store.flush();
    await session.replace(conversation);
    await this.store.setLastActiveId(conversation.messages.length > 0 ? conversation.id : undefined);
    this.switchEmitter.fire();
  }

  /** Says what another window did to a conversation this window saved, and shows the merged result. */
  private externalChange(change: ExternalChange): void {
    if (this.session) void this.postList();
    if (change.kind === 'forked') {
      const openIt = vscode.l10n.t('Open It');
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t('CometAPI: this chat was also changed in another window and the two could not be merged. The other window\'s version was kept as a separate chat, “{0}”.', change.forkTitle),
          openIt,
        )
        .then((choice) => (choice === openIt ? this.open(change.forkId) : undefined))
        .then(undefined, (error: unknown) => this.logger.error(`Opening the other window's version failed: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    if (change.id !== this.session?.conversation.id) return;
    const text =
      change.added === 1
        ? vscode.l10n.t('CometAPI: another window added 1 message to this chat; it was merged.')
        : change.added > 1
          ? vscode.l10n.t('CometAPI: another window added {0} messages to this chat; they were merged.', change.added)
          : vscode.l10n.t('CometAPI: another window changed this chat; its changes were merged.');
    void vscode.window.showInformationMessage(text);
    this.mergePending = change.id;
    void this.showMergedWhenIdle();
  }

  /** Replaces the open conversation with the merged one, unless an answer is streaming (then after it ends). */
  private async showMergedWhenIdle(): Promise<void> {
    const session = this.session;
    const id = this.mergePending;
    if (!id || !session || session.streamingMessageId !== undefined) return;
    await this.store.flush();
    // Another conversation may have been opened meanwhile (the merged one stays in the history), or an answer started.
    if (session.conversation.id !== id || session.streamingMessageId !== undefined) return;
    this.mergePending = undefined;
    const merged = this.store.adoptMerged(id);
    if (!merged) return;
    await session.replace(merged);
    this.switchEmitter.fire();
  }

  private requireSession(): ChatSession {
    if (!this.session) {
      throw new Error('The history is used before the chat session was attached.');
    }
    return this.session;
  }
}

function newConversation(): Conversation {
  return createConversation({ id: randomUUID(), now: Date.now(), ...(vscode.workspace.name ? { workspace: vscode.workspace.name } : {}) });
}

function fileNameFor(title: string): string {
  return title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim().slice(0, 80) || 'chat';
}

function reportProblem(problem: StoreProblem, logger: Logger): void {
  logger.warn(`${problem.message} (${problem.path})`);
  const reveal = 'Show File';
  void vscode.window.showWarningMessage(`CometAPI: ${problem.message}`, reveal).then((choice) => {
    if (choice === reveal) {
      void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(problem.movedTo ?? problem.path));
    }
  });
}
