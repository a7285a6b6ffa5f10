// Streams one answer from CometAPI as ChatStreamEvents, whichever endpoint the model lives on, and owns what
// the SDK leaves to us (docs/cometapi-wire.md): retries with backoff before the first token, an idle timer on the
// stream, telling Stop apart from a normal end, and a web page where the API should be.
// Contract: the generator always ends with exactly one terminal event, `finish` or `error`.
import type OpenAI from 'openai';
import type { ChatErrorInfo } from '../../shared/conversation';
import { normalizeBaseUrl } from './baseUrl';
import { ChatChunkAdapter } from '../streams/chatStreamAdapter';
import type { StreamAdapter } from '../streams/streamAdapterBase';
import { cancelledError, classifyError, errorInfo, idleTimeoutError, messagesEndpointMissingError, webPageError, type ErrorContext } from '../errors/errors';
import type { ChatRequest, ChatStreamEvent } from '../streams/events';
import { buildMessagesBody } from '../requests/messagesRequest';
import { openMessagesStream, type MessagesTarget } from './messagesClient';
import { MessagesEventAdapter } from '../streams/messagesStreamAdapter';
import { buildChatCompletionBody, buildResponsesBody, endpointFor, type ClaudeEndpoint, type Endpoint } from '../requests/modelRules';
import { createOpenAIClient } from './openaiClient';
import { ResponsesEventAdapter } from '../streams/responsesStreamAdapter';
import { MAX_TOTAL_RETRY_WAIT_MS, planRetry, retryAfterHeaderOf, withRetrySummary } from '../errors/retryPolicy';
import { t } from '../../shared/l10n';

export interface StreamChatOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Longest wait for response headers, and longest silence allowed while the answer streams. */
  readonly timeoutMs: number;
  /** Retries after the first attempt (rate limits, 5xx, network, timeouts), only before the first token. */
  readonly maxRetries: number;
  /** Waits between attempts; must resolve early when `signal` aborts. Injected by tests to record delays. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Jitter source, 0 <= x < 1. */
  readonly random?: () => number;
  /** Cap on all waits between attempts of one answer; defaults to MAX_TOTAL_RETRY_WAIT_MS. */
  readonly maxTotalRetryWaitMs?: number;
  /** cometapi.claudeEndpoint; Claude goes to /v1/messages unless this says "chat". */
  readonly claudeEndpoint?: ClaudeEndpoint;
}

type Terminal =
  | { readonly kind: 'finish'; readonly reason: string; readonly requestId?: string }
  | { readonly kind: 'failed'; readonly error: ChatErrorInfo; readonly retryAfter?: string; readonly sawOutput: boolean };

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Restarts on every call; fires `onSilence` when nothing arrived for `ms`. */
class IdleTimer {
  private timer: NodeJS.Timeout | undefined;
  fired = false;

  constructor(
    private readonly ms: number,
    private readonly onSilence: () => void,
  ) {}

