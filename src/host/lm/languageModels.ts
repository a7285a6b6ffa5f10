// Wires CometAPI's models into VS Code's Language Model API: the provider (registered while
// cometapi.languageModels.enabled is on), and the Manage Models command. See docs/architecture.md#vs-codes-language-model-api.
import * as vscode from 'vscode';
import { Disposable, type IDisposable, toDisposable } from '../../shared/disposable';
import { CometChatModelProvider, type ChatModelProviderDeps } from './cometChatModelProvider';
import { LmSelection } from './lmSelection';
import { manageModels } from './manageModels';

/** The vendor declared in package.json's contributes.languageModelChatProviders. */
export const lmVendor = 'cometapi';
const enabledSetting = 'languageModels.enabled';
/** When the models are announced again after registering (see applySetting). */
const reannounceDelaysMs = [2_000, 8_000];

export interface LanguageModelDeps extends Omit<ChatModelProviderDeps, 'selection'> {
  readonly state: vscode.Memento;
  promptForApiKey(): Promise<boolean>;
}

export class LanguageModels extends Disposable {
  private readonly selection: LmSelection;
  private readonly provider: CometChatModelProvider;
  private registration: vscode.Disposable | undefined;
  private announceTimers: IDisposable | undefined;

  constructor(deps: LanguageModelDeps) {
    super();
    this.selection = this.register(new LmSelection(deps.state));
    this.provider = this.register(new CometChatModelProvider({ ...deps, selection: this.selection }));
    this.register(
      vscode.commands.registerCommand('cometapi.manageModels', () =>
        manageModels({
          store: deps.store,
          selection: this.selection,
          currentModel: () => deps.readSettings().model,
          hasApiKey: () => deps.hasApiKey(),
          promptForApiKey: () => deps.promptForApiKey(),
        }),
      ),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`cometapi.${enabledSetting}`)) {
          this.applySetting();
        }
      }),
    );
    this.register(toDisposable(() => this.unregister()));
    this.applySetting();
  }

  private applySetting(): void {
    const enabled = vscode.workspace.getConfiguration('cometapi').get<boolean>(enabledSetting, true);
    if (enabled && this.registration === undefined) {
      this.registration = vscode.lm.registerLanguageModelChatProvider(lmVendor, this.provider);
      // VS Code 1.139's chat model picker does not ask a provider registered at startup for its models until
      // the provider says they changed: without this, a window opened with the key already stored offered no
      // CometAPI model until the key, the list or the selection changed. On a busy machine the chat view can
      // finish building after that first announcement, so it is repeated once the window has settled.
      this.provider.announceModels();
      const timers = reannounceDelaysMs.map((delay) => setTimeout(() => this.provider.announceModels(), delay));
      this.announceTimers = toDisposable(() => timers.forEach(clearTimeout));
    } else if (!enabled) {
      this.unregister();
    }
  }

  private unregister(): void {
    this.announceTimers?.dispose();
    this.announceTimers = undefined;
    this.registration?.dispose();
    this.registration = undefined;
  }
}
