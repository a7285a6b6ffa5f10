// Binds the chat session to the webview and to VS Code: routes webview messages, replays the full
// state on `ready`, keeps the `cometapi.isStreaming` context key, and offers ChatApi to other features.
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import { safeExternalUrl } from '../core/chatPage/externalLinks';
import type { CodeContext, Conversation, ErrorAction } from '../shared/conversation';
import { type WebviewToHost, assertNever } from '../shared/protocol';
import type { ApiKeyManager } from './apiKeyManager';
import type { ChatApi } from './chatApi';
import type { ChatViewProvider } from './chatViewProvider';
import type { HistoryController } from './historyController';
import type { Logger } from './logger';
import { readChatSettings } from './settings';

export interface CodeActionHandler {
  handle(message: Extract<WebviewToHost, { type: 'codeAction' }>): Promise<void>;
}

export class ChatController implements ChatApi, vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private codeActions: CodeActionHandler | undefined;

  constructor(
    private readonly session: ChatSession,
    private readonly view: ChatViewProvider,
    private readonly apiKeys: ApiKeyManager,
    private readonly history: HistoryController,
    private readonly logger: Logger,
  ) {
    this.subscriptions.push(
      view.onDidBecomeReady(() => void this.replayState()),
      view.onDidReceiveMessage((message) => void this.handle(message).catch((error: unknown) => this.reportUnexpected(error))),
      apiKeys.onDidChange((hasApiKey) => view.post({ type: 'apiKeyChanged', hasApiKey })),
      history.onDidSwitchConversation(() => void this.replayState()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cometapi.model')) {
          view.post({ type: 'modelChanged', model: readChatSettings().model });
        }
      }),
    );
  }

  /** Code block actions (Insert, Replace Selection, Show Diff, New File) are provided by the selection feature. */
  setCodeActionHandler(handler: CodeActionHandler): void {
    this.codeActions = handler;
  }

  // ChatApi

  reveal(): Promise<void> {
    return this.view.reveal();
  }

  async send(text: string, contexts: readonly CodeContext[] = []): Promise<void> {
    if (this.session.streamingMessageId) {
      void vscode.window.showInformationMessage('CometAPI: an answer is still streaming. Stop it or wait for it to finish, then try again.');
      return;
    }
    await this.session.send(text, contexts);
  }

  async attach(context: CodeContext): Promise<void> {
    await this.view.reveal();
    this.view.post({ type: 'attachContext', context });
  }

  contextsForAnswer(answerMessageId: string): readonly CodeContext[] {
    const messages = this.session.conversation.messages;
    const index = messages.findIndex((message) => message.id === answerMessageId);
    for (let i = index - 1; i >= 0; i--) {
      const message = messages[i];
      if (message?.role === 'user') {
        return message.contexts ?? [];
      }
    }
    return [];
  }

  // Commands

  stop(): void {
    this.session.stop();
  }

  async newChat(): Promise<void> {
    await this.history.startNew();
    await this.view.reveal();
    this.view.post({ type: 'focusInput' });
  }

  async focusChat(): Promise<void> {
    await this.view.reveal();
    this.view.post({ type: 'focusInput' });
  }

  /** Sends the full state; called on `ready` and whenever the conversation is replaced. */
  async replayState(): Promise<void> {
    this.session.flushPending();
    const conversation: Conversation = this.session.conversation;
    this.view.post({
      type: 'state',
      conversation,
      model: readChatSettings().model,
      hasApiKey: await this.apiKeys.hasKey(),
      ...(this.session.streamingMessageId ? { streamingMessageId: this.session.streamingMessageId } : {}),
    });
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }

  private async handle(message: Exclude<WebviewToHost, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'send':
        await this.send(message.text, message.contexts ?? []);
        return;
      case 'stop':
        this.session.stop();
        return;
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
        await this.runAction(message.action);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        return;
      case 'codeAction':
        if (this.codeActions) {
          await this.codeActions.handle(message);
        }
        return;
      case 'openLink':
        await this.openLink(message.href);
        return;
      case 'selectModel':
        await vscode.commands.executeCommand('cometapi.selectModel');
        return;
      case 'listConversations':
        await this.history.postList();
        return;
      case 'openConversation':
        await this.history.open(message.id);
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

  private async runAction(action: ErrorAction): Promise<void> {
    switch (action) {
      case 'setApiKey':
        await vscode.commands.executeCommand('cometapi.setApiKey');
        return;
      case 'selectModel':
        await vscode.commands.executeCommand('cometapi.selectModel');
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'cometapi');
        return;
      case 'retry': {
        const last = [...this.session.conversation.messages].reverse().find((message) => message.role === 'assistant');
        if (last) {
          await this.session.retry(last.id);
        }
        return;
      }
      default:
        assertNever(action);
    }
  }

  private async openLink(href: string): Promise<void> {
    const url = safeExternalUrl(href);
    if (!url) {
      this.logger.warn(`Blocked a link from the chat that is not http(s) or mailto: ${href.slice(0, 200)}`);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  private reportUnexpected(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    this.logger.error(`Chat view action failed: ${text}`);
    void vscode.window.showErrorMessage(`CometAPI: ${text}`);
  }
}
