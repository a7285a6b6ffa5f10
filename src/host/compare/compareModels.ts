// Compare Models…: pick 2 to 4 models, ask once (the chat input with its attachments, or a typed question), and
// watch every answer stream side by side in a panel (comparePanel.ts). When every column has ended the run is
// kept in the history; "Continue with this model" carries the question and that answer on in the chat.
import * as vscode from 'vscode';
import type { ChatSettings } from '../../core/chat/chatSettings';
import type { StreamChat } from '../../core/chat/chatSession';
import { ComparisonRun } from '../../core/compare/comparisonRun';
import { SavedComparison } from '../../core/compare/savedComparison';
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
import { type ComparedRun, ComparePanel, comparePanelViewType } from './comparePanel';
import { parseComparePanelState } from '../../shared/compareProtocol';
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
  /** A run kept in the history, to show again in a panel VS Code restores after a reload. */
  loadFromHistory(id: string): Promise<Conversation | undefined>;
  /** This workspace's memento: which runs have a panel open, for the panels VS Code restores. */
  readonly workspaceState: vscode.Memento;
  useModel(model: string): Promise<void>;
  /** The question's images: their store and which models may see them (as the chat's). */
  readonly images: ImageAccess;
  newId(): string;
}

/** How often a running comparison is saved to the history while its answers stream. */
const KEEP_WHILE_STREAMING_MS = 2_000;

/** The history ids of the runs whose panel is open, oldest first (see restore()). */
const OPEN_RUNS_KEY = 'cometapi.compareRunsOpen';

export class CompareModels extends Disposable {
  private readonly panels = new Set<ComparePanel>();
  /** Set while the extension shuts down: its panels close then without the person closing them. */
  private shuttingDown = false;
  /** Ids already given to a restored panel in this window. */
  private readonly restoredIds = new Set<string>();

  constructor(private readonly deps: CompareModelsDeps) {
    super();
    this.register(vscode.commands.registerCommand('cometapi.compareModels', () => this.start()));
    this.register(
      vscode.window.registerWebviewPanelSerializer(comparePanelViewType, { deserializeWebviewPanel: (panel, state) => this.restore(panel, state) }),
    );
    this.register(
      toDisposable(() => {
        this.shuttingDown = true;
        [...this.panels].forEach((panel) => panel.dispose());
      }),
    );
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
    const opened = this.openPanel(run);
    deps.logger.info(`Compare: ${models.join(', ')}.`);
    // Kept from the start, and again as each column ends: a window closed mid-run still finds the question and
    // whatever had arrived in the history.
    await this.keep(run);
    // While answers stream, what has arrived is kept every few seconds too: a browser reload or a killed window
    // gives no chance to save at the end.
    const keeping = setInterval(() => void this.keep(run), KEEP_WHILE_STREAMING_MS);
    try {
      await run.run();
    } finally {
      clearInterval(keeping);
    }
    await this.keep(run);
    opened.saved();
  }

  /** Shows `run` in a new panel, or in the one VS Code restored; remembers it as open until the person closes it. */
  private openPanel(run: ComparedRun, restored?: vscode.WebviewPanel): ComparePanel {
    const opened = new ComparePanel(
      run,
      {
        extensionUri: this.deps.extensionUri,
        logger: this.deps.logger,
        continueWith: (from, column) => this.continueWith(from, column),
        onDisposed: () => {
          this.panels.delete(opened);
          if (!this.shuttingDown) {
            void this.setOpenRuns(this.openRuns().filter((id) => id !== run.id));
          }
        },
      },
      restored,
    );
    this.panels.add(opened);
    if (!this.openRuns().includes(run.id)) {
      void this.setOpenRuns([...this.openRuns(), run.id]);
    }
    return opened;
  }

  private openRuns(): string[] {
    const ids = this.deps.workspaceState.get<unknown>(OPEN_RUNS_KEY);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  }

  private setOpenRuns(ids: readonly string[]): Thenable<void> {
    return this.deps.workspaceState.update(OPEN_RUNS_KEY, ids.length > 0 ? ids : undefined);
  }

  /**
   * A panel VS Code gives back after a reload: the run did not survive it, so the panel shows what the history kept
   * (answers cut off by the reload are marked interrupted). A run no longer in the history closes the panel.
   */
  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The panel's own state names its run when the workbench saved it; a browser reload (code-server) may restore
    // the panel without it, and then the runs this window had open are taken in the order they were opened.
    const parsed = parseComparePanelState(state);
    const id = parsed.ok ? parsed.value.historyId : this.openRuns().find((open) => !this.restoredIds.has(open));
    if (id !== undefined) {
      this.restoredIds.add(id);
    }
    const kept = id !== undefined ? await this.deps.loadFromHistory(id).catch(() => undefined) : undefined;
    const saved = kept && SavedComparison.from(kept);
    if (!saved) {
      this.deps.logger.info('Compare: a panel from before the reload was closed; its run is not in the history any more.');
      await this.setOpenRuns(this.openRuns().filter((open) => open !== id));
      panel.dispose();
      return;
    }
    this.openPanel(saved, panel);
  }

  private async keep(run: ComparisonRun): Promise<void> {
    try {
      await this.deps.saveToHistory(run.toConversation());
    } catch (error) {
      this.deps.logger.warn(`Compare: the run could not be kept in the history: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async continueWith(run: ComparedRun, column: number): Promise<void> {
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
