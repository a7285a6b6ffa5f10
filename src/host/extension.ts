// Activation: builds the pieces once and registers every command, view and listener, all disposed
// through context.subscriptions. Activation sends nothing over the network (the model list is fetched when
// the picker opens, on Refresh, or once a key is set) and reads no disk beyond the conversation store's index.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { streamChat } from '../core/client/chatClient';
import { contextsForAnswer } from '../core/conversation/answerContexts';
import { renderUserMessage } from '../core/selection/selectionPrompt';
import type { ExternalChange } from '../core/storage/conversationStore';
import type { Conversation } from '../shared/conversation';
import { ApiKeyManager, type ClearApiKeyOptions } from './apiKeyManager';
import { BalanceFeature } from './balance/balanceFeature';
import { ChatController } from './chatController';
import { ChatViewProvider, chatViewId } from './chatViewProvider';
import { CompareModels } from './compare/compareModels';
import { CodeBlockActions } from './codeActions/codeBlockActions';
import { ConversationKeeper } from './history/conversationKeeper';
import { openHistory } from './history/historyStore';
import { HistoryUi } from './history/historyUi';
import { LanguageModels } from './lm/languageModels';
import { OutputLogger } from './logger';
import { ModelFeatures, useModel } from './models/modelFeatures';
import { ActiveFileOffer } from './files/activeFileOffer';
import { ContextMeterFeed } from './context/contextMeterFeed';
import { registerAddFileToChat } from './files/addFileToChat';
import { ProblemQuickFixes } from './selection/problemQuickFixes';
import { registerSelectionCommands } from './selection/selectionCommands';
import { readChatSettings } from './settings';
import { FileImageStore } from '../core/storage/imageStore';
import { ImageSweeper } from './images/imageSweeper';
import { imageRefusal } from '../core/images/visionRules';
import { setLocalizer } from '../shared/l10n';

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
  // First: core's sentences (errors, notices) are built in the display language from here on.
  setLocalizer((message, args) => vscode.l10n.t(message, ...args));
  const startedAt = performance.now();
  /** Everything made here is released with the extension, newest first. */
  const own = <T extends vscode.Disposable>(child: T): T => {
    context.subscriptions.push(child);
    return child;
  };
  const logger = own(new OutputLogger());
  const apiKeys = own(new ApiKeyManager(context.secrets, logger));
  const view = own(new ChatViewProvider(context.extensionUri, logger));

  // The model store is made below; prices are asked for when an answer ends, long after activation.
  const priceOf = (model: string) => models.store.models().find((entry) => entry.id === model)?.price;
  // The store reports other windows' changes from the moment it opens; the keeper, made next, listens.
  const externalChanges = own(new vscode.EventEmitter<ExternalChange>());
  // Attached images live beside the conversations, named by hash (src/core/storage/imageStore.ts).
  const imageStore = new FileImageStore(context.globalStorageUri.fsPath);
  // Vision models are judged by the catalogue's features and the rules table; the person's model list supplies the models to suggest.
  const refuseImages = (model: string, imageCount: number) => {
    const known = models.store.models();
    const catalogueSaysImages = known.find((entry) => entry.id === model)?.imageInput === true;
    return imageRefusal({ model, imageCount, knownModels: known.map((entry) => entry.id), catalogueSaysImages });
  };
  // The context meter's feed needs the model list, made below; the session's first posts come after activation.
  const meter: { feed?: ContextMeterFeed } = {};
  const { store, lastOpen } = await openHistory(context.globalStorageUri.fsPath, logger, (change) => externalChanges.fire(change));
  const conversations = own(
    new ConversationKeeper({
      store,
      logger,
      lastOpen,
      externalChanges: externalChanges.event,
      session: {
        post: (message) => {
          view.post(message);
          meter.feed?.sessionPosted(message);
        },
        readSettings: readChatSettings,
        getApiKey: () => apiKeys.keyFor(readChatSettings().baseUrl, { interactive: true }),
        streamChat,
        priceOf,
        onStreamingChanged: (streaming) => {
          void vscode.commands.executeCommand('setContext', 'cometapi.isStreaming', streaming);
          // An answer ended: what it cost is now off the balance (refreshed at most every 10 minutes).
          if (!streaming) {
            balance.refreshInBackground();
          }
        },
        renderUserMessage,
        images: imageStore,
        imageRefusal: refuseImages,
        log: (line) => logger.info(line),
        newId: randomUUID,
        now: Date.now,
      },
    }),
  );
  const session = conversations.session;
  const history = own(new HistoryUi(store, conversations, view, imageStore));
  own(new ImageSweeper({ folder: imageStore.folder, conversations: store, state: context.globalState, logger }));
  const codeActions = own(new CodeBlockActions({ contextsForAnswer: (answerId) => contextsForAnswer(session.conversation, answerId) }));
  const activeFile = own(new ActiveFileOffer((file) => view.post({ type: 'activeFile', ...(file ? { file } : {}) })));
  const chat = own(
    new ChatController({
      conversations,
      history,
      view,
      apiKeys,
      codeActions,
      logger,
      activeFile,
      images: { store: imageStore, refusal: refuseImages },
      onStatePosted: () => meter.feed?.statePosted(),
    }),
  );

  // Every installed extension can run our commands: only the test harness may hand them a key, a confirmation
  // bypass or a model id. Anyone else gets the input box, the modal or the picker a person would.
  const acceptCommandArguments = context.extensionMode === vscode.ExtensionMode.Test;
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(chatViewId, view),
    vscode.commands.registerCommand('cometapi.setApiKey', (key?: unknown) =>
      apiKeys.promptAndStore(acceptCommandArguments && typeof key === 'string' ? key : undefined),
    ),
    vscode.commands.registerCommand('cometapi.clearApiKey', (options?: unknown) => apiKeys.clear(acceptCommandArguments ? clearOptionsFrom(options) : {})),
    vscode.commands.registerCommand('cometapi.newChat', () => chat.newChat()),
    vscode.commands.registerCommand('cometapi.stop', () => chat.stop()),
    vscode.commands.registerCommand('cometapi.focusChat', () => chat.focusChat()),
    vscode.commands.registerCommand('cometapi.showHistory', () => history.showQuickPick()),
    vscode.commands.registerCommand('cometapi.attachImage', () => chat.attachImageFromFile()),
    vscode.commands.registerCommand('cometapi.exportChat', () => history.exportToMarkdown(session.conversation.id)),
  );

  const models = own(
    new ModelFeatures(context.globalState, {
      keyFor: (baseUrl, options) => apiKeys.keyFor(baseUrl, options),
      hasApiKey: () => apiKeys.hasKey(),
      acceptCommandArguments,
      promptForApiKey: () => apiKeys.promptAndStore(),
      onDidChangeApiKey: apiKeys.onDidChange,
      log: (line) => logger.warn(line),
    }),
  );
  meter.feed = own(
    new ContextMeterFeed({
      conversation: () => session.conversation,
      knownModels: () => models.store.models(),
      renderUserMessage,
      post: (message) => view.post(message),
      onDidChangeModels: models.store.onDidChange,
    }),
  );
  const balance = own(
    new BalanceFeature({
      keyFor: (baseUrl, options) => apiKeys.keyFor(baseUrl, options),
      baseUrl: () => readChatSettings().baseUrl,
      promptForApiKey: () => apiKeys.promptAndStore(),
      showInTooltip: (line) => models.statusBar.setBalanceLine(line),
      onDidChangeApiKey: apiKeys.onDidChange,
      logger,
    }),
  );
  own(
    new LanguageModels({
      store: models.store,
      state: context.globalState,
      keyFor: (baseUrl, options) => apiKeys.keyFor(baseUrl, options),
      hasApiKey: () => apiKeys.hasKey(),
      onDidChangeApiKey: apiKeys.onDidChange,
      promptForApiKey: () => apiKeys.promptAndStore(),
      readSettings: readChatSettings,
      streamChat,
      logger,
    }),
  );
  own(
    new CompareModels({
      extensionUri: context.extensionUri,
      logger,
      chat,
      store: models.store,
      readSettings: readChatSettings,
      keyFor: (baseUrl, options) => apiKeys.keyFor(baseUrl, options),
      promptForApiKey: () => apiKeys.promptAndStore(),
      streamChat,
      renderUserMessage,
      priceOf,
      saveToHistory: (conversation) => store.save(conversation),
      loadFromHistory: (id) => store.load(id),
      workspaceState: context.workspaceState,
      useModel: (model) => useModel(models.store, model),
      images: { store: imageStore, refusal: refuseImages },
      newId: randomUUID,
    }),
  );
  registerSelectionCommands(context, chat);
  own(new ProblemQuickFixes(chat));
  own(registerAddFileToChat(chat));
  shutdown = async () => {
    session.shutdown();
    chat.keepQueuedInDraft();
    await conversations.flush();
  };
  void vscode.commands.executeCommand('setContext', 'cometapi.isStreaming', false);
  // The tooltip shows the balance from the start, not only after the first answer.
  balance.refreshInBackground();
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
