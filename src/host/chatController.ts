// Binds the chat session to the webview and to VS Code: routes webview messages, replays the full
// state on `ready`, keeps the `cometapi.isStreaming` context key, and offers ChatApi to other features.
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import { contextsForAnswer } from '../core/conversation/answerContexts';
import { refreshAttachedFiles } from '../core/files/attachedFile';
import type { AsyncEvent } from '../shared/asyncEmitter';
import type { AssistantMessage, CodeContext, Conversation, ImageRef, UserMessage } from '../shared/conversation';
import { ChatImages, type ImageSupport } from './images/chatImages';
import { Disposable } from '../shared/disposable';
import { type ActiveFile, type HostToWebview, type WebviewToHost, assertNever } from '../shared/protocol';
import type { ChatApi } from './chatApi';
import { openChatLink, runErrorAction } from './chatActions';
import { ChatDraft, type DraftSaver } from './chatDraft';
import type { CodeActionHandler } from './codeActions/codeBlockActions';
import type { ActiveFileOffer } from './files/activeFileOffer';
import { addFilesToChat } from './files/addFileToChat';
import { WorkspaceFilePicker } from './files/workspaceFilePicker';
import { rereadAttachedFile } from './files/readAttachedFile';
import { readMaxChars } from './selection/selectionCommands';
import type { Logger } from './logger';
import { readChatSettings, readShowCost } from './settings';
import { webviewL10n } from './webviewL10n';

/** The chat webview as the controller uses it (ChatViewProvider). */
export interface ChatView {
  readonly onDidBecomeReady: vscode.Event<void>;
  readonly onDidReceiveMessage: vscode.Event<Exclude<WebviewToHost, { type: 'ready' }>>;
  post(message: HostToWebview): void;
  reveal(): Promise<void>;
}

/** Whether a key is stored, and when that changes (ApiKeyManager). */
export interface KeyPresence {
  readonly onDidChange: vscode.Event<boolean>;
  hasKey(): Promise<boolean>;
}

/** The saving side of the history (ConversationKeeper): the open conversation and what replaces it. */
export interface OpenConversation extends DraftSaver {
  readonly session: ChatSession;
  readonly onDidSwitchConversation: AsyncEvent<void>;
  startNew(): Promise<void>;
  open(id: string): Promise<void>;
}

/** The history as the person handles it (HistoryUi). */
export interface HistoryActions {
  postList(): Promise<void>;
  delete(id: string): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  exportToMarkdown(id: string): Promise<void>;
}

export interface ChatControllerDeps {
  readonly conversations: OpenConversation;
  readonly history: HistoryActions;
  readonly view: ChatView;
  readonly apiKeys: KeyPresence;
  /** Insert, Replace Selection, Show Diff and New File under an answer's code blocks. */
  readonly codeActions: CodeActionHandler;
  readonly logger: Logger;
  /** The active editor's file, offered as a one-click chip (ActiveFileOffer). */
  readonly activeFile?: Pick<ActiveFileOffer, 'current' | 'uri'>;
  /** Where attached images are stored, and why some cannot go to a model (see src/core/images/visionRules.ts). */
  readonly images?: ImageSupport;
  /** After each full state: what must follow it (the view ignores anything that comes before its first state). */
  readonly onStatePosted?: () => void;
}

export class ChatController extends Disposable implements ChatApi {
  private readonly session: ChatSession;
  private readonly view: ChatView;
  private readonly apiKeys: KeyPresence;
  private readonly conversations: OpenConversation;
  private readonly history: HistoryActions;
  private readonly codeActions: CodeActionHandler;
  private readonly logger: Logger;
  private readonly filePicker: WorkspaceFilePicker;
  private readonly draft: ChatDraft;
  private readonly activeFile: ChatControllerDeps['activeFile'];
  private readonly images: ChatImages;
  private readonly onStatePosted: () => void;
  /** Counts replays, so only the newest of several overlapping ones posts. */
  private replays = 0;

