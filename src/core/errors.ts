// Every failure the person can see goes through here and comes out as one of the closed set of kinds in
// shared/conversation.ts, with a sentence that says what happened and what to do, CometAPI's request id and
// the actions the error card offers. The wire behaviour behind each rule is in shared/cometapi-wire.md.
import type { ChatErrorInfo, ErrorAction, ErrorKind } from '../shared/conversation';
import { extractErrorFacts, looksLikeHtml, requestIdOf, serverDetail, type ErrorFacts } from './errorFacts';
import { redactSecrets } from './redact';

/** Thrown instead of letting the SDK fall back to OPENAI_API_KEY when no key is set. */
export class MissingApiKeyError extends Error {
  constructor() {
    super('No CometAPI API key is set.');
    this.name = 'MissingApiKeyError';
  }
}

/** What the caller knows that the error itself does not. All optional. */
export interface ErrorContext {
  /** The normalised base URL, quoted when it looks wrong. */
  readonly baseUrl?: string;
  /** The model id that was asked for, quoted when it is not available. */
  readonly model?: string;
  /** The header timeout, quoted in timeout messages. */
  readonly timeoutMs?: number;
  /** True once text reached the person: a failure now breaks an answer in progress (streamBroken). */
  readonly afterFirstToken?: boolean;
  /** Secrets to mask in the message (the API key). Key-like text is masked regardless. */
  readonly secrets?: readonly string[];
}

const ACTIONS: Readonly<Record<ErrorKind, readonly ErrorAction[]>> = {
  auth: ['setApiKey'],
  // The fix (topping up) happens on CometAPI's site; the card can only offer to try again afterwards.
  quota: ['retry'],
  rateLimit: ['retry'],
  modelNotFound: ['selectModel'],
  badBaseUrl: ['openSettings'],
  badRequest: ['retry'],
  network: ['retry'],
  timeout: ['retry'],
  server: ['retry'],
  streamBroken: ['retry'],
  cancelled: [],
};

const AUTOMATICALLY_RETRIED: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['rateLimit', 'server', 'network', 'timeout']);

/** Whether waiting and sending the same request again can help (the policy is in retryPolicy.ts). */
export function isRetryable(info: ChatErrorInfo): boolean {
  return AUTOMATICALLY_RETRIED.has(info.kind);
}

interface Verdict {
  readonly kind: ErrorKind;
  readonly message: string;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? 'the allowed time' : `${Number((ms / 1000).toFixed(1))} s`;
}

function withDetail(sentence: string, detail: string): string {
  return detail === '' || looksLikeHtml(detail) ? sentence : `${sentence} Server said: "${detail}"`;
}

function where(context: ErrorContext): string {
  return context.baseUrl ?? 'the server';
}

const AUTH_TEXT = /invalid token|invalid api key|incorrect api key|invalid_api_key|unauthorized|无效的令牌|令牌/;
const QUOTA_TEXT = /quota|insufficient.*balance|余额/;
const MODEL_TEXT = /no available channel|model_not_found|model .*(?:not found|does not exist|not exist)|unknown model/;
const RATE_TEXT = /rate limit|too many requests/;

