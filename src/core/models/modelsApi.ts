// Fetches the model list (GET /v1/models through the openai SDK, with the key) and CometAPI's public
// catalogue (GET <host>/api/models, no key) and turns failures into ChatErrorInfo for the picker and the
// Set API Key flow. Only the list is required: the catalogue adds providers and prices when it answers.
import type { ChatErrorInfo } from '../../shared/conversation';
import { hostRootOf, normalizeBaseUrl } from '../client/baseUrl';
import { classifyError, errorInfo } from '../errors/errors';
import { createOpenAIClient } from '../client/openaiClient';
import { type CatalogueEntry, type ModelEntry, buildModelEntries, envelopeData, parseCatalogue, parseModelIds } from './modelCatalog';
import type { CatalogueSource } from './modelCache';
import { t } from '../../shared/l10n';

export interface ModelsRequest {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** How long to wait for each answer. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** How long the optional public catalogue may hold up the list (default: the timeout, at most 8 s). */
  readonly catalogueTimeoutMs?: number;
}

const maxCatalogueWaitMs = 8000;

export interface ListedModel {
  readonly id: string;
  readonly ownedBy?: string;
}

/** A 200 answer to GET /models that is not a model list: a web page, or `{success: false, message}`. */
class NotAModelListError extends Error {
  constructor(
    message: string,
    /** True for a web page or other non-JSON text: the base URL points somewhere else. */
    readonly isWebPage: boolean,
  ) {
    super(message);
    this.name = 'NotAModelListError';
  }
}

function refusalMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const { message, error } = body as { message?: unknown; error?: unknown };
  if (typeof message === 'string' && message !== '') {
    return message;
  }
  const nested = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  return typeof nested === 'string' && nested !== '' ? nested : undefined;
}

/**
 * Every id GET /v1/models lists (chat and media alike), in either envelope. Throws what the SDK throws, or a
 * NotAModelListError when a 200 answer holds no list.
 * A raw GET rather than `models.list()`: the pager turns a web page or an error object into an empty list,
 * and "no models" would hide the real problem.
 */
export async function fetchListedModels(request: ModelsRequest): Promise<ListedModel[]> {
  const client = createOpenAIClient(request);
  const body: unknown = await client.get('/models', { signal: request.signal });
  const data = envelopeData(body);
  if (data !== undefined) {
    return parseModelIds(data);
  }
  if (typeof body === 'string' || body === null || body === undefined) {
    throw new NotAModelListError(t('The server answered with a web page instead of a model list.'), true);
  }
  throw new NotAModelListError(refusalMessage(body) ?? t('The server answered without a model list.'), false);
}

/**
 * CometAPI's public catalogue on the base URL's host, or undefined when it is missing, slow or malformed.
 * Never throws: the picker must work without it.
 */
export async function fetchPublicCatalogue(baseUrl: string, timeoutMs: number, signal?: AbortSignal): Promise<CatalogueEntry[] | undefined> {
  try {
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await fetch(`${hostRootOf(baseUrl)}/api/models`, {
      headers: { accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!response.ok) {
      return undefined;
    }
    const data = envelopeData(await response.json());
    return data === undefined ? undefined : parseCatalogue(data);
  } catch {
    return undefined;
  }
}

function toErrorInfo(error: unknown, request: ModelsRequest): ChatErrorInfo {
  let baseUrl = request.baseUrl;
  try {
    baseUrl = normalizeBaseUrl(request.baseUrl);
  } catch (invalid) {
    return errorInfo('badBaseUrl', invalid instanceof Error ? invalid.message : t('The base URL is not valid.'));
  }
  if (error instanceof NotAModelListError) {
    if (error.isWebPage) {
      return errorInfo('badBaseUrl', t('The base URL looks wrong: {0} answered with a web page, not the model list.', `${baseUrl}/models`));
    }
    // `{success: false, message: "invalid token"}` with status 200: the words still say what went wrong.
    return classifyError(error, { baseUrl, secrets: [request.apiKey] });
  }
  const info = classifyError(error, { baseUrl, timeoutMs: request.timeoutMs, secrets: [request.apiKey] });
  if (info.kind === 'cancelled' && request.signal?.aborted !== true) {
    // Nobody cancelled: the SDK's own header timeout aborts the fetch, and its error carries an AbortError cause.
    const seconds = Math.max(1, Math.round(request.timeoutMs / 1000));
    return errorInfo('timeout', `CometAPI did not answer within ${seconds} s. Retry, or raise the request timeout in settings.`);
  }
  return info;
}

export type ModelListResult =
  { readonly ok: true; readonly models: ModelEntry[]; readonly catalogueSource: CatalogueSource } | { readonly ok: false; readonly error: ChatErrorInfo };

/**
 * The chat models the key can use, with providers and prices from the public catalogue when it answers.
 * Both requests run at once; only the list's failure is a failure. Never throws.
 */
export async function loadModelList(request: ModelsRequest): Promise<ModelListResult> {
  const catalogueTimeoutMs = request.catalogueTimeoutMs ?? Math.min(request.timeoutMs, maxCatalogueWaitMs);
  const catalogue = fetchPublicCatalogue(request.baseUrl, catalogueTimeoutMs, request.signal);
  try {
    const listed = await fetchListedModels(request);
    const rows = await catalogue;
    return { ok: true, models: buildModelEntries(listed, rows), catalogueSource: rows === undefined ? 'ids' : 'public' };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error, request) };
  }
}

export type ApiKeyCheck = { readonly ok: true; readonly modelCount: number } | { readonly ok: false; readonly error: ChatErrorInfo };

/**
 * Checks a key with GET /v1/models. modelCount counts the chat models the picker will offer.
 * Network trouble comes back as an error of kind network / timeout / badBaseUrl; never throws.
 */
export async function verifyApiKey(request: ModelsRequest): Promise<ApiKeyCheck> {
  try {
    const listed = await fetchListedModels(request);
    return { ok: true, modelCount: buildModelEntries(listed, undefined).length };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error, request) };
  }
}
