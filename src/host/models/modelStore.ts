// Keeps the model list, recently used and favourite ids in globalState and refreshes the list from CometAPI.
// One refresh at a time: the picker, the refresh command and the background refresh share it.
import * as vscode from 'vscode';
import type { ChatErrorInfo } from '../../shared/conversation';
import { normalizeBaseUrl } from '../../core/client/baseUrl';
import { errorInfo } from '../../core/errors/errors';
import { type ModelCache, cacheFor, isCacheStale, recordRecentlyUsed, restoreIdList, restoreModelCache, toggleFavourite } from '../../core/models/modelCache';
import type { ModelEntry } from '../../core/models/modelCatalog';
import { loadModelList } from '../../core/models/modelsApi';
import type { KeyGrant, KeyRequestOptions } from '../apiKeyManager';
import { Disposable, toDisposable } from '../../shared/disposable';
import { readChatSettings } from '../settings';

const cacheKey = 'cometapi.models.cache';
const recentKey = 'cometapi.models.recent';
const favouritesKey = 'cometapi.models.favourites';

export type RefreshOutcome = { readonly ok: true; readonly count: number } | { readonly ok: false; readonly error: ChatErrorInfo };

function currentBaseUrl(): string {
  const raw = readChatSettings().baseUrl;
  try {
    return normalizeBaseUrl(raw);
  } catch {
    // An invalid URL has no list; the refresh reports why.
    return raw;
  }
}

export class ModelStore extends Disposable {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when the list, the recent ids or the favourites change. */
  readonly onDidChange = this.changeEmitter.event;
  private inFlight: { readonly outcome: Promise<RefreshOutcome>; readonly interactive: boolean } | undefined;
  /** Ends a fetch still running when the extension is disposed. */
  private readonly abort = new AbortController();
  private restored: { readonly raw: unknown; readonly cache: ModelCache | undefined } | undefined;

  constructor(
    private readonly state: vscode.Memento,
    /** The key manager's gate: the key only for a base URL it may go to. */
    private readonly keyFor: (baseUrl: string, options: KeyRequestOptions) => Promise<KeyGrant>,
  ) {
    super();
    this.register(toDisposable(() => this.abort.abort()));
  }

  /** The cached list for the configured base URL, if any. */
  cache(): ModelCache | undefined {
    // The status bar and chat view ask often; re-check the stored value only when globalState gives a new one.
    const raw = this.state.get(cacheKey);
    if (raw !== this.restored?.raw) {
      this.restored = { raw, cache: restoreModelCache(raw) };
    }
    return cacheFor(this.restored?.cache, currentBaseUrl());
  }

  models(): readonly ModelEntry[] {
    return this.cache()?.models ?? [];
  }

  needsRefresh(now = Date.now()): boolean {
    const cache = this.cache();
    return cache === undefined || isCacheStale(cache, now);
  }

  get isRefreshing(): boolean {
    return this.inFlight !== undefined;
  }

  recent(): string[] {
    return restoreIdList(this.state.get(recentKey));
  }

  favourites(): string[] {
    return restoreIdList(this.state.get(favouritesKey));
  }

  async recordUse(id: string): Promise<void> {
    await this.state.update(recentKey, recordRecentlyUsed(this.recent(), id));
    this.changeEmitter.fire();
  }

  async toggleFavourite(id: string): Promise<void> {
    await this.state.update(favouritesKey, toggleFavourite(this.favourites(), id));
    this.changeEmitter.fire();
  }

  /**
   * Fetches the list now, or joins the fetch already running. Never throws. A background refresh
   * (`interactive: false`) never asks the person to allow the key for another origin; it fails instead.
   */
  refresh(options: KeyRequestOptions = { interactive: true }): Promise<RefreshOutcome> {
    const running = this.inFlight;
    if (running !== undefined && (running.interactive || !options.interactive)) {
      return running.outcome;
    }
    // A person asking while a background refresh runs must not inherit its silent "not allowed": after it, ask.
    const outcome = (running ? running.outcome.then((first) => (first.ok ? first : this.fetchAndStore(options))) : this.fetchAndStore(options)).finally(() => {
      if (this.inFlight?.outcome === outcome) {
        this.inFlight = undefined;
      }
    });
    this.inFlight = { outcome, interactive: options.interactive };
    return outcome;
  }

  private async fetchAndStore(options: KeyRequestOptions): Promise<RefreshOutcome> {
    const settings = readChatSettings();
    const baseUrl = currentBaseUrl();
    const grant = await this.keyFor(baseUrl, options);
    if (!grant.ok) {
      return { ok: false, error: grantFailure(grant) };
    }
    const { apiKey } = grant;
    const result = await loadModelList({ baseUrl, apiKey, timeoutMs: settings.requestTimeoutSeconds * 1000, signal: this.abort.signal });
    if (!result.ok) {
      return result;
    }
    const cache: ModelCache = { fetchedAt: Date.now(), baseUrl, models: result.models, catalogueSource: result.catalogueSource };
    await this.state.update(cacheKey, cache);
    this.changeEmitter.fire();
    return { ok: true, count: result.models.length };
  }
}

function grantFailure(grant: Extract<KeyGrant, { ok: false }>): ChatErrorInfo {
  switch (grant.reason) {
    case 'missing':
      return errorInfo('auth', 'No CometAPI API key is set. Set your key to load the model list.');
    case 'refused':
    case 'declined':
      return errorInfo('badBaseUrl', grant.message);
  }
}

/** Recent and favourite ids are small and personal: let Settings Sync carry them to other machines. */
export function syncPersonalModelLists(state: vscode.Memento & { setKeysForSync(keys: readonly string[]): void }): void {
  state.setKeysForSync([recentKey, favouritesKey]);
}
