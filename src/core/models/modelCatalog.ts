import { t } from '../../shared/l10n';
import { isRecord, trimmedString } from '../../shared/looseValues';
// What the model picker and status bar know about models: parsing GET /v1/models and the public catalogue,
// telling chat models from media ones, provider groups, prices and short names. Pure: no I/O, no vscode.

/** The picker's provider groups, in the order they are shown. */
export const providerOrder = ['OpenAI', 'Anthropic', 'Google', 'DeepSeek', 'xAI', 'Qwen', 'Moonshot', 'Meta', 'Mistral', 'Other'] as const;
export type ProviderGroup = (typeof providerOrder)[number];

/** Prices in USD; the catalogue quotes tokens per million. */
export interface ModelPrice {
  readonly inputPerMillion?: number;
  readonly outputPerMillion?: number;
  readonly perRequest?: number;
}

export interface ModelEntry {
  readonly id: string;
  /** The picker group. */
  readonly provider: ProviderGroup;
  /** The public catalogue's own provider name when it differs from the group (e.g. "Zhipu" in Other). */
  readonly providerName?: string;
  readonly ownedBy?: string;
  readonly price?: ModelPrice;
  /** The public catalogue lists a feature that means the model reads images ("image-to-text"). */
  readonly imageInput?: true;
  /** The model's context window in tokens, when the public catalogue gives it. */
  readonly contextTokens?: number;
}

/** One row of the public catalogue (GET <host>/api/models), reduced to what we use. */
export interface CatalogueEntry {
  readonly id: string;
  readonly provider?: string;
  /** "text" for chat models; "image", "video", "audio"... for the rest. */
  readonly modelType?: string;
  readonly price?: ModelPrice;
  readonly imageInput?: true;
  readonly contextTokens?: number;
}

/**
 * Catalogue features that mean a model reads images. The catalogue does not mark every vision model this way, so
 * src/core/images/visionRules.ts asks the rules table too when it says nothing.
 */
const VISION_FEATURES = new Set(['image-to-text', 'vision', 'image-understanding', 'multimodal']);

function readsImages(features: unknown): true | undefined {
  return Array.isArray(features) && features.some((feature) => VISION_FEATURES.has(trimmedString(feature)?.toLowerCase() ?? '')) ? true : undefined;
}