function modelName(facts: ErrorFacts, context: ErrorContext): string | undefined {
  return context.model ?? /and model (\S+?)(?:\s*\(|$)/i.exec(facts.message)?.[1];
}

function modelNotFound(facts: ErrorFacts, context: ErrorContext): Verdict {
  const model = modelName(facts, context);
  const code = facts.code ? ` ${facts.code}` : '';
  const status = facts.status ? `${facts.status}${code}` : (facts.code ?? 'model not found');
  return {
    kind: 'modelNotFound',
    message: `${model ? `The model "${model}"` : 'This model'} is not available on CometAPI (${status}). Pick another model.`,
  };
}

/** Rules that apply to the server's words whatever the status: in-stream error chunks have no status. */
function byServerText(facts: ErrorFacts, context: ErrorContext): Verdict | undefined {
  const text = facts.chainText;
  if (facts.code === 'insufficient_user_quota' || QUOTA_TEXT.test(text)) {
    return { kind: 'quota', message: `Your CometAPI balance is used up (${facts.status ?? 'quota'} ${facts.code ?? 'insufficient quota'}). Top up your account, then retry.` };
  }
  if (facts.code === 'model_not_found' || MODEL_TEXT.test(text)) {
    return modelNotFound(facts, context);
  }
  if (AUTH_TEXT.test(text)) {
    return { kind: 'auth', message: `CometAPI rejected the API key${facts.status ? ` (${facts.status})` : ''}. Set a valid key.` };
  }
  if (RATE_TEXT.test(text)) {
    return { kind: 'rateLimit', message: 'CometAPI is rate limiting requests. Wait a moment, then retry.' };
  }
  return undefined;
}

function byStatus(status: number, facts: ErrorFacts, context: ErrorContext): Verdict {
  const detail = serverDetail(facts);
  // Cloudflare answers 502/524 with its own HTML page: that is upstream trouble, not a wrong URL.
  if (status < 500 && looksLikeHtml(facts.message)) {
    return { kind: 'badBaseUrl', message: `The base URL looks wrong: ${where(context)} answered with a web page (${status}), not the API.` };
  }
  if (status === 401) {
    return { kind: 'auth', message: `CometAPI rejected the API key (401). Set a valid key.` };
  }
  if (status === 429) {
    return { kind: 'rateLimit', message: withDetail('CometAPI is rate limiting requests (429). Wait a moment, then retry.', detail) };
  }
  const textual = byServerText(facts, context);
  if (textual) {
    return textual;
  }
  if (status === 403) {
    return { kind: 'auth', message: withDetail('CometAPI refused access with this key (403). Check the key or set another one.', detail) };
  }
  if (status >= 300 && status < 400) {
    return { kind: 'badBaseUrl', message: `The base URL looks wrong: ${where(context)} redirected the request (${status}) instead of answering.` };
  }
  if (status === 404) {
    return { kind: 'badBaseUrl', message: `The base URL looks wrong: ${where(context)} has no such API endpoint (404).` };
  }
  if (status === 408) {
    return { kind: 'timeout', message: 'CometAPI gave up waiting for the request (408). Retry in a moment.' };
  }
  if (status < 500 || facts.code === 'invalid_request') {
    // CometAPI reports some of our own mistakes as 500 invalid_request ("field messages is required").
    return { kind: 'badRequest', message: withDetail(`CometAPI refused the request (${status}).`, detail) };
  }
  return { kind: 'server', message: withDetail(`CometAPI or the model's provider had a problem (${status}). Retry in a moment.`, detail) };
}

function isCancellation(facts: ErrorFacts): boolean {
  // The SDK's own header timeout aborts too and keeps that AbortError as the cause: that is a timeout.
  return !isTimeout(facts) && facts.names.some((name) => name === 'AbortError' || name === 'APIUserAbortError');
}

function isTimeout(facts: ErrorFacts): boolean {
  return (
    facts.names.some((name) => name === 'APIConnectionTimeoutError' || name === 'TimeoutError') ||
    facts.causeCodes.some((code) => code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT')
  );
}

function hasCode(facts: ErrorFacts, ...codes: string[]): boolean {
  return facts.causeCodes.some((code) => codes.includes(code));
}

/** Failures without an HTTP status: the network, parsing, or an error chunk inside a 200 stream. */
function withoutStatus(facts: ErrorFacts, context: ErrorContext): Verdict {
  const detail = serverDetail(facts);
  if (facts.hasServerBody) {
    if (context.afterFirstToken) {
      return { kind: 'streamBroken', message: withDetail('The answer was cut off by an error from the server. The text so far is kept.', detail) };
    }
    return byServerText(facts, context) ?? { kind: 'server', message: withDetail('The server reported an error before answering. Retry in a moment.', detail) };
  }
  if (isTimeout(facts)) {
    return { kind: 'timeout', message: `CometAPI did not start answering within ${seconds(context.timeoutMs)}. Retry, or raise the request timeout in settings.` };
  }
  if (hasCode(facts, 'ENOTFOUND')) {
    const host = /enotfound\s+([a-z0-9.-]+)/.exec(facts.chainText)?.[1];
    return { kind: 'badBaseUrl', message: `The base URL looks wrong: the host ${host ? `"${host}" ` : ''}could not be found.` };
  }
  if (hasCode(facts, 'ERR_INVALID_URL') || /invalid url/.test(facts.chainText)) {
    return { kind: 'badBaseUrl', message: 'The base URL looks wrong: it is not a valid URL.' };
  }
  const unreadable = facts.names.includes('SyntaxError') || /unexpected token|not valid json|malformed/.test(facts.chainText) || looksLikeHtml(facts.message);
  // After text arrived the address evidently served the API: what could not be read is a piece of the stream.
  if (unreadable && context.afterFirstToken) {
    return { kind: 'streamBroken', message: 'The answer was cut off: part of the stream could not be read. The text so far is kept; retry for a full answer.' };
  }
  // The SDK parsing an HTML page as JSON: say what it means, never "Unexpected token <".
  if (unreadable) {
    return { kind: 'badBaseUrl', message: `The base URL looks wrong: ${where(context)} answered with something that is not the API (a web page?).` };
  }
  const dropped = hasCode(facts, 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE') || /terminated|other side closed|socket hang up/.test(facts.chainText);
  if (dropped && context.afterFirstToken) {
    return { kind: 'streamBroken', message: 'The connection broke while the answer was streaming. The text so far is kept; retry for a full answer.' };
  }
  if (hasCode(facts, 'ECONNREFUSED')) {
    return { kind: 'network', message: `Could not connect to ${where(context)} (connection refused). Check the base URL, your network or proxy, then retry.` };
  }
  if (dropped || facts.names.includes('APIConnectionError') || /fetch failed|network|eai_again|econn|certificate|tls/.test(facts.chainText)) {
    return { kind: 'network', message: `Could not reach CometAPI (${facts.causeCodes[facts.causeCodes.length - 1] ?? 'connection error'}). Check your network or proxy, then retry.` };
  }
  if (context.afterFirstToken) {
    return { kind: 'streamBroken', message: withDetail('The answer stopped because of an unexpected error. The text so far is kept.', detail) };
  }
  return byServerText(facts, context) ?? { kind: 'server', message: withDetail('Something went wrong while talking to CometAPI.', detail) };
}

function verdictOf(error: unknown, context: ErrorContext): Verdict {
  if (error instanceof MissingApiKeyError) {
    return { kind: 'auth', message: 'No CometAPI API key is set. Set your key to start chatting.' };
  }
  const facts = extractErrorFacts(error);
  if (isCancellation(facts)) {
    return { kind: 'cancelled', message: 'Stopped.' };
  }
  return facts.status === undefined ? withoutStatus(facts, context) : byStatus(facts.status, facts, context);
}

/** Builds the info for a kind, with the actions that kind always offers and the key masked. */
export function errorInfo(kind: ErrorKind, message: string, extra: { requestId?: string; status?: number; secrets?: readonly string[] } = {}): ChatErrorInfo {
  return {
    kind,
    message: redactSecrets(message, extra.secrets),
    ...(extra.requestId ? { requestId: redactSecrets(extra.requestId, extra.secrets) } : {}),
    ...(extra.status !== undefined ? { status: extra.status } : {}),
    actions: ACTIONS[kind],
  };
}

/** Classifies anything thrown while talking to CometAPI. Never throws. */
export function classifyError(error: unknown, context: ErrorContext = {}): ChatErrorInfo {
  const verdict = verdictOf(error, context);
  const facts = extractErrorFacts(error);
  return errorInfo(verdict.kind, verdict.message, { requestId: requestIdOf(facts), status: facts.status, secrets: context.secrets });
}

/** The person pressed Stop. */
export function cancelledError(): ChatErrorInfo {
  return errorInfo('cancelled', 'Stopped.');
}

/** The SDK's timeout only covers the headers; this is the stream going silent afterwards. */
export function idleTimeoutError(timeoutMs: number): ChatErrorInfo {
  return errorInfo('timeout', `The answer stalled: nothing arrived for ${seconds(timeoutMs)}. Retry in a moment.`);
}

/** A 200 answer that is a web page: what a base URL pointing at a website gives. */
export function webPageError(baseUrl: string, status?: number): ChatErrorInfo {
  return errorInfo('badBaseUrl', `The base URL looks wrong: ${baseUrl} answered with a web page, not the API.`, { status });
}
