// Pulls the facts errors.ts decides on out of whatever was thrown: an SDK APIError (with status, headers and
// CometAPI's error body), a Node/undici network error with its chain of causes, a SyntaxError from parsing
// an HTML page, or an AbortError. Duck-typed on purpose, so errors from another copy of the SDK still work.
import { asRecord, nonEmptyString } from '../../shared/looseValues';

export interface HeaderReader {
  get(name: string): string | null;
}

export interface ErrorFacts {
  /** HTTP status when a response arrived; undefined for network errors and errors inside a 200 stream. */
  readonly status?: number;
  /** `error.code` of CometAPI's error body, e.g. `model_not_found`, `insufficient_user_quota`. */
  readonly code?: string;
  /** The server's own message (or the thrown message when there was no body). */
  readonly message: string;
  /** Every message and code in the `cause` chain, lowercased, for pattern matching. */
  readonly chainText: string;
  /** `code`s found along the cause chain (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, ...). */
  readonly causeCodes: readonly string[];
  /** Names along the chain (AbortError, SyntaxError, APIConnectionTimeoutError, ...). */
  readonly names: readonly string[];
  /** True when the error carries an error object from the server (HTTP error body or in-stream error chunk). */
  readonly hasServerBody: boolean;
  readonly headers?: HeaderReader;
}

function isHeaderReader(value: unknown): value is HeaderReader {
  return typeof asRecord(value)?.get === 'function';
}

/** Walks `cause` links (bounded: a cycle must not hang the error path). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    current = asRecord(current)?.cause;
  }
  return chain;
}

export function extractErrorFacts(error: unknown): ErrorFacts {
  const top = asRecord(error);
  const chain = causeChain(error);
  const causeCodes: string[] = [];
  const names: string[] = [];
  const texts: string[] = [];
  for (const link of chain) {
    const record = asRecord(link);
    if (!record) {
      texts.push(String(link));
      continue;
    }
    const code = record.code;
    if (typeof code === 'string' && code !== '') {
      causeCodes.push(code);
      texts.push(code);
    }
    // SDK error classes keep `name` = "Error"; their constructor name is what tells them apart.
    for (const name of [nonEmptyString(record.name), nonEmptyString((record.constructor as { name?: unknown } | undefined)?.name)]) {
      if (name && !names.includes(name)) {
        names.push(name);
      }
    }
    const message = nonEmptyString(record.message);
    if (message) {
      texts.push(message);
    }
  }

  // The SDK keeps CometAPI's `{"error":{...}}` object in `error`; a status-less APIError with one is an
  // error chunk inside a 200 stream.
  const body = asRecord(top?.error);
  const status = typeof top?.status === 'number' ? top.status : undefined;
  const code = nonEmptyString(body?.code);
  const bodyMessage = nonEmptyString(body?.message);
  const thrownMessage = nonEmptyString(top?.message) ?? (typeof error === 'string' ? error : '');
  if (bodyMessage) {
    texts.push(bodyMessage);
  }
  return {
    status,
    code,
    message: bodyMessage ?? thrownMessage,
    chainText: texts.join(' | ').toLowerCase(),
    causeCodes,
    names,
    hasServerBody: body !== undefined,
    headers: isHeaderReader(top?.headers) ? top.headers : undefined,
  };
}

const REQUEST_ID_IN_MESSAGE = /\(\s*request id:\s*([^)\s]+)\s*\)/i;

/** CometAPI's request id: quoted in the message as "(request id: 2025...)" or sent as a header. */
export function requestIdOf(facts: ErrorFacts): string | undefined {
  const inMessage = REQUEST_ID_IN_MESSAGE.exec(facts.message)?.[1];
  if (inMessage) {
    return inMessage;
  }
  const header = facts.headers?.get('x-oneapi-request-id') ?? facts.headers?.get('x-request-id');
  return header ?? undefined;
}

/** The server's message made fit for a sentence: no request id (shown separately), one line, bounded. */
export function serverDetail(facts: ErrorFacts): string {
  const text = facts.message
    .replace(REQUEST_ID_IN_MESSAGE, '')
    .replace(/^\d{3}\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 240 ? `${text.slice(0, 237)}...` : text;
}

/** True when the text looks like an HTML page rather than an API answer. */
export function looksLikeHtml(text: string): boolean {
  return /<\s*(!doctype|html|head|body|title)\b/i.test(text);
}