  arm(): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.fired = true;
      this.onSilence();
    }, this.ms);
  }

  disarm(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

function isHtml(contentType: string | null): boolean {
  return contentType !== null && /text\/html/i.test(contentType);
}

/** Where a request goes: the endpoint, the SDK client for the OpenAI-style ones, the target for /v1/messages. */
interface Route {
  readonly endpoint: Endpoint;
  readonly client: OpenAI;
  readonly messages: MessagesTarget;
}

function adapterFor(endpoint: Endpoint, context: ErrorContext): StreamAdapter {
  switch (endpoint) {
    case 'responses':
      return new ResponsesEventAdapter(context);
    case 'messages':
      return new MessagesEventAdapter(context);
    default:
      return new ChatChunkAdapter(context);
  }
}

/** Sends the request on the model's endpoint; resolves when the response headers arrived. */
async function openStream(route: Route, request: ChatRequest, signal: AbortSignal): Promise<{ stream: AsyncIterable<unknown>; response: Response }> {
  const { client } = route;
  if (route.endpoint === 'messages') {
    return openMessagesStream(route.messages, buildMessagesBody(request), signal);
  }
  if (route.endpoint === 'responses') {
    const body = buildResponsesBody(request) as unknown as OpenAI.Responses.ResponseCreateParamsStreaming;
    const { data, response } = await client.responses.create(body, { signal }).withResponse();
    return { stream: data, response };
  }
  const body = buildChatCompletionBody(request) as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming;
  const { data, response } = await client.chat.completions.create(body, { signal }).withResponse();
  return { stream: data, response };
}

/** One attempt: yields text, reasoning, model and usage as they come; returns how the attempt ended. */
async function* attempt(
  route: Route,
  request: ChatRequest,
  context: ErrorContext,
  timeoutMs: number,
  signal: AbortSignal,
): AsyncGenerator<ChatStreamEvent, Terminal> {
  const controller = new AbortController();
  const stopOnAbort = (): void => controller.abort();
  signal.addEventListener('abort', stopOnAbort, { once: true });
  const idle = new IdleTimer(timeoutMs, () => controller.abort());
  const adapter = adapterFor(route.endpoint, context);
  const cancelledOrIdle = (): Terminal | undefined => {
    if (signal.aborted) {
      return { kind: 'failed', error: cancelledError(), sawOutput: adapter.sawOutput };
    }
    return idle.fired ? { kind: 'failed', error: idleTimeoutError(timeoutMs), sawOutput: adapter.sawOutput } : undefined;
  };
  try {
    const { stream, response } = await openStream(route, request, controller.signal);
    if (isHtml(response.headers.get('content-type'))) {
      const error = route.endpoint === 'messages' ? messagesEndpointMissingError(context, response.status) : webPageError(context.baseUrl, response.status);
      return { kind: 'failed', error, sawOutput: false };
    }
    // Given out just before the finish, so the first event of an answer stays the served model.
    const requestId = response.headers.get('x-oneapi-request-id') ?? response.headers.get('x-request-id');
    const finished = (reason: string): Terminal => ({ kind: 'finish', reason, ...(requestId ? { requestId } : {}) });
    idle.arm();
    for await (const item of stream) {
      idle.disarm();
      for (const event of adapter.push(item)) {
        if (event.kind === 'error') {
          return { kind: 'failed', error: event.error, sawOutput: adapter.sawOutput };
        }
        if (event.kind === 'finish') {
          return finished(event.reason);
        }
        yield event;
      }
      idle.arm();
    }
    // The SDK ends an aborted stream quietly: decide here whether that was Stop, our idle timer, or the end.
    const interrupted = cancelledOrIdle();
    if (interrupted) {
      return interrupted;
    }
    for (const event of adapter.end()) {
      if (event.kind === 'error') {
        return { kind: 'failed', error: event.error, sawOutput: adapter.sawOutput };
      }
      if (event.kind === 'finish') {
        return finished(event.reason);
      }
      yield event;
    }
    return { kind: 'failed', error: errorInfo('server', t('The answer ended without a finish.')), sawOutput: adapter.sawOutput };
  } catch (error) {
    return (
      cancelledOrIdle() ?? {
        kind: 'failed',
        error: classifyError(error, { ...context, afterFirstToken: adapter.sawOutput }),
        retryAfter: retryAfterHeaderOf(error),
        sawOutput: adapter.sawOutput,
      }
    );
  } finally {
    idle.disarm();
    signal.removeEventListener('abort', stopOnAbort);
    // Frees the connection when we returned early (web page, error chunk, finish before the body ended).
    controller.abort();
  }
}

export async function* streamChat(request: ChatRequest, options: StreamChatOptions, signal: AbortSignal): AsyncGenerator<ChatStreamEvent> {
  const secrets = [options.apiKey];
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(options.baseUrl);
  } catch (error) {
    // normalizeBaseUrl's messages are written for the person already.
    yield { kind: 'error', error: errorInfo('badBaseUrl', error instanceof Error ? error.message : t('The base URL is not valid.'), { secrets }) };
    return;
  }
  let client: OpenAI;
  try {
    client = createOpenAIClient({ baseUrl, apiKey: options.apiKey, timeoutMs: options.timeoutMs });
  } catch (error) {
    yield { kind: 'error', error: classifyError(error, { baseUrl, secrets }) };
    return;
  }
  const endpoint = endpointFor(request, options.claudeEndpoint);
  const route: Route = { endpoint, client, messages: { baseUrl, apiKey: options.apiKey, timeoutMs: options.timeoutMs } };
  const context: ErrorContext = { baseUrl, model: request.model, timeoutMs: options.timeoutMs, secrets, endpoint };
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const maxTotalWaitMs = options.maxTotalRetryWaitMs ?? MAX_TOTAL_RETRY_WAIT_MS;
  let waitedMs = 0;

  for (let retries = 0; ; retries += 1) {
    if (signal.aborted) {
      yield { kind: 'error', error: cancelledError() };
      return;
    }
    const outcome = yield* attempt(route, request, context, options.timeoutMs, signal);
    if (outcome.kind === 'finish') {
      if (outcome.requestId !== undefined) {
        yield { kind: 'requestId', requestId: outcome.requestId };
      }
      yield { kind: 'finish', reason: outcome.reason };
      return;
    }
    // Once text reached the person, a retry would repeat it: the error is final then.
    if (outcome.sawOutput) {
      yield { kind: 'error', error: outcome.error };
      return;
    }
    const plan = planRetry(outcome.error, { retriesSoFar: retries, maxRetries: options.maxRetries, waitedMs, maxTotalWaitMs }, outcome.retryAfter, random);
    if (!plan.retry) {
      yield { kind: 'error', error: withRetrySummary(outcome.error, retries, plan, maxTotalWaitMs) };
      return;
    }
    waitedMs += plan.delayMs;
    yield { kind: 'retry', attempt: retries + 1, delayMs: plan.delayMs, error: outcome.error };
    await sleep(plan.delayMs, signal);
  }
}
