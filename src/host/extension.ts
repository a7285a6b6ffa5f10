// Activation: builds the pieces once and registers every command, view and listener, all disposed
// through context.subscriptions. Activation does no network I/O and no disk scans beyond the
// conversation store's index.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { streamChat } from '../core/chatClient';
import { ChatSession } from '../core/chat/chatSession';
import { renderUserMessage } from '../core/selection/selectionPrompt';
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
      getApiKey: () => apiKeys.get(),
      streamChat,
      onConversationChanged: (conversation) => history.scheduleSave(conversation),
      onAnswerSettled: (conversation) => history.saveNow(conversation),
      onStreamingChanged: (streaming) => void vscode.commands.executeCommand('setContext', 'cometapi.isStreaming', streaming),
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
    await history.flush();
  };
  history.attach(session, view);

  const chat = new ChatController(session, view, apiKeys, history, logger);
  context.subscriptions.push(chat);
  chat.setCodeActionHandler(createCodeActionHandler(context, chat));

  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(chatViewId, view),
    vscode.commands.registerCommand('cometapi.setApiKey', (key?: unknown) => apiKeys.promptAndStore(typeof key === 'string' ? key : undefined)),
    vscode.commands.registerCommand('cometapi.clearApiKey', (options?: ClearApiKeyOptions) => apiKeys.clear(options ?? {})),
    vscode.commands.registerCommand('cometapi.newChat', () => chat.newChat()),
    vscode.commands.registerCommand('cometapi.stop', () => chat.stop()),
    vscode.commands.registerCommand('cometapi.focusChat', () => chat.focusChat()),
    vscode.commands.registerCommand('cometapi.showHistory', () => history.showQuickPick()),
    vscode.commands.registerCommand('cometapi.exportChat', () => history.exportToMarkdown(session.conversation.id)),
  );

  registerModelFeatures(context, {
    getApiKey: () => apiKeys.get(),
    promptForApiKey: () => apiKeys.promptAndStore(),
    onDidChangeApiKey: apiKeys.onDidChange,
    log: (line) => logger.warn(line),
  });
  registerSelectionCommands(context, chat);
  void vscode.commands.executeCommand('setContext', 'cometapi.isStreaming', false);
  const activationMs = performance.now() - startedAt;
  logger.info(`CometAPI Chat is ready (activated in ${activationMs.toFixed(1)} ms).`);
  return { activationMs };
}

let shutdown: (() => Promise<void>) | undefined;

/**
 * VS Code awaits this before a reload or close: an answer still streaming is kept as 'interrupted' and the
 * last half second of it is written before the host exits.
 */
export function deactivate(): Promise<void> | undefined {
  return shutdown?.();
}
