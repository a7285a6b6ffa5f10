// Activation: builds the pieces once and registers every command, view and listener, all disposed
// through context.subscriptions. Activation sends nothing over the network (the model list is fetched when
// the picker opens, on Refresh, or once a key is set) and reads no disk beyond the conversation store's index.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { streamChat } from '../core/chatClient';
import { ChatSession } from '../core/chat/chatSession';
import { renderUserMessage } from '../core/selection/selectionPrompt';
import type { Conversation } from '../shared/conversation';
import { ApiKeyManager, type ClearApiKeyOptions } from './apiKeyManager';
import { ChatController } from './chatController';
import { ChatViewProvider, chatViewId } from './chatViewProvider';
import { createCodeActionHandler } from './codeActions/codeBlockActions';
import { HistoryController } from './historyController';
import { OutputLogger } from './logger';
import { registerModelFeatures } from './models/registerModelFeatures';
import { registerSelectionCommands } from './selection/selectionCommands';
import { readChatSettings } from './settings';

/** What the extension exports: its own activation time, reported by the benchmark and the e2e suite. */
export interface CometApiChatExports {
  readonly activationMs: number;
  /** Only when VS Code runs the extension's tests (ExtensionMode.Test): the e2e suite plays the chat webview. */
  readonly testing?: ChatTestHooks;
}

export interface ChatTestHooks {
  /** Handles `message` exactly as if the chat webview had posted it (same checks, same handlers). */
  receiveFromWebview(message: unknown): void;
  /** The open conversation as the host holds it. */
  conversation(): Conversation;
}

export async function activate(context: vscode.ExtensionContext): Promise<CometApiChatExports> {
  const startedAt = performance.now();
  const logger = new OutputLogger();
  const apiKeys = new ApiKeyManager(context.secrets, logger);
  const view = new ChatViewProvider(context.extensionUri, logger);
  context.subscriptions.push(logger, apiKeys, view);

  const history = await HistoryController.open(context, logger);
  context.subscriptions.push(history);

  const session = new ChatSession(
    {
      post: (message) => view.post(message),
      readSettings: readChatSettings,
      getApiKey: () => apiKeys.keyFor(readChatSettings().baseUrl, { interactive: true }),
      streamChat,
      onConversationChanged: (conversation) => history.scheduleSave(conversation),
      onAnswerSettled: (conversation) => history.saveNow(conversation),
      onStreamingChanged: (streaming) => void vscode.commands.executeCommand('setContext', 'cometapi.isStreaming', streaming),
      onForked: async (fork, original) => {
        await history.adoptFork(fork, original);
        // The switch event replays the state too; awaiting it here keeps the fork's state ahead of its answer.
        await chat.replayState();
      },
      renderUserMessage,
      log: (line) => logger.info(line),
      newId: randomUUID,
      now: Date.now,
    },
    history.initialConversation(),
  );
  context.subscriptions.push({ dispose: () => session.dispose() });
  shutdown = async () => {
    session.shutdown();
    chat.keepQueuedInDraft();
    await history.flush();
  };
  history.attach(session, view);

  const chat = new ChatController(session, view, apiKeys, history, logger);
  context.subscriptions.push(chat);
  chat.setCodeActionHandler(createCodeActionHandler(context, chat));

  // Every installed extension can run our commands: only the test harness may hand them a key, a confirmation
  // bypass or a model id. Anyone else gets the input box, the modal or the picker a person would.
  const acceptCommandArguments = context.extensionMode === vscode.ExtensionMode.Test;
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(chatViewId, view),
    vscode.commands.registerCommand('cometapi.setApiKey', (key?: unknown) => apiKeys.promptAndStore(acceptCommandArguments && typeof key === 'string' ? key : undefined)),
    vscode.commands.registerCommand('cometapi.clearApiKey', (options?: unknown) => apiKeys.clear(acceptCommandArguments ? clearOptionsFrom(options) : {})),
    vscode.commands.registerCommand('cometapi.newChat', () => chat.newChat()),
    vscode.commands.registerCommand('cometapi.stop', () => chat.stop()),
    vscode.commands.registerCommand('cometapi.focusChat', () => chat.focusChat()),
    vscode.commands.registerCommand('cometapi.showHistory', () => history.showQuickPick()),
    vscode.commands.registerCommand('cometapi.exportChat', () => history.exportToMarkdown(session.conversation.id)),
  );

  registerModelFeatures(context, {
    keyFor: (baseUrl, options) => apiKeys.keyFor(baseUrl, options),
    hasApiKey: () => apiKeys.hasKey(),
    acceptCommandArguments,
    promptForApiKey: () => apiKeys.promptAndStore(),
    onDidChangeApiKey: apiKeys.onDidChange,
    log: (line) => logger.warn(line),
  });
  registerSelectionCommands(context, chat);
  void vscode.commands.executeCommand('setContext', 'cometapi.isStreaming', false);
  const activationMs = performance.now() - startedAt;
  logger.info(`CometAPI Chat is ready (activated in ${activationMs.toFixed(1)} ms).`);
  const testing: ChatTestHooks | undefined =
    context.extensionMode === vscode.ExtensionMode.Test
      ? { receiveFromWebview: (message) => view.receiveFromWebview(message), conversation: () => session.conversation }
      : undefined;
  return { activationMs, ...(testing ? { testing } : {}) };
}

let shutdown: (() => Promise<void>) | undefined;

function clearOptionsFrom(options: unknown): ClearApiKeyOptions {
  return typeof options === 'object' && options !== null && (options as ClearApiKeyOptions).confirm === false ? { confirm: false } : {};
}

/**
 * VS Code awaits this before a reload or close: an answer still streaming is kept as 'interrupted' and the
 * last half second of it is written before the host exits.
 */
export function deactivate(): Promise<void> | undefined {
  return shutdown?.();
}
