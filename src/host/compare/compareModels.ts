// Compare Models…: pick 2 to 4 models, ask once (the chat input with its attachments, or a typed question), and
// watch every answer stream side by side in a panel (comparePanel.ts). When every column has ended the run is
// kept in the history; "Continue with this model" carries the question and that answer on in the chat.
import * as vscode from 'vscode';
import type { ChatSettings } from '../../core/chat/chatSettings';
import type { StreamChat } from '../../core/chat/chatSession';
import { ComparisonRun } from '../../core/compare/comparisonRun';
import type { ImageAccess } from '../../core/images/imagesToSend';
import { userMessage } from '../../core/conversation/conversationOps';
import type { ModelPrice } from '../../core/models/modelCatalog';
import type { KeyGrant } from '../../core/security/keyOrigin';
import type { Conversation, UserMessage } from '../../shared/conversation';
import { Disposable, toDisposable } from '../../shared/disposable';
import type { KeyRequestOptions } from '../apiKeyManager';
import type { ChatApi } from '../chatApi';
import type { Logger } from '../logger';
import type { ModelStore } from '../models/modelStore';
import { ComparePanel } from './comparePanel';
import { pickModelsToCompare } from './pickModelsToCompare';

export interface CompareModelsDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly chat: ChatApi;
  readonly store: ModelStore;
  readSettings(): ChatSettings;
  keyFor(baseUrl: string, options: KeyRequestOptions): Promise<KeyGrant>;
  promptForApiKey(): Promise<boolean>;
  readonly streamChat: StreamChat;
  renderUserMessage(message: UserMessage): string;
  priceOf(model: string): ModelPrice | undefined;
  saveToHistory(conversation: Conversation): Promise<void>;
  useModel(model: string): Promise<void>;
  /** The question's images: their store and which models may see them (as the chat's). */
  readonly images: ImageAccess;
  newId(): string;
}

export class CompareModels extends Disposable {
  private readonly panels = new Set<ComparePanel>();

  constructor(private readonly deps: CompareModelsDeps) {
    super();
    this.register(vscode.commands.registerCommand('cometapi.compareModels', () => this.start()));
    this.register(toDisposable(() => [...this.panels].forEach((panel) => panel.dispose())));
  }

  async start(): Promise<void> {
    const apiKey = await this.apiKey();
    if (apiKey === undefined) {
      return;
    }
    const { store } = this.deps;
    if (store.models().length === 0) {
      const outcome = await store.refresh({ interactive: true });
      if (!outcome.ok) {
        void vscode.window.showErrorMessage(vscode.l10n.t('CometAPI: the model list could not be loaded: {0}', outcome.error.message));
        return;
      }
    }
    const settings = this.deps.readSettings();
    const models = await pickModelsToCompare({ models: store.models(), favourites: store.favourites(), recent: store.recent(), currentModel: settings.model });
    if (models === undefined) {
      return;
    }
    const question = await this.askQuestion();
    if (question === undefined) {
      return;
    }
    await this.compare(question, models, { ...this.deps.readSettings() }, apiKey);
  }

  private async apiKey(): Promise<string | undefined> {
    const grant = await this.deps.keyFor(this.deps.readSettings().baseUrl, { interactive: true });
    if (grant.ok) {
      return grant.apiKey;
    }
    if (grant.reason === 'missing') {
      const setKey = vscode.l10n.t('Set API Key');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Set your CometAPI API key to compare models.'), setKey);
      if (choice === setKey && (await this.deps.promptForApiKey())) {
        return this.apiKey();
      }
    }
    // Refused or declined: the key manager has already said why.
    return undefined;
  }

  /** The chat input's text and attachments (left in the input), or what the person types instead. */
  private async askQuestion(): Promise<UserMessage | undefined> {
    const draft = this.deps.chat.draftQuestion();
    const attachments = draft.contexts.length + draft.images.length;
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Compare Models: the question'),
      prompt:
        attachments > 0
          ? vscode.l10n.t('Asked of every model checked, with the {0} attachments in the chat input.', attachments)
          : vscode.l10n.t('Asked of every model checked.'),
      value: draft.text,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' && attachments === 0 ? vscode.l10n.t('Type a question to ask.') : undefined),
    });
    if (text === undefined) {
      return undefined;
    }
    return userMessage(this.deps.newId(), text, Date.now(), draft.contexts, draft.images);
  }

  private async compare(question: UserMessage, models: readonly string[], settings: ChatSettings, apiKey: string): Promise<void> {
    const { deps } = this;
    const run = new ComparisonRun(
      { question, models, settings, apiKey, images: deps.images },
      {
        streamChat: deps.streamChat,
        renderUserMessage: (message) => deps.renderUserMessage(message),
        priceOf: (model) => deps.priceOf(model),
        // The panel is made next; the run posts nothing before run() below.
        post: (message) => opened.post(message),
        clock: () => performance.now(),
        now: Date.now,
        newId: () => deps.newId(),
        log: (line) => deps.logger.info(line),
        onColumnEnded: () => void this.keep(run),
      },
    );
    const opened = new ComparePanel(run, {
      extensionUri: deps.extensionUri,
      logger: deps.logger,
      continueWith: (from, column) => this.continueWith(from, column),
      onDisposed: () => this.panels.delete(opened),
    });
    this.panels.add(opened);
    deps.logger.info(`Compare: ${models.join(', ')}.`);
    // Kept from the start, and again as each column ends: a window closed mid-run still finds the question and
    // whatever had arrived in the history.
    await this.keep(run);
    await run.run();
    await this.keep(run);
    opened.saved();
  }

  private async keep(run: ComparisonRun): Promise<void> {
    try {
      await this.deps.saveToHistory(run.toConversation());
    } catch (error) {
      this.deps.logger.warn(`Compare: the run could not be kept in the history: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async continueWith(run: ComparisonRun, column: number): Promise<void> {
    const answer = run.answerOf(column);
    if (answer === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This model has no finished answer to continue with yet.'));
      return;
    }
    if (!(await this.deps.chat.adoptExchange(run.question, answer))) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The chat is answering now. Continue with this model when that answer has ended.'));
      return;
    }
    await this.deps.useModel(answer.model);
  }
}