  constructor(deps: ChatControllerDeps) {
    super();
    this.conversations = deps.conversations;
    this.history = deps.history;
    this.view = deps.view;
    this.apiKeys = deps.apiKeys;
    this.codeActions = deps.codeActions;
    this.logger = deps.logger;
    this.activeFile = deps.activeFile;
    this.onStatePosted = deps.onStatePosted ?? (() => undefined);
    this.session = deps.conversations.session;
    this.draft = new ChatDraft(this.session, deps.conversations);
    this.images = new ChatImages({
      session: this.session,
      draft: this.draft,
      post: (message) => this.view.post(message),
      reveal: () => this.view.reveal(),
      support: deps.images,
    });
    this.filePicker = this.register(new WorkspaceFilePicker(() => this.activeFile?.uri));
    const view = this.view;
    this.register(view.onDidBecomeReady(() => void this.replayState()));
    this.register(view.onDidReceiveMessage((message) => void this.handle(message).catch((error: unknown) => this.reportUnexpected(error))));
    this.register(this.apiKeys.onDidChange((hasApiKey) => view.post({ type: 'apiKeyChanged', hasApiKey })));
    // Awaited by whoever switched: a fork's full state reaches the view before its answer starts.
    this.register(
      this.conversations.onDidSwitchConversation(async () => {
        this.draft.conversationChanged();
        await this.replayState().catch((error: unknown) => this.reportUnexpected(error));
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cometapi.model')) {
          view.post({ type: 'modelChanged', model: readChatSettings().model });
        }
        if (event.affectsConfiguration('cometapi.showCost')) {
          view.post({ type: 'costVisibilityChanged', showCost: readShowCost() });
        }
      }),
    );
  }

  // ChatApi

  reveal(): Promise<void> {
    return this.view.reveal();
  }

  /** Sends now, or queues behind the answer that is streaming (the chat shows it as queued). */
  async send(text: string, contexts: readonly CodeContext[] = [], images: readonly ImageRef[] = []): Promise<void> {
    if ((await this.session.submit(text, contexts, images)) === 'refused' && text.trim()) {
      // Only a full queue refuses real text: it goes back into the input, never into the void.
      await this.restoreToInput(text, contexts, images);
      void vscode.window.showWarningMessage(vscode.l10n.t('CometAPI: too many messages are waiting for the answer to end. Yours is back in the chat input.'));
    }
  }

  async attach(context: CodeContext): Promise<void> {
    await this.view.reveal();
    // Kept in the host's draft first: the state a view gets on `ready` shows it even if this post is missed.
    this.view.post({ type: 'attachContext', chip: this.draft.attach(context) });
  }

  /** Attach Image…: the webview scales the picked file like a pasted one and hands it back as `attachImage`. */
  attachImageFromFile(): Promise<void> {
    return this.images.attachFromFile();
  }

  contextsForAnswer(answerMessageId: string): readonly CodeContext[] {
    return contextsForAnswer(this.session.conversation, answerMessageId);
  }

  draftQuestion(): { readonly text: string; readonly contexts: readonly CodeContext[]; readonly images: readonly ImageRef[] } {
    const draft = this.session.conversation.draft;
    return {
      text: draft?.text ?? '',
      contexts: draft?.contexts.map((entry) => entry.context) ?? [],
      images: draft?.images?.map((entry) => entry.image) ?? [],
    };
  }

  async adoptExchange(question: UserMessage, answer: AssistantMessage): Promise<boolean> {
    if (!this.session.adoptExchange(question, answer)) {
      return false;
    }
    await this.view.reveal();
    await this.replayState();
    return true;
  }

  // Commands

  stop(): void {
    this.session.stop();
  }

  async newChat(): Promise<void> {
    await this.conversations.startNew();
    await this.view.reveal();
    this.view.post({ type: 'focusInput' });
  }

  async focusChat(): Promise<void> {
    await this.view.reveal();
    this.view.post({ type: 'focusInput' });
  }

  /**
   * Sends the full state; called on `ready` and whenever the conversation is replaced. The state is read
   * after the last await, at the moment it is posted: a question or answer posted while this waited (a
   * command that opened the view and sent at once) is in it, and nothing later is undone by it.
   */
  async replayState(): Promise<void> {
    const replay = ++this.replays;
    const hasApiKey = await this.apiKeys.hasKey();
    if (replay !== this.replays) {
      return; // A newer replay posts the state.
    }
    this.session.flushPending();
    const { draft: _hostSide, ...conversation }: Conversation = this.session.conversation;
    this.view.post({
      type: 'state',
      conversation,
      model: readChatSettings().model,
      hasApiKey,
      draft: this.draft.view(),
      ...(this.session.streamingMessageId ? { streamingMessageId: this.session.streamingMessageId } : {}),
      queue: this.session.queued,
      l10n: webviewL10n(),
      showCost: readShowCost(),
      ...this.activeFileField(),
    });
    this.onStatePosted();
    // Messages queued in the conversation just switched away from were not sent: back into the input.
    for (const orphan of this.session.takeOrphans()) {
      await this.restoreToInput(orphan.text, orphan.contexts, orphan.images);
    }
  }

  /**
   * The window is closing (after ChatSession.shutdown): messages still queued become the start of the saved
   * draft, with their code attached, so the input holds them after the reload instead of losing them.
   */
  keepQueuedInDraft(): void {
    const orphans = this.session.takeOrphans();
    if (orphans.length === 0) {
      return;
    }
    for (const context of orphans.flatMap((orphan) => orphan.contexts)) {
      this.draft.attach(context);
    }
    for (const image of orphans.flatMap((orphan) => orphan.images ?? [])) {
      this.draft.attachImage(image);
    }
    const current = this.draft.view();
    const text = [...orphans.map((orphan) => orphan.text), current.text].filter((part) => part.trim()).join('\n\n');
    this.draft.update(
      this.session.conversation.id,
      text,
      current.chips.map((chip) => chip.id),
      current.images?.map((image) => image.id),
    );
  }

  private activeFileField(): { activeFile?: ActiveFile } {
    const activeFile = this.activeFile?.current();
    return activeFile ? { activeFile } : {};
  }

  /**
   * Attached files are read again as the question leaves (an edit made since counts). One that can no longer be
   * read (deleted, moved) stops the send: the text and the other chips go back into the input, nothing is lost.
   */
  private async sendFromInput(text: string, contexts: readonly CodeContext[], images: readonly ImageRef[]): Promise<void> {
    const refreshed = await refreshAttachedFiles(contexts, rereadAttachedFile(readMaxChars()));
    if (!refreshed.ok) {
      await this.restoreToInput(text, refreshed.kept, images);
      void vscode.window.showWarningMessage(vscode.l10n.t('Your message was not sent: {0} It is back in the chat input.', refreshed.reasons.join(' ')));
      return;
    }
    await this.send(text, refreshed.contexts, images);
  }

  private async restoreToInput(text: string, contexts: readonly CodeContext[], images: readonly ImageRef[] = []): Promise<void> {
    this.view.post({ type: 'restoreDraft', text });
    for (const context of contexts) {
      await this.attach(context);
    }
    for (const image of images) {
      const entry = this.draft.attachImage(image);
      if (entry) {
        this.view.post({ type: 'attachImage', image: entry });
      }
    }
  }

  private async handle(message: Exclude<WebviewToHost, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'send': {
        const contextIds = message.contextIds ?? [];
        const images = this.draft.imagesFor(message.imageIds ?? []);
        if (!this.images.refusedSend(message.text, contextIds, images)) {
          await this.sendFromInput(
            message.text,
            this.draft.takeForSend(contextIds),
            images.map((entry) => entry.image),
          );
        }
        return;
      }
      case 'draft':
        this.draft.update(message.conversationId, message.text, message.contextIds, message.imageIds);
        return;
      case 'attachImage':
        await this.images.attachUpload(message.image);
        return;
      case 'stop':
        this.session.stop();
        return;
      case 'attachActiveFile': {
        // The file the host offered; the message names none, so a webview cannot pick another.
        const uri = this.activeFile?.uri;
        if (uri) {
          await addFilesToChat(this, [uri]);
        }
        return;
      }
      case 'pickWorkspaceFile':
        await this.pickWorkspaceFile(message.requestId);
        return;
      case 'cancelQueued': {
        const cancelled = this.session.cancelQueued(message.id);
        if (cancelled) {
          await this.restoreToInput(cancelled.text, cancelled.contexts, cancelled.images);
        }
        return;
      }
      case 'retry':
        await this.session.retry(message.messageId);
        return;
      case 'editAndResend':
        await this.session.editAndResend(message.messageId, message.text);
        return;
      case 'newChat':
        await this.newChat();
        return;
      case 'runAction':
        await runErrorAction(message.action, this.session);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        return;
      case 'codeAction':
        await this.codeActions.handle(message);
        return;
      case 'openLink':
        await openChatLink(message.href, this.logger);
        return;
      case 'selectModel':
        await vscode.commands.executeCommand('cometapi.selectModel');
        return;
      case 'listConversations':
        await this.history.postList();
        return;
      case 'openConversation':
        await this.conversations.open(message.id);
        return;
      case 'deleteConversation':
        await this.history.delete(message.id);
        return;
      case 'renameConversation':
        await this.history.rename(message.id, message.title);
        return;
      case 'exportConversation':
        await this.history.exportToMarkdown(message.id);
        return;
      default:
        assertNever(message);
    }
  }

  /**
   * `#` in the input: the chosen file is attached like Add File to Chat. A second `#` while the picker is open gets
   * no answer (its `#` stays text); the open picker's answer goes out even when attaching failed, so the input
   * gets the focus back.
   */
  private async pickWorkspaceFile(requestId: string): Promise<void> {
    if (this.filePicker.isOpen) {
      return;
    }
    let attached = false;
    try {
      const uri = await this.filePicker.pick();
      attached = uri !== undefined && (await addFilesToChat(this, [uri]));
    } finally {
      this.view.post({ type: 'filePickerClosed', requestId, attached });
    }
  }

  private reportUnexpected(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    this.logger.error(`Chat view action failed: ${text}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('CometAPI: {0}', text));
  }
}
