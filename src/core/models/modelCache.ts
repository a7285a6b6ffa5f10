// The model list as kept between sessions (so the picker opens at once and works offline), plus the
// person's recently used and favourite ids. Pure: the host stores these values in globalState.
import { type ModelEntry, type ModelPrice, type ProviderGroup, providerOrder } from './modelCatalog';

/** Whether prices and providers came from the public catalogue or were guessed from ids. */
export type CatalogueSource = 'public' | 'ids';

export interface ModelCache {
  /** Epoch milliseconds of the successful fetch. */
  readonly fetchedAt: number;
  /** The base URL the list came from: another endpoint serves other models. */
  readonly baseUrl: string;
  readonly models: readonly ModelEntry[];
  readonly catalogueSource: CatalogueSource;
}

/** The list is refreshed in the background once it is older than this. */
export const cacheMaxAgeMs = 60 * 60 * 1000;
export const maxRecentModels = 8;

export function isCacheStale(cache: ModelCache, now: number, maxAgeMs = cacheMaxAgeMs): boolean {
  // A fetch time in the future means the clock moved; do not trust the cache to be fresh.
  return now - cache.fetchedAt > maxAgeMs || cache.fetchedAt > now;
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago": how old the shown list is. */
export function describeCacheAge(cache: ModelCache, now: number): string {
  const minutes = Math.floor(Math.max(0, now - cache.fetchedAt) / 60_000);
  if (minutes < 1) {
    return 'just now';
  }
  const [amount, unit] = minutes < 60 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour'] : [Math.floor(minutes / 1440), 'day'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'} ago`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const providerSet: ReadonlySet<string> = new Set(providerOrder);

function restorePrice(value: unknown): ModelPrice | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const price: Record<string, number> = {};
  for (const key of ['inputPerMillion', 'outputPerMillion', 'perRequest'] as const) {
    const amount = value[key];
    if (typeof amount === 'number' && Number.isFinite(amount) && amount >= 0) {
      price[key] = amount;
    }
  }
  return Object.keys(price).length > 0 ? price : undefined;
}

function restoreEntry(value: unknown): ModelEntry | undefined {
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '' || !providerSet.has(String(value.provider))) {
    return undefined;
  }
  const entry: { -readonly [K in keyof ModelEntry]: ModelEntry[K] } = { id: value.id, provider: value.provider as ProviderGroup };
  if (typeof value.providerName === 'string') entry.providerName = value.providerName;
  if (typeof value.ownedBy === 'string') entry.ownedBy = value.ownedBy;
  const price = restorePrice(value.price);
  if (price !== undefined) entry.price = price;
  return entry;
}

/**
 * A cache read back from globalState, checked field by field: an older extension version or a hand-edited
 * state file must not break the picker. Returns undefined when nothing usable is there.
 */
export function restoreModelCache(value: unknown): ModelCache | undefined {
  if (!isRecord(value) || typeof value.fetchedAt !== 'number' || typeof value.baseUrl !== 'string' || !Array.isArray(value.models)) {
    return undefined;
  }
  const models = value.models.map(restoreEntry).filter((entry): entry is ModelEntry => entry !== undefined);
  const catalogueSource: CatalogueSource = value.catalogueSource === 'public' ? 'public' : 'ids';
  return { fetchedAt: value.fetchedAt, baseUrl: value.baseUrl, models, catalogueSource };
}

/** The cached list if it belongs to this base URL. */
export function cacheFor(cache: ModelCache | undefined, baseUrl: string): ModelCache | undefined {
  return cache !== undefined && cache.baseUrl === baseUrl ? cache : undefined;
}

/** A stored id list (recent, favourites) read back defensively. */
export function restoreIdList(value: unknown): string[] {
  return Array.isArray(value) ? [...new Set(value.filter((id): id is string => typeof id === 'string' && id.trim() !== ''))] : [];
}

/** The recently used list after choosing `id`: it moves to the front; the oldest falls off. */
export function recordRecentlyUsed(recent: readonly string[], id: string, max = maxRecentModels): string[] {
  return [id, ...recent.filter((other) => other !== id)].slice(0, max);
}

/** Pins `id` (at the end, keeping pin order) or unpins it if it was pinned. */
export function toggleFavourite(favourites: readonly string[], id: string): string[] {
  return favourites.includes(id) ? favourites.filter((other) => other !== id) : [...favourites, id];
}
