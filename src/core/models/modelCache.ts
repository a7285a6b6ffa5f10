// The model list as kept between sessions (so the picker opens at once and works offline), plus the
// person's recently used and favourite ids. Pure: the host stores these values in globalState.
import { type Infer, type Schema, SchemaError, array, degrade, literal, number, object, optional, parse, picklist, string } from '../../shared/schema';
import { providerOrder } from './modelCatalog';
import { t } from '../../shared/l10n';

// The cache as globalState keeps it, read back leniently: an older extension version or a hand-edited state
// file must not break the picker. A model this version cannot place (an unknown provider group, no id) is left
// out, a price that is not a number is dropped, and an unknown catalogue source reads as 'ids'.

/** A price that is not a non-negative number is left out; a price with nothing left is no price. */
const amountSchema = optional(number({ min: 0, what: 'a price' }), { dropInvalid: true });
const priceSchema = atLeastOneField(object({ inputPerMillion: amountSchema, outputPerMillion: amountSchema, perRequest: amountSchema }));

const modelEntrySchema = object({
  id: string({ min: 1 }),
  provider: picklist(providerOrder),
  providerName: optional(string(), { dropInvalid: true }),
  ownedBy: optional(string(), { dropInvalid: true }),
  price: optional(priceSchema, { dropInvalid: true }),
  imageInput: optional(literal(true), { dropInvalid: true }),
  /** The catalogue's context window, when it gives one (the context meter and vscode.lm use it). */
  contextTokens: optional(number({ integer: true, min: 1024 }), { dropInvalid: true }),
});

/** Whether prices and providers came from the public catalogue or were guessed from ids. */
const catalogueSourceSchema = picklist(['public', 'ids']);
export type CatalogueSource = Infer<typeof catalogueSourceSchema>;

export const modelCacheSchema = object({
  /** Epoch milliseconds of the successful fetch. */
  fetchedAt: number(),
  /** The base URL the list came from: another endpoint serves other models. */
  baseUrl: string(),
  models: array(modelEntrySchema, { dropInvalid: true }),
  catalogueSource: degrade(catalogueSourceSchema, 'ids'),
});
export type ModelCache = Infer<typeof modelCacheSchema>;

/** Recent and favourite ids: text with something in it; anything else in the list is left out. */
const idListSchema = array(string({ pattern: /\S/u }), { dropInvalid: true });

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
    return t('just now');
  }
  if (minutes < 60) {
    return minutes === 1 ? t('1 minute ago') : t('{0} minutes ago', minutes);
  }
  if (minutes < 48 * 60) {
    const hours = Math.floor(minutes / 60);
    return hours === 1 ? t('1 hour ago') : t('{0} hours ago', hours);
  }
  return t('{0} days ago', Math.floor(minutes / 1440));
}

/** A cache read back from globalState; undefined when nothing usable is there. */
export function restoreModelCache(value: unknown): ModelCache | undefined {
  const parsed = parse(modelCacheSchema, value, 'lenient', 'cache');
  return parsed.ok ? parsed.value : undefined;
}

/** The cached list if it belongs to this base URL. */
export function cacheFor(cache: ModelCache | undefined, baseUrl: string): ModelCache | undefined {
  return cache !== undefined && cache.baseUrl === baseUrl ? cache : undefined;
}

/** A stored id list (recent, favourites) read back defensively. */
export function restoreIdList(value: unknown): string[] {
  const parsed = parse(idListSchema, value, 'lenient', 'ids');
  return parsed.ok ? [...new Set(parsed.value)] : [];
}

/** The recently used list after choosing `id`: it moves to the front; the oldest falls off. */
export function recordRecentlyUsed(recent: readonly string[], id: string, max = maxRecentModels): string[] {
  return [id, ...recent.filter((other) => other !== id)].slice(0, max);
}

/** Pins `id` (at the end, keeping pin order) or unpins it if it was pinned. */
export function toggleFavourite(favourites: readonly string[], id: string): string[] {
  return favourites.includes(id) ? favourites.filter((other) => other !== id) : [...favourites, id];
}

/** An object schema that fails when no field is left (lenient reading may have dropped them all). */
function atLeastOneField<T extends object>(inner: Schema<T>): Schema<T> {
  return {
    read(value, path, mode) {
      const result = inner.read(value, path, mode);
      if (Object.keys(result).length === 0) {
        throw new SchemaError(`${path} is empty`);
      }
      return result;
    },
  };
}