function nonNegativeNumber(value: unknown): number | undefined {
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

/**
 * The `data` array of a model-list envelope: CometAPI's `{success, data}` or OpenAI's `{object: "list", data}`.
 * Returns undefined when the body is not such an envelope (an HTML page, an error object), so the caller can
 * say the base URL looks wrong instead of showing an empty list.
 */
export function envelopeData(body: unknown): readonly unknown[] | undefined {
  if (!isRecord(body) || body.success === false || !Array.isArray(body.data)) {
    return undefined;
  }
  return body.data;
}

/** Model ids of a GET /v1/models body, deduplicated, skipping entries without a usable id. */
export function parseModelIds(data: readonly unknown[]): { id: string; ownedBy?: string }[] {
  const seen = new Set<string>();
  const result: { id: string; ownedBy?: string }[] = [];
  for (const entry of data) {
    const id = isRecord(entry) ? trimmedString(entry.id) : undefined;
    if (id === undefined || seen.has(id)) {
      continue;
    }
    seen.add(id);
    const ownedBy = trimmedString((entry as Record<string, unknown>).owned_by);
    result.push(ownedBy === undefined ? { id } : { id, ownedBy });
  }
  return result;
}

/** The public catalogue's rows; junk rows are skipped. */
export function parseCatalogue(data: readonly unknown[]): CatalogueEntry[] {
  const result: CatalogueEntry[] = [];
  for (const entry of data) {
    const id = isRecord(entry) ? trimmedString(entry.id) : undefined;
    if (id === undefined) {
      continue;
    }
    const row = entry as Record<string, unknown>;
    const pricing = isRecord(row.pricing) ? row.pricing : {};
    const price: ModelPrice = {
      inputPerMillion: nonNegativeNumber(pricing.input),
      outputPerMillion: nonNegativeNumber(pricing.output),
      perRequest: nonNegativeNumber(pricing.per_request),
    };
    const hasPrice = Object.values(price).some((value) => value !== undefined);
    result.push({
      id,
      provider: trimmedString(row.provider),
      modelType: trimmedString(row.model_type)?.toLowerCase(),
      price: hasPrice ? withoutUndefined(price) : undefined,
      ...(readsImages(row.features) ? { imageInput: true as const } : {}),
      ...contextWindowOf(row),
    });
  }
  return result;
}

/**
 * The catalogue's context window, under the names such catalogues use (`context_length`, `context_window`).
 * Absent from CometAPI's catalogue today; a value that is not a plausible window is ignored, never guessed at.
 */
function contextWindowOf(row: Record<string, unknown>): { contextTokens?: number } {
  for (const value of [row.context_length, row.context_window]) {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1024) {
      return { contextTokens: value };
    }
  }
  return {};
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Id fragments of image, audio, video, embedding and moderation models (seen in other tools' filters). */
const nonChatFragments = [
  'dall-e',
  'mj_',
  'midjourney',
  'flux-',
  'sdxl',
  'suno_',
  'tts',
  'whisper',
  'transcribe',
  'veo',
  'kling_',
  'runway',
  'luma_',
  'sora',
  'seedream',
  'seededit',
  'gpt-image',
  '-image',
  'imagen',
  'embedding',
  'moderation',
  'search-gpts',
  'audio',
  'realtime',
];
/** Fragments that also name text models of the same family: the catalogue's "text" type wins over these. */
const ambiguousFragments = ['hunyuan'];

/** Whether an id can be sent to chat completions. The catalogue's type decides when known. */
export function isChatModel(id: string, catalogueType?: string): boolean {
  if (catalogueType !== undefined && catalogueType !== 'text') {
    return false;
  }
  const lower = id.toLowerCase();
  if (nonChatFragments.some((fragment) => lower.includes(fragment))) {
    return false;
  }
  return catalogueType === 'text' || !ambiguousFragments.some((fragment) => lower.includes(fragment));
}

const idPatterns: readonly [RegExp, ProviderGroup][] = [
  [/^(gpt-|o1|o3|o4|chatgpt|codex)/, 'OpenAI'],
  [/claude/, 'Anthropic'],
  [/gemini|gemma/, 'Google'],
  [/deepseek/, 'DeepSeek'],
  [/grok/, 'xAI'],
  [/qwen|qwq/, 'Qwen'],
  [/kimi|moonshot/, 'Moonshot'],
  [/llama/, 'Meta'],
  [/mistral|mixtral|codestral|magistral/, 'Mistral'],
];

/** The provider group an id suggests; a vendor prefix such as "openai/" is ignored. */
export function providerFromId(id: string): ProviderGroup {
  const name = id.toLowerCase().split('/').pop() ?? '';
  return idPatterns.find(([pattern]) => pattern.test(name))?.[1] ?? 'Other';
}

/** Catalogue provider names (lower case) that differ from our group names. */
const providerAliases: Readonly<Record<string, ProviderGroup>> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  claude: 'Anthropic',
  google: 'Google',
  gemini: 'Google',
  deepseek: 'DeepSeek',
  xai: 'xAI',
  'x-ai': 'xAI',
  grok: 'xAI',
  qwen: 'Qwen',
  alibaba: 'Qwen',
  aliyun: 'Qwen',
  moonshot: 'Moonshot',
  'moonshot ai': 'Moonshot',
  kimi: 'Moonshot',
  meta: 'Meta',
  'meta-llama': 'Meta',
  llama: 'Meta',
  mistral: 'Mistral',
  'mistral ai': 'Mistral',
  mistralai: 'Mistral',
};

export function providerFromCatalogueName(name: string): ProviderGroup {
  return providerAliases[name.trim().toLowerCase()] ?? 'Other';
}

/**
 * Chat models of a GET /v1/models list, with providers and prices from the public catalogue when there is one.
 * The catalogue's provider wins when it names one of our groups; an unknown name is kept for display and the
 * id decides the group, so "gpt-4o" listed under some reseller still sits with OpenAI.
 */
export function buildModelEntries(listed: readonly { id: string; ownedBy?: string }[], catalogue: readonly CatalogueEntry[] | undefined): ModelEntry[] {
  const byId = new Map((catalogue ?? []).map((row) => [row.id, row]));
  const entries: ModelEntry[] = [];
  for (const { id, ownedBy } of listed) {
    const row = byId.get(id);
    if (!isChatModel(id, row?.modelType)) {
      continue;
    }
    const catalogueGroup = row?.provider === undefined ? 'Other' : providerFromCatalogueName(row.provider);
    const provider = catalogueGroup !== 'Other' ? catalogueGroup : providerFromId(id);
    const providerName = row?.provider !== undefined && row.provider !== provider ? row.provider : undefined;
    entries.push(withoutUndefined({ id, provider, providerName, ownedBy, price: row?.price, imageInput: row?.imageInput, contextTokens: row?.contextTokens }));
  }
  return entries;
}

/** Date snapshots at the end of an id or before a variant: -20250514, -2025-04-16, -0709 (month-day). */
const dateSuffix =
  /-(?:20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|20\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?=$|-)/g;
const maxShortNameLength = 32;

/** A recognisable name for the status bar: no vendor prefix, no date snapshot, not too long. */
export function shortModelName(id: string): string {
  const lastSegment = id.split('/').pop() || id;
  const undated = lastSegment.replace(dateSuffix, '');
  const name = undated === '' ? lastSegment : undated;
  return name.length > maxShortNameLength ? `${name.slice(0, maxShortNameLength - 1)}…` : name;
}

function dollars(amount: number): string {
  if (amount === 0) {
    return '$0';
  }
  // Cheap models cost fractions of a cent per million tokens; two decimals would show them as $0.00.
  const text = amount >= 0.01 ? amount.toFixed(2) : amount.toPrecision(2);
  return `$${text.replace(/\.00$/, '')}`;
}

/**
 * "$0.42 / $0.83 per 1M tokens in/out", or undefined when no price is known.
 * The compact form ("$0.42 / $0.83 per 1M") fits a picker row.
 */
export function formatPrice(price: ModelPrice | undefined, form: 'full' | 'compact' = 'full'): string | undefined {
  if (price === undefined) {
    return undefined;
  }
  const { inputPerMillion: input, outputPerMillion: output, perRequest } = price;
  if (input !== undefined && output !== undefined) {
    return form === 'full' ? t('{0} / {1} per 1M tokens in/out', dollars(input), dollars(output)) : t('{0} / {1} per 1M', dollars(input), dollars(output));
  }
  if (input !== undefined) {
    return t('{0} per 1M input tokens', dollars(input));
  }
  if (output !== undefined) {
    return t('{0} per 1M output tokens', dollars(output));
  }
  return perRequest !== undefined ? t('{0} per request', dollars(perRequest)) : undefined;
}

/** What the status bar and chat view show about a model, whether or not it is in the list. */
export interface ModelDescription {
  readonly id: string;
  readonly shortName: string;
  readonly provider: string;
  readonly priceText?: string;
}

export function describeModel(id: string, models: readonly ModelEntry[]): ModelDescription {
  const entry = models.find((model) => model.id === id);
  const provider = entry?.providerName ?? entry?.provider ?? providerFromId(id);
  return withoutUndefined({ id, shortName: shortModelName(id), provider, priceText: formatPrice(entry?.price) });
}

/** A row of the model picker, before the host turns it into a QuickPickItem. */
export type PickerRow =
  | { readonly kind: 'separator'; readonly label: string }
  | {
      readonly kind: 'model';
      readonly id: string;
      /** "current · Anthropic · $3 / $15 per 1M": matched when the person types a provider name. */
      readonly description: string;
      readonly isFavourite: boolean;
      readonly isCurrent: boolean;
    };

export interface PickerInput {
  readonly models: readonly ModelEntry[];
  /** Pinned ids, in the order they were pinned. */
  readonly favourites: readonly string[];
  /** Most recent first. */
  readonly recent: readonly string[];
  readonly currentModel: string;
}

const byIdNaturally = (a: ModelEntry, b: ModelEntry) => a.id.localeCompare(b.id, 'en', { numeric: true });

/**
 * Picker rows: Favourites at the very top, then Recently used (headed by the model in use), then each
 * provider in the fixed order. Each id appears once. Pinned or recent ids that the list no longer has (a custom
 * id, a withdrawn model) stay selectable, so the person always sees what is in use.
 */
export function buildPickerRows(input: PickerInput): PickerRow[] {
  const known = new Map(input.models.map((model) => [model.id, model]));
  const entryFor = (id: string): ModelEntry => known.get(id) ?? { id, provider: providerFromId(id) };
  const favourites = new Set(input.favourites);
  const shown = new Set<string>();
  const takeUnshown = (ids: readonly string[]): string[] => {
    const fresh = ids.filter((id) => !shown.has(id));
    fresh.forEach((id) => shown.add(id));
    return [...new Set(fresh)];
  };

  const pinned = takeUnshown(input.favourites);
  // The model in use heads Recently used (unless pinned), even when it was set in settings.json.
  const recent = takeUnshown([input.currentModel, ...input.recent]);

  const sections: [string, ModelEntry[]][] = [
    [t('Favourites'), pinned.map(entryFor)],
    [t('Recently used'), recent.map(entryFor)],
  ];
  for (const provider of providerOrder) {
    const inGroup = input.models.filter((model) => model.provider === provider && !shown.has(model.id));
    sections.push([provider, inGroup.sort(byIdNaturally)]);
  }

  const rows: PickerRow[] = [];
  for (const [label, entries] of sections) {
    if (entries.length === 0) {
      continue;
    }
    rows.push({ kind: 'separator', label });
    for (const entry of entries) {
      const isCurrent = entry.id === input.currentModel;
      const parts = [isCurrent ? t('current') : undefined, entry.providerName ?? entry.provider, formatPrice(entry.price, 'compact')];
      rows.push({
        kind: 'model',
        id: entry.id,
        description: parts.filter((part) => part !== undefined).join(' · '),
        isFavourite: favourites.has(entry.id),
        isCurrent,
      });
    }
  }
  return rows;
}

/**
 * The id to offer as "Use '<typed>' as model id", or undefined when the typed text is empty, is already listed
 * or cannot be an id (ids have no spaces; "claude sonnet" is a search, not an id).
 */
export function customModelIdFor(typed: string, listedIds: ReadonlySet<string>): string | undefined {
  const id = typed.trim();
  return id !== '' && !/\s/.test(id) && !listedIds.has(id) ? id : undefined;
}
