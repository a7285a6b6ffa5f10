// Which CometAPI models VS Code's chat offers and how each is described there: limits, image input, tool
// calling, price (docs/architecture.md#vs-codes-language-model-api). GET /v1/models says none of this and the
// public catalogue only names provider and price, so limits and capabilities come from what each family is
// documented to take, with safe defaults for the rest. Pure: no vscode, no I/O.
import { t } from '../../shared/l10n';
import { type ModelEntry, formatPrice, providerFromId } from '../models/modelCatalog';

/** The plain shape of VS Code's LanguageModelChatInformation. */
export interface LmModelInfo {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly tooltip: string;
  readonly detail?: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput: boolean; readonly toolCalling: boolean };
}

interface Limits {
  readonly input: number;
  readonly output: number;
}

/** Context and output limits per family, first match wins (providers' model pages). */
const LIMITS: readonly [RegExp, Limits][] = [
  [/^gpt-4\.1/, { input: 1_000_000, output: 32_768 }],
  [/^gpt-5(\.\d+)?-chat/, { input: 128_000, output: 16_384 }],
  [/^gpt-5/, { input: 272_000, output: 128_000 }],
  [/^(gpt-4o|chatgpt-4o)/, { input: 128_000, output: 16_384 }],
  [/^o\d/, { input: 200_000, output: 100_000 }],
  [/^claude-(opus-4|.*-4-opus)/, { input: 200_000, output: 32_000 }],
  [/^claude-(sonnet-4|.*-4-sonnet|3-7)/, { input: 200_000, output: 64_000 }],
  [/^claude-/, { input: 200_000, output: 8_192 }],
  [/^gemini-(2\.5|3)/, { input: 1_048_576, output: 65_536 }],
  [/^gemini-/, { input: 1_048_576, output: 8_192 }],
  [/^grok-4/, { input: 256_000, output: 32_768 }],
  [/^(deepseek|qwen|kimi|moonshot)/, { input: 128_000, output: 8_192 }],
];
/** An unknown model: small enough that VS Code never sends more than most models take. */
const DEFAULT_LIMITS: Limits = { input: 64_000, output: 8_192 };

/** Families documented to read images. */
const VISION = /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-5|o1$|o1-20|o3|o4|claude-(3|opus|sonnet|haiku)|gemini|gemma-3|grok-(4|2-vision)|llama-4)|-vl\b|vision/;
/** Models that do not take `tools`: early reasoning previews, chat-only snapshots, pure reasoners. */
const NO_TOOLS = /^(o1-mini|o1-preview|chatgpt-4o-latest|gpt-5(\.\d+)?-chat)|deepseek-(r1|reasoner)|search|-thinking-exp/;

function lower(id: string): string {
  return id.toLowerCase().split('/').pop() ?? id.toLowerCase();
}

export function limitsFor(id: string): Limits {
  const name = lower(id);
  return LIMITS.find(([pattern]) => pattern.test(name))?.[1] ?? DEFAULT_LIMITS;
}

export function takesImages(id: string): boolean {
  return VISION.test(lower(id));
}

export function takesTools(id: string): boolean {
  return !NO_TOOLS.test(lower(id));
}

const DATE = /-(20\d{2}-?\d{2}-?\d{2}|\d{4})$/;

export function lmModelInfo(entry: ModelEntry): LmModelInfo {
  const limits = limitsFor(entry.id);
  const price = formatPrice(entry.price);
  const provider = entry.providerName ?? entry.provider;
  return {
    id: entry.id,
    name: entry.id,
    family: entry.provider,
    version: DATE.exec(entry.id)?.[1] ?? 'latest',
    tooltip: price === undefined ? t('{0} through CometAPI', provider) : t('{0} through CometAPI. Price: {1}', provider, price),
    ...(price === undefined ? {} : { detail: formatPrice(entry.price, 'compact') }),
    maxInputTokens: entry.contextTokens ?? limits.input,
    maxOutputTokens: limits.output,
    capabilities: { imageInput: takesImages(entry.id), toolCalling: takesTools(entry.id) },
  };
}

/**
 * Well-known models offered before the person chooses (exact ids as CometAPI lists them). Two or three per
 * provider: a picker flooded with hundreds of models helps nobody.
 */
const WELL_KNOWN = [
  'gpt-5',
  'gpt-5-mini',
  'gpt-4.1',
  'claude-sonnet-4-5',
  'claude-sonnet-4-5-20250929',
  'claude-sonnet-4-20250514',
  'claude-opus-4-1-20250805',
  'gemini-2.5-pro',
  'gemini-2.5-flash',
  'deepseek-v3.1',
  'deepseek-chat',
  'grok-4',
  'grok-4-0709',
  'qwen3-coder-plus',
  'kimi-k2-0905-preview',
];
const MAX_DEFAULT_PER_PROVIDER = 3;

export interface SelectionInput {
  readonly models: readonly ModelEntry[];
  /** The person's choice from Manage Models; undefined until they made one. */
  readonly selection: readonly string[] | undefined;
  readonly favourites: readonly string[];
  readonly currentModel: string;
}

/** The ids offered when the person has not chosen: favourites, the chat view's model, a few well-known ones. */
export function defaultSelection(input: Omit<SelectionInput, 'selection'>): string[] {
  const listed = new Set(input.models.map((model) => model.id));
  const perProvider = new Map<string, number>();
  const wellKnown = WELL_KNOWN.filter((id) => {
    if (!listed.has(id)) {
      return false;
    }
    const provider = providerFromId(id);
    const count = perProvider.get(provider) ?? 0;
    perProvider.set(provider, count + 1);
    return count < MAX_DEFAULT_PER_PROVIDER;
  });
  return [...new Set([...input.favourites, input.currentModel, ...wellKnown])].filter((id) => id.trim() !== '');
}

/**
 * The models VS Code's chat offers, described. Only chat models in the list (the picker's filter already
 * removed image, audio, video and embedding models); a chosen id the list no longer has is left out.
 */
export function offeredModels(input: SelectionInput): LmModelInfo[] {
  const chosen = new Set(input.selection ?? defaultSelection(input));
  return input.models.filter((model) => chosen.has(model.id)).map(lmModelInfo);
}
