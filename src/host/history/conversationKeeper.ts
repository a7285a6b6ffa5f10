// The saving side of the history: which conversation is open (the chat session's), when it is written, what
// another window's changes do to it, where a fork goes and how a draft is kept. The history UI (historyUi.ts)
// asks it to switch; the store (src/core/storage) does the atomic, two-window-safe file work.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ChatSession, type ChatSessionDeps } from '../../core/chat/chatSession';
import { createConversation, renameConversation } from '../../core/conversation/conversationOps';
import type { ChatStore } from '../../core/storage/chatStore';
import type { ExternalChange } from '../../core/storage/conversationStore';
import { AsyncEmitter } from '../../shared/asyncEmitter';
import type { Conversation } from '../../shared/conversation';
import { Disposable, toDisposable } from '../../shared/disposable';
import type { Logger } from '../logger';

/** What the chat session needs besides the saving hooks, which the keeper supplies itself. */
export type SessionDeps = Omit<ChatSessionDeps, 'onConversationChanged' | 'onAnswerSettled' | 'onForked'>;

export interface ConversationKeeperOptions {
  readonly store: ChatStore;
  readonly logger: Logger;
  /** The conversation the window had open last; a new one is started when there is none. */
  readonly lastOpen: Conversation | undefined;
  /** What other windows did to conversations this window saved (the store reports it). */
  readonly externalChanges: vscode.Event<ExternalChange>;
  readonly session: SessionDeps;
}

export class ConversationKeeper extends Disposable {
  /** The open conversation lives in the session; the keeper decides when it is saved and what replaces it. */
  readonly session: ChatSession;
  private readonly switched = this.register(new AsyncEmitter<void>());
  /**
   * Fires when the open conversation was replaced, so the view gets the full state again. Whoever switched
   * waits for the listeners: a fork's state reaches the view before its answer starts.
   */
  readonly onDidSwitchConversation = this.switched.event;
  private readonly listChanged = this.register(new vscode.EventEmitter<void>());
  /** Fires when the saved conversations may have changed behind the history list's back. */
  readonly onDidChangeList = this.listChanged.event;
  private readonly store: ChatStore;
  private readonly logger: Logger;
  /** The open conversation, into which another window's changes were merged; the chat shows them once idle. */
  private mergePending: string | undefined;

  constructor(options: ConversationKeeperOptions) {
    super();
    this.store = options.store;
    this.logger = options.logger;
    // Registered first, so it is disposed last: the session's final writes still find the store.
    this.register(toDisposable(() => void this.store.dispose()));
    this.session = this.register(
      new ChatSession(
        {
          ...options.session,
          onConversationChanged: (conversation) => this.scheduleSave(conversation),
          onAnswerSettled: (conversation) => this.saveNow(conversation),
          onForked: (fork, original) => this.adoptFork(fork, original),
        },
        options.lastOpen ?? newConversation(),
      ),
    );
    this.register(options.externalChanges((change) => this.externalChange(change)));
    // Coming back to this window is when the person looks for what another window added.
    this.register(
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) {
          void this.store.refresh(this.session.conversation.id);
        }
      }),
    );
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
        void vscode.window.showErrorMessage(vscode.l10n.t('CometAPI: the conversation could not be saved. {0}', text));
      });
  }

  /** New Chat: a fresh conversation, unless the open one is still empty. */
  async startNew(): Promise<void> {
    if (this.session.conversation.messages.length === 0) {
      return;
    }
    await this.switchTo(newConversation());
  }

  async open(id: string): Promise<void> {
    if (id === this.session.conversation.id) {
      return;
    }
    const conversation = await this.store.checkout(id);
    if (!conversation) {
      void vscode.window.showWarningMessage(vscode.l10n.t('CometAPI: that conversation no longer exists (another window may have deleted it).'));
      this.listChanged.fire();
      return;
    }
    await this.switchTo(conversation);
  }

  /** Before `id` is deleted: if it is open, a new conversation takes its place (a late save would bring it back). */
  async close(id: string): Promise<void> {
    if (id === this.session.conversation.id) {
      await this.switchTo(newConversation());
    }
  }

  /** Renames the open conversation and saves it at once. */
  renameOpen(title: string): void {
    this.session.transform((conversation) => renameConversation(conversation, title, Date.now()));
    this.saveNow(this.session.conversation);
  }

  /** Writes whatever is pending; awaited on deactivation. */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /**
   * Retry or Edit on an earlier turn continued in `fork` (already the session's conversation, so it is saved
   * like any other): it becomes the one the window reopens, and the person can go back to the original, which
   * nothing changed.
   */
  private async adoptFork(fork: Conversation, original: Conversation): Promise<void> {
    await this.store.setLastActiveId(fork.id);
    await this.switched.fire();
    const openOriginal = vscode.l10n.t('Open Original');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('CometAPI: continued in a new chat, “{0}”. The original chat is unchanged in the history.', fork.title),
        openOriginal,
      )
      .then((choice) => (choice === openOriginal ? this.open(original.id) : undefined))
      .then(undefined, (error: unknown) => this.logger.error(`Opening the original chat failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async switchTo(conversation: Conversation): Promise<void> {
    this.mergePending = undefined;
    await this.store.flush();
    await this.session.replace(conversation);
    await this.store.setLastActiveId(conversation.messages.length > 0 ? conversation.id : undefined);
    await this.switched.fire();
  }

  /** Says what another window did to a conversation this window saved, and shows the merged result. */
  private externalChange(change: ExternalChange): void {
    this.listChanged.fire();
    if (change.kind === 'forked') {
      const openIt = vscode.l10n.t('Open It');
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t(
            "CometAPI: this chat was also changed in another window and the two could not be merged. The other window's version was kept as a separate chat, “{0}”.",
            change.forkTitle,
          ),
          openIt,
        )
        .then((choice) => (choice === openIt ? this.open(change.forkId) : undefined))
        .then(undefined, (error: unknown) =>
          this.logger.error(`Opening the other window's version failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      return;
    }
    if (change.id !== this.session.conversation.id) {
      return;
    }
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
    if (!id || session.streamingMessageId !== undefined || this.isDisposed) {
      return;
    }
    await this.store.flush();
    // Another conversation may have been opened meanwhile (the merged one stays in the history), or an answer started.
    if (session.conversation.id !== id || session.streamingMessageId !== undefined) {
      return;
    }
    this.mergePending = undefined;
    const merged = this.store.adoptMerged(id);
    if (!merged) {
      return;
    }
    await session.replace(merged);
    await this.switched.fire();
  }
}

function newConversation(): Conversation {
  return createConversation({ id: randomUUID(), now: Date.now(), ...(vscode.workspace.name ? { workspace: vscode.workspace.name } : {}) });
}
