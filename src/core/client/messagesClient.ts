// Sends POST {baseUrl}/messages (Anthropic's format, for Claude) over fetch and hands back its events. A small
// reader of our own rather than @anthropic-ai/sdk: the bundle stays small, and the retry policy, idle timer and
// Stop handling in chatClient.ts apply unchanged, as they need only an event iterable and a response whose
// failures look like the openai SDK's (status, headers, the server's `error` object) to errors.ts.
import { readSseEvents } from './sseReader';
import { ANTHROPIC_VERSION } from '../requests/messagesRequest';
import { asRecord, nonEmptyString } from '../../shared/looseValues';
import { t } from '../../shared/l10n';

export interface MessagesTarget {
  /** Normalised base URL, ending in /v1. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Longest wait for the response headers; the idle timer in chatClient.ts covers the body. */
  readonly timeoutMs: number;
}

/** A non-2xx answer, shaped as errors.ts reads the openai SDK's APIError. */
export class MessagesHttpError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    /** The server's error object (CometAPI's `{message, code}` or Anthropic's `{type, message}`, its type as code). */
    readonly error: Record<string, unknown> | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'MessagesHttpError';
  }
}

/** The header timeout, named as errors.ts recognises a timeout. */
class HeaderTimeoutError extends Error {
  constructor() {
    super(t('Request timed out.'));
    this.name = 'TimeoutError';
  }
}

const MAX_ERROR_BODY_CHARS = 64 * 1024;

/** CometAPI answers in its own error shape or Anthropic's; both become `{message, code}`. */
function errorObjectOf(text: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const error = asRecord(asRecord(parsed)?.error);
  if (!error) {
    return undefined;
  }
  // CometAPI's own errors say `type: "comet_api_error"`, which is no code; Anthropic's type is the only one they have.
  const type = error.type === 'comet_api_error' ? undefined : nonEmptyString(error.type);
  return { ...error, code: nonEmptyString(error.code) ?? type };
}

async function httpError(response: Response): Promise<MessagesHttpError> {
  const text = (await response.text().catch(() => '')).slice(0, MAX_ERROR_BODY_CHARS);
  const error = errorObjectOf(text);
  const message = nonEmptyString(error?.message) ?? (text.trim() === '' ? `${response.status} status code (no body)` : text);
  return new MessagesHttpError(response.status, response.headers, error, message);
}

/** A whole (non-streamed) message, from a proxy that ignored `stream: true`, replayed as the stream's events. */
function eventsOfWholeMessage(value: unknown): unknown[] {
  const message = asRecord(value);
  if (message?.type === 'error') {
    return [message];
  }
  const blocks = Array.isArray(message?.content) ? message.content : [];
  return [
    { type: 'message_start', message: { ...message, content: [] } },
    ...blocks.map((block, index) => ({ type: 'content_block_start', index, content_block: block })),
    { type: 'message_delta', delta: { stop_reason: message?.stop_reason }, usage: {} },
    { type: 'message_stop' },
  ];
}

async function* eventsOf(response: Response): AsyncGenerator<unknown> {
  if (/application\/json/i.test(response.headers.get('content-type') ?? '')) {
    yield* eventsOfWholeMessage(await response.json());
    return;
  }
  if (!response.body) {
    return;
  }
  for await (const event of readSseEvents(response.body)) {
    yield event.data;
  }
}

/** Resolves when the response headers arrived; throws MessagesHttpError for a non-2xx status. */
export async function openMessagesStream(
  target: MessagesTarget,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<{ stream: AsyncIterable<unknown>; response: Response }> {
  const headerTimer = new AbortController();
  const timer = setTimeout(() => headerTimer.abort(), target.timeoutMs);
  let response: Response;
  try {
    response = await fetch(`${target.baseUrl}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${target.apiKey.trim()}`,
        'anthropic-version': ANTHROPIC_VERSION,
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.any([signal, headerTimer.signal]),
      // A redirect is a wrong base URL, not something to follow with the key (errors.ts says so).
      redirect: 'manual',
    });
  } catch (error) {
    if (headerTimer.signal.aborted && !signal.aborted) {
      throw new HeaderTimeoutError();
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    // For a web page, its text is what tells errors.ts that the address does not serve this API.
    throw await httpError(response);
  }
  return { stream: eventsOf(response), response };
}
