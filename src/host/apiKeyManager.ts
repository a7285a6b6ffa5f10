// The API key lives in SecretStorage only, beside the origin it was stored for. `keyFor` is the one way the key
// leaves this class for a request: it checks the request's base URL against that origin and asks the person
// before the key goes anywhere else. The key never reaches settings, globalState, the webview, logs or error text.
import * as vscode from 'vscode';
import { demoKeyFor, demoKeyFromEnvironment } from '../core/security/demoKey';
import { verifyApiKey } from '../core/models/modelsApi';
import { Disposable } from '../shared/disposable';
import { type KeyBinding, type KeyGrant, decideKeyDestination, keyOriginOf, refusalReason, restoreTrustedOrigins } from '../core/security/keyOrigin';
import { readChatSettings } from './settings';
import type { Logger } from './logger';

const secretKey = 'cometapi.apiKey';
/** Not secret, but kept beside the key so both share one lifecycle and no workspace or extension can touch it. */
const originKey = 'cometapi.apiKey.origin';
const trustedOriginsKey = 'cometapi.apiKey.trustedOrigins';

export interface ClearApiKeyOptions {
  /** Automation (tests, ExtensionMode.Test only) passes `{ confirm: false }` to skip the modal confirmation. */
  readonly confirm?: boolean;
}

export interface KeyRequestOptions {
  /**
   * True when the person is waiting for this request (a chat, the picker): they may be asked to allow another
   * origin. Background work never asks: it goes without the key instead.
   */
  readonly interactive: boolean;
}

export type { KeyGrant };

