// Wires the model features into the extension: Select Model and Refresh Model List commands, the status bar
// item, and a refresh of the cached list when it is over an hour old. Activation does no network I/O: the
// status bar shows the cached list; the list is fetched when the picker opens, when asked, or once a key is set.
import * as vscode from 'vscode';
import type { ChatErrorInfo } from '../../shared/conversation';
import { describeModel } from '../../core/models/modelCatalog';
import { Disposable } from '../../shared/disposable';
import { configSection, readChatSettings } from '../settings';
import type { KeyGrant, KeyRequestOptions } from '../apiKeyManager';
import { pickModel } from './modelPicker';
import { ModelStatusBar } from './modelStatusBar';
import { ModelStore, type RefreshOutcome, syncPersonalModelLists } from './modelStore';

export interface ModelFeatureDeps {
  /** The key for a base URL, if it may go there (the key manager's one gate). */
  keyFor(baseUrl: string, options: KeyRequestOptions): Promise<KeyGrant>;
  hasApiKey(): Promise<boolean>;
  /**
   * Whether Select Model may take a model id from its caller. Any extension can run the command, so only the
   * test harness (ExtensionMode.Test) may; everyone else gets the picker.
   */
  readonly acceptCommandArguments: boolean;
  /** Asks for a key and stores it; true when one was stored. */
  promptForApiKey(): Promise<boolean>;
  /** When given, a newly stored key triggers a refresh of the list. */
  readonly onDidChangeApiKey?: vscode.Event<boolean>;
  /** When given, background refresh failures are logged here (they are never shown as pop-ups). */
  log?(line: string): void;
}

/**
 * The model features, made once at activation: the Select Model and Refresh Model List commands, the status bar
 * item and the background refreshes, all released when disposed.
 */
export class ModelFeatures extends Disposable {
  /** The cached list, favourites and refreshes; VS Code's language model provider offers from it too. */
  readonly store: ModelStore;
  /** The status bar item; the balance feature adds its line to the tooltip. */
  readonly statusBar: ModelStatusBar;

  constructor(
    globalState: vscode.Memento & { setKeysForSync(keys: readonly string[]): void },
    private readonly deps: ModelFeatureDeps,
  ) {
    super();
    const store = this.register(new ModelStore(globalState, (baseUrl, options) => deps.keyFor(baseUrl, options)));
    this.store = store;
    syncPersonalModelLists(globalState);
    const statusBar = this.register(
      new ModelStatusBar(
        () => readChatSettings().model,
        (id) => describeModel(id, store.models()),
      ),
    );
    this.statusBar = statusBar;
    this.register(store.onDidChange(() => statusBar.update()));
    this.register(
      vscode.commands.registerCommand('cometapi.selectModel', (modelId?: unknown) =>
        selectModel(store, deps, deps.acceptCommandArguments ? modelId : undefined),
      ),
    );
    this.register(vscode.commands.registerCommand('cometapi.refreshModels', () => refreshWithProgress(store, deps)));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cometapi.baseUrl')) {
          void this.refreshQuietly();
        }
      }),
    );
    if (deps.onDidChangeApiKey) {
      this.register(
        deps.onDidChangeApiKey((hasKey) => {
          if (hasKey) {
            void this.refreshQuietly(true);
          }
        }),
      );
    }
  }

  /**
   * Background refreshes stay quiet and never ask to send the key elsewhere: a failure is logged, and the
   * picker shows it when the person opens it.
   */
  private async refreshQuietly(force = false): Promise<void> {
    try {
      if ((force || this.store.needsRefresh()) && (await this.deps.hasApiKey())) {
        const outcome = await this.store.refresh({ interactive: false });
        if (!outcome.ok && outcome.error.kind !== 'cancelled') {
          this.deps.log?.(`Model list refresh failed: ${outcome.error.message}`);
        }
      }
    } catch (error) {
      this.deps.log?.(`Model list refresh failed: ${String(error)}`);
    }
  }
}

/**
 * Select Model: opens the picker, or with an id argument (the test harness only) uses that id directly.
 * Resolves with the id now in use, or undefined when nothing changed.
 */
async function selectModel(store: ModelStore, deps: ModelFeatureDeps, modelId: unknown): Promise<string | undefined> {
  const given = typeof modelId === 'string' && modelId.trim() !== '' ? modelId.trim() : undefined;
  const chosen = given ?? (await pickModel({ store, currentModel: () => readChatSettings().model, promptForApiKey: () => deps.promptForApiKey() }));
  if (chosen === undefined) {
    return undefined;
  }
  await useModel(store, chosen);
  return chosen;
}

/** Makes `chosen` the model of the chat (user settings), as a pick in the picker does. */
export async function useModel(store: ModelStore, chosen: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(configSection);
  await config.update('model', chosen, vscode.ConfigurationTarget.Global);
  await store.recordUse(chosen);
  void warnIfWorkspaceOverrides(config, chosen);
}

/** A workspace value of cometapi.model hides the user setting: say so instead of seeming to ignore the choice. */
async function warnIfWorkspaceOverrides(config: vscode.WorkspaceConfiguration, chosen: string): Promise<void> {
  const inspected = config.inspect<string>('model');
  const override = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (override === undefined || override === chosen) {
    return;
  }
  const useHere = vscode.l10n.t('Use It in This Workspace');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('CometAPI: this workspace\'s settings use the model "{0}", which overrides your choice of "{1}".', override, chosen),
    useHere,
  );
  if (answer !== useHere) {
    return;
  }
  if (inspected?.workspaceFolderValue !== undefined) {
    await vscode.commands.executeCommand('workbench.action.openFolderSettings');
  } else {
    await config.update('model', chosen, vscode.ConfigurationTarget.Workspace);
  }
}

/**
 * Refresh Model List: progress in the status bar, and a message with the outcome since the person asked.
 * Resolves with the outcome as soon as the fetch ends, without waiting for the message to be dismissed.
 */
async function refreshWithProgress(store: ModelStore, deps: ModelFeatureDeps): Promise<RefreshOutcome> {
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('CometAPI: refreshing models') }, () =>
    store.refresh(),
  );
  if (outcome.ok) {
    void vscode.window.showInformationMessage(vscode.l10n.t('CometAPI: {0} chat models available.', outcome.count));
  } else if (outcome.error.kind !== 'cancelled') {
    void offerFix(store, deps, outcome.error);
  }
  return outcome;
}

async function offerFix(store: ModelStore, deps: ModelFeatureDeps, error: ChatErrorInfo): Promise<void> {
  const setKey = vscode.l10n.t('Set API Key');
  const openSettings = vscode.l10n.t('Open Settings');
  const buttons = [error.actions.includes('setApiKey') ? setKey : undefined, error.actions.includes('openSettings') ? openSettings : undefined];
  const answer = await vscode.window.showErrorMessage(
    vscode.l10n.t('CometAPI: could not load the model list. {0}', error.message),
    ...buttons.filter((button): button is string => button !== undefined),
  );
  if (answer === setKey && (await deps.promptForApiKey())) {
    await refreshWithProgress(store, deps);
  } else if (answer === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'cometapi.baseUrl');
  }
}
