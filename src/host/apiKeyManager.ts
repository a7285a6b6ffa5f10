// The API key lives in SecretStorage only. It is read when a request is made and passed to the client;
// it never reaches settings, globalState, the webview, logs or error text.
import * as vscode from 'vscode';
import { verifyApiKey } from '../core/models/modelsApi';
import { readChatSettings } from './settings';
import type { Logger } from './logger';

const secretKey = 'cometapi.apiKey';

export interface ClearApiKeyOptions {
  /** Automation (tests) passes `{ confirm: false }` to skip the modal confirmation. */
  readonly confirm?: boolean;
}

export class ApiKeyManager implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<boolean>();
  /** Fires with whether a key is now stored, whichever window changed it. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly logger: Logger,
  ) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (event.key === secretKey) {
        this.changeEmitter.fire(await this.hasKey());
      }
    });
  }

  async get(): Promise<string | undefined> {
    const key = await this.secrets.get(secretKey);
    return key?.trim() ? key.trim() : undefined;
  }

  async hasKey(): Promise<boolean> {
    return (await this.get()) !== undefined;
  }

  /**
   * Asks for the key (or takes it from automation), checks it with GET /models and stores it.
   * A key the server rejects is not stored; when the server cannot be reached it is stored anyway, with a warning.
   * Returns whether a key was stored.
   */
  async promptAndStore(providedKey?: string): Promise<boolean> {
    const entered = typeof providedKey === 'string' ? providedKey : await this.askForKey();
    const key = entered?.trim();
    if (!key) {
      return false;
    }
    const settings = readChatSettings();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'CometAPI: checking the API key…' },
      () => verifyApiKey({ baseUrl: settings.baseUrl, apiKey: key, timeoutMs: Math.min(settings.requestTimeoutSeconds, 20) * 1000 }),
    );
    if (result.ok) {
      await this.secrets.store(secretKey, key);
      this.logger.info(`API key saved and verified (${result.modelCount} models available).`);
      void vscode.window.showInformationMessage(`CometAPI: API key saved. ${result.modelCount} models are available.`);
      return true;
    }
    const { error } = result;
    if (error.kind === 'auth' || error.kind === 'quota') {
      this.logger.warn(`API key rejected: ${error.message}`);
      const retry = 'Enter Another Key';
      const choice = await vscode.window.showErrorMessage(`CometAPI: the key was not saved. ${error.message}`, retry);
      return choice === retry ? this.promptAndStore() : false;
    }
    // The server could not say yes or no (offline, proxy, wrong base URL): keep the key, say so.
    await this.secrets.store(secretKey, key);
    this.logger.warn(`API key saved without verification: ${error.message}`);
    const openSettings = 'Open Settings';
    void vscode.window
      .showWarningMessage(`CometAPI: API key saved, but it could not be checked. ${error.message}`, openSettings)
      .then((choice) => choice === openSettings && vscode.commands.executeCommand('workbench.action.openSettings', 'cometapi.baseUrl'));
    return true;
  }

  async clear(options: ClearApiKeyOptions = {}): Promise<boolean> {
    if (!(await this.hasKey())) {
      void vscode.window.showInformationMessage('CometAPI: no API key is stored.');
      return false;
    }
    if (options.confirm !== false) {
      const remove = 'Remove Key';
      const choice = await vscode.window.showWarningMessage('Remove the CometAPI API key from this machine?', { modal: true }, remove);
      if (choice !== remove) {
        return false;
      }
    }
    await this.secrets.delete(secretKey);
    this.logger.info('API key removed.');
    return true;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private askForKey(): Thenable<string | undefined> {
    return vscode.window.showInputBox({
      title: 'CometAPI API Key',
      prompt: 'Paste your CometAPI key (from the CometAPI console). It is kept in VS Code’s secret storage.',
      placeHolder: 'sk-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => {
        const trimmed = value.trim();
        if (!trimmed) {
          return 'Enter a key, or press Escape to cancel.';
        }
        return /\s/.test(trimmed) ? 'A key has no spaces. Check what was pasted.' : undefined;
      },
    });
  }
}