export class ApiKeyManager extends Disposable {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<boolean>());
  /** Fires with whether a key is now stored, whichever window changed it. */
  readonly onDidChange = this.changeEmitter.event;
  /** One question per origin at a time: a chat and the picker asking together get the same answer. */
  private readonly pendingQuestions = new Map<string, Promise<boolean>>();
  /** `npm start`'s key for its local stand-in only (why that is safe: core/security/demoKey.ts); read once, never stored. */
  private readonly demoKey = demoKeyFromEnvironment(process.env);

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly logger: Logger,
  ) {
    super();
    this.register(
      secrets.onDidChange(async (event) => {
        if (event.key === secretKey) {
          this.changeEmitter.fire(await this.hasKey());
        }
      }),
    );
    // Reading SecretStorage is local: the logger learns the key before anything could log it.
    void this.storedKey();
  }

  async hasKey(): Promise<boolean> {
    if (demoKeyFor(this.demoKey, readChatSettings().baseUrl) !== undefined) {
      return true;
    }
    return (await this.storedKey()) !== undefined;
  }

  /**
   * The key for a request to `baseUrl`, if it may go there: the origin it was stored for, an origin the person
   * allowed for good, or one they allow now (modal). Plain http:// to another computer is always refused.
   */
  async keyFor(baseUrl: string, options: KeyRequestOptions): Promise<KeyGrant> {
    const demo = demoKeyFor(this.demoKey, baseUrl);
    if (demo !== undefined) {
      this.rememberForRedaction(demo);
      return { ok: true, apiKey: demo };
    }
    const apiKey = await this.storedKey();
    if (apiKey === undefined) {
      return { ok: false, reason: 'missing', message: vscode.l10n.t('No CometAPI API key is set.') };
    }
    const decision = decideKeyDestination(baseUrl, await this.binding());
    switch (decision.kind) {
      case 'send':
        if (decision.bind) {
          await this.secrets.store(originKey, decision.origin);
          this.logger.info(`The stored API key is now bound to ${decision.origin}.`);
        }
        return { ok: true, apiKey };
      case 'refuse': {
        const message = vscode.l10n.t('Your CometAPI key was not sent. {0}', decision.reason);
        this.logger.warn(message);
        if (options.interactive) {
          void this.offerSettings(message, 'error');
        }
        return { ok: false, reason: 'refused', message };
      }
      case 'ask': {
        const allowed = options.interactive && (await this.askToSend(decision.origin, decision.boundOrigin));
        if (allowed) {
          return { ok: true, apiKey };
        }
        const message = vscode.l10n.t('Your CometAPI key was not sent to {0}: it was saved for another server.', decision.origin);
        this.logger.warn(message);
        return { ok: false, reason: 'declined', message };
      }
    }
  }

  /**
   * Asks for the key (or takes it from automation), checks it with GET /models and stores it, bound to the
   * origin of the current base URL. A key the server rejects is not stored; when the server cannot be reached it
   * is stored anyway, with a warning. Returns whether a key was stored.
   */
  async promptAndStore(providedKey?: string): Promise<boolean> {
    const entered = typeof providedKey === 'string' ? providedKey : await this.askForKey();
    const key = entered?.trim();
    if (!key) {
      return false;
    }
    const settings = readChatSettings();
    const refusal = refusalReason(settings.baseUrl);
    if (refusal !== undefined) {
      this.logger.warn(`API key not saved: ${refusal}`);
      void this.offerSettings(vscode.l10n.t('CometAPI: the key was not saved. {0}', refusal), 'error');
      return false;
    }
    this.rememberForRedaction(key);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('CometAPI: checking the API key…') },
      () => verifyApiKey({ baseUrl: settings.baseUrl, apiKey: key, timeoutMs: Math.min(settings.requestTimeoutSeconds, 20) * 1000 }),
    );
    if (result.ok) {
      await this.store(key, settings.baseUrl);
      this.logger.info(`API key saved for ${keyOriginOf(settings.baseUrl)} and verified (${result.modelCount} models available).`);
      void vscode.window.showInformationMessage(vscode.l10n.t('CometAPI: API key saved. {0} models are available.', result.modelCount));
      return true;
    }
    const { error } = result;
    if (error.kind === 'auth' || error.kind === 'quota') {
      this.logger.warn(`API key rejected: ${error.message}`);
      const retry = vscode.l10n.t('Enter Another Key');
      const choice = await vscode.window.showErrorMessage(vscode.l10n.t('CometAPI: the key was not saved. {0}', error.message), retry);
      return choice === retry ? this.promptAndStore() : false;
    }
    // The server could not say yes or no (offline, proxy, wrong base URL): keep the key, say so.
    await this.store(key, settings.baseUrl);
    this.logger.warn(`API key saved without verification: ${error.message}`);
    void this.offerSettings(vscode.l10n.t('CometAPI: API key saved, but it could not be checked. {0}', error.message), 'warning');
    return true;
  }

  async clear(options: ClearApiKeyOptions = {}): Promise<boolean> {
    if (!(await this.hasKey())) {
      void vscode.window.showInformationMessage(vscode.l10n.t('CometAPI: no API key is stored.'));
      return false;
    }
    if (options.confirm !== false) {
      const remove = vscode.l10n.t('Remove Key');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Remove the CometAPI API key from this machine?'), { modal: true }, remove);
      if (choice !== remove) {
        return false;
      }
    }
    await this.secrets.delete(secretKey);
    await this.secrets.delete(originKey);
    await this.secrets.delete(trustedOriginsKey);
    this.logger.info('API key removed.');
    return true;
  }

  private async storedKey(): Promise<string | undefined> {
    const key = (await this.secrets.get(secretKey))?.trim();
    if (!key) {
      return undefined;
    }
    this.rememberForRedaction(key);
    return key;
  }

  private rememberForRedaction(key: string): void {
    this.logger.addSecret?.(key);
  }

  private async binding(): Promise<KeyBinding> {
    return {
      boundOrigin: (await this.secrets.get(originKey)) || undefined,
      trustedOrigins: restoreTrustedOrigins(await this.secrets.get(trustedOriginsKey)),
    };
  }

  /** The origin goes in first: by the time the key's change event fires, its binding is there to be read. */
  private async store(key: string, baseUrl: string): Promise<void> {
    await this.secrets.store(originKey, keyOriginOf(baseUrl));
    await this.secrets.delete(trustedOriginsKey);
    await this.secrets.store(secretKey, key);
  }

  private askToSend(origin: string, boundOrigin: string | undefined): Promise<boolean> {
    let question = this.pendingQuestions.get(origin);
    if (question === undefined) {
      question = this.ask(origin, boundOrigin).finally(() => this.pendingQuestions.delete(origin));
      this.pendingQuestions.set(origin, question);
    }
    return question;
  }

  private async ask(origin: string, boundOrigin: string | undefined): Promise<boolean> {
    const allowOnce = vscode.l10n.t('Allow Once');
    const always = vscode.l10n.t('Always for This Origin');
    const detail =
      boundOrigin === undefined
        ? vscode.l10n.t(
            'Your key was saved before CometAPI Chat recorded which server it is for. The base URL setting points to {0}. Allow it only if you trust that server with your key.',
            origin,
          )
        : vscode.l10n.t(
            'Your key was saved for {0}. The base URL setting now points to {1}. Allow it only if you trust that server with your key.',
            boundOrigin,
            origin,
          );
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Send your CometAPI key to {0}?', origin), { modal: true, detail }, allowOnce, always);
    if (answer === always) {
      const trusted = restoreTrustedOrigins(await this.secrets.get(trustedOriginsKey));
      await this.secrets.store(trustedOriginsKey, JSON.stringify([...new Set([...trusted, origin])]));
      this.logger.info(`The API key may now always be sent to ${origin}.`);
    }
    return answer === allowOnce || answer === always;
  }

  private async offerSettings(message: string, level: 'error' | 'warning'): Promise<void> {
    const openSettings = vscode.l10n.t('Open Settings');
    const choice =
      level === 'error' ? await vscode.window.showErrorMessage(message, openSettings) : await vscode.window.showWarningMessage(message, openSettings);
    if (choice === openSettings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'cometapi.baseUrl');
    }
  }

  private askForKey(): Thenable<string | undefined> {
    return vscode.window.showInputBox({
      title: vscode.l10n.t('CometAPI API Key'),
      prompt: vscode.l10n.t('Paste your CometAPI key (from the CometAPI console). It is kept in VS Code’s secret storage.'),
      placeHolder: 'sk-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => {
        const trimmed = value.trim();
        if (!trimmed) {
          return vscode.l10n.t('Enter a key, or press Escape to cancel.');
        }
        return /\s/.test(trimmed) ? vscode.l10n.t('A key has no spaces. Check what was pasted.') : undefined;
      },
    });
  }
}
