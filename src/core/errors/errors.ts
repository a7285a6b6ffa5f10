// Every failure the person can see goes through here and comes out as one of the closed set of kinds in
// src/shared/conversation.ts, with a sentence that says what happened and what to do, CometAPI's request id and
// the actions the error card offers. The wire behaviour behind each rule is in docs/cometapi-wire.md.
import type { ChatErrorInfo, ErrorAction, ErrorKind } from '../../shared/conversation';
import { t } from '../../shared/l10n';
import { extractErrorFacts, looksLikeHtml, requestIdOf, serverDetail, type ErrorFacts } from './errorFacts';
import { redactSecrets } from './redact';

/** Thrown instead of letting the SDK fall back to OPENAI_API_KEY when no key is set. */
export class MissingApiKeyError extends Error {
  constructor() {
    super(t('No CometAPI API key is set.'));
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
  /** The endpoint asked: a missing /v1/messages means the account or base URL lacks the Anthropic format, not a wrong URL. */
  readonly endpoint?: 'chat' | 'responses' | 'messages';
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
  /** Instead of the kind's usual actions. */
  readonly actions?: readonly ErrorAction[];
}

function seconds(ms: number): number {
  return Number((ms / 1000).toFixed(1));
}

function withDetail(sentence: string, detail: string): string {
  return detail === '' || looksLikeHtml(detail) ? sentence : t('{0} Server said: "{1}"', sentence, detail);
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
  const status = facts.status ? `${facts.status}${code}` : (facts.code ?? 'model_not_found');
  return {
    kind: 'modelNotFound',
    message: model
      ? t('The model "{0}" is not available on CometAPI ({1}). Pick another model.', model, status)
      : t('This model is not available on CometAPI ({0}). Pick another model.', status),
  };
}

/** Rules that apply to the server's words whatever the status: in-stream error chunks have no status. */
function byServerText(facts: ErrorFacts, context: ErrorContext): Verdict | undefined {
  const text = facts.chainText;
  if (facts.code === 'insufficient_user_quota' || QUOTA_TEXT.test(text)) {
    return {
      kind: 'quota',
      message: t(
        'Your CometAPI balance is used up ({0}). Top up your account, then retry.',
        `${facts.status ?? 'quota'} ${facts.code ?? 'insufficient_user_quota'}`,
      ),
    };
  }
  if (facts.code === 'model_not_found' || MODEL_TEXT.test(text)) {
    return modelNotFound(facts, context);
  }
  if (AUTH_TEXT.test(text)) {
    return {
      kind: 'auth',
      message: facts.status ? t('CometAPI rejected the API key ({0}). Set a valid key.', facts.status) : t('CometAPI rejected the API key. Set a valid key.'),
    };
  }
  if (RATE_TEXT.test(text)) {
    return { kind: 'rateLimit', message: t('CometAPI is rate limiting requests. Wait a moment, then retry.') };
  }
  return undefined;
}

/**
 * Anthropic's error types (POST /v1/messages, in a response body or an `error` event), which CometAPI passes
 * through: `overloaded_error` (HTTP 529) is passing trouble and is retried; `invalid_request_error` is our
 * request and is not. See docs/cometapi-wire.md#anthropic-format-post-v1messages.
 */
function byAnthropicType(facts: ErrorFacts, detail: string): Verdict | undefined {
  if (facts.status === 529 || facts.code === 'overloaded_error') {
    return { kind: 'server', message: withDetail(t("Claude's provider is overloaded ({0}). Retry in a moment.", facts.status ?? 'overloaded_error'), detail) };
  }
  if (facts.code === 'invalid_request_error') {
    return { kind: 'badRequest', message: withDetail(t('CometAPI refused the request ({0}).', facts.status ?? 'invalid_request_error'), detail) };
  }
  if (facts.code === 'api_error') {
    return {
      kind: 'server',
      message: withDetail(t("CometAPI or the model's provider had a problem ({0}). Retry in a moment.", facts.status ?? 'api_error'), detail),
    };
  }
  return undefined;
}

/** /v1/messages is not there: a 404, or a web page where the API should answer. */
function messagesEndpointMissing(context: ErrorContext, status: number): Verdict {
  return {
    kind: 'badBaseUrl',
    message: t(
      '{0} does not serve the Anthropic endpoint /v1/messages for this account ({1}). Switch cometapi.claudeEndpoint to "chat" to use Claude through chat completions.',
      context.baseUrl ?? 'The server',
      status,
    ),
    actions: ['useChatEndpoint', 'openSettings'],
  };
}

function byStatus(status: number, facts: ErrorFacts, context: ErrorContext): Verdict {
  const detail = serverDetail(facts);
  if (context.endpoint === 'messages' && (status === 404 || (status < 500 && looksLikeHtml(facts.message)))) {
    return messagesEndpointMissing(context, status);
  }
  const anthropic = context.endpoint === 'messages' ? byAnthropicType(facts, detail) : undefined;
  if (anthropic) {
    return anthropic;
  }
  // Cloudflare answers 502/524 with its own HTML page: that is upstream trouble, not a wrong URL.
  if (status < 500 && looksLikeHtml(facts.message)) {
    return {
      kind: 'badBaseUrl',
      message: context.baseUrl
        ? t('The base URL looks wrong: {0} answered with a web page ({1}), not the API.', context.baseUrl, status)
        : t('The base URL looks wrong: the server answered with a web page ({0}), not the API.', status),
    };
  }
  if (status === 401) {
    return { kind: 'auth', message: t('CometAPI rejected the API key ({0}). Set a valid key.', 401) };
  }
  if (status === 429) {
    return { kind: 'rateLimit', message: withDetail(t('CometAPI is rate limiting requests (429). Wait a moment, then retry.'), detail) };
  }
  const textual = byServerText(facts, context);
  if (textual) {
    return textual;
  }
  if (status === 403) {
    return { kind: 'auth', message: withDetail(t('CometAPI refused access with this key (403). Check the key or set another one.'), detail) };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'badBaseUrl',
      message: context.baseUrl
        ? t('The base URL looks wrong: {0} redirected the request ({1}) instead of answering.', context.baseUrl, status)
        : t('The base URL looks wrong: the server redirected the request ({0}) instead of answering.', status),
    };
  }
  if (status === 404) {
    return {
      kind: 'badBaseUrl',
      message: context.baseUrl
        ? t('The base URL looks wrong: {0} has no such API endpoint (404).', context.baseUrl)
        : t('The base URL looks wrong: the server has no such API endpoint (404).'),
    };
  }
  if (status === 408) {
    return { kind: 'timeout', message: t('CometAPI gave up waiting for the request (408). Retry in a moment.') };
  }
  if (status < 500 || facts.code === 'invalid_request') {
    // CometAPI reports some of our own mistakes as 500 invalid_request ("field messages is required").
    return { kind: 'badRequest', message: withDetail(t('CometAPI refused the request ({0}).', status), detail) };
  }
  return { kind: 'server', message: withDetail(t("CometAPI or the model's provider had a problem ({0}). Retry in a moment.", status), detail) };
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
      return { kind: 'streamBroken', message: withDetail(t('The answer was cut off by an error from the server. The text so far is kept.'), detail) };
    }
    const anthropic = context.endpoint === 'messages' ? byAnthropicType(facts, detail) : undefined;
    if (anthropic) {
      return anthropic;
    }
    return (
      byServerText(facts, context) ?? { kind: 'server', message: withDetail(t('The server reported an error before answering. Retry in a moment.'), detail) }
    );
  }
  if (isTimeout(facts)) {
    return {
      kind: 'timeout',
      message:
        context.timeoutMs === undefined
          ? t('CometAPI did not start answering within the allowed time. Retry, or raise the request timeout in settings.')
          : t('CometAPI did not start answering within {0} s. Retry, or raise the request timeout in settings.', seconds(context.timeoutMs)),
    };
  }
  if (hasCode(facts, 'ENOTFOUND')) {
    const host = /enotfound\s+([a-z0-9.-]+)/.exec(facts.chainText)?.[1];
    return {
      kind: 'badBaseUrl',
      message: host ? t('The base URL looks wrong: the host "{0}" could not be found.', host) : t('The base URL looks wrong: the host could not be found.'),
    };
  }
  if (hasCode(facts, 'ERR_INVALID_URL') || /invalid url/.test(facts.chainText)) {
    return { kind: 'badBaseUrl', message: t('The base URL looks wrong: it is not a valid URL.') };
  }
  const unreadable = facts.names.includes('SyntaxError') || /unexpected token|not valid json|malformed/.test(facts.chainText) || looksLikeHtml(facts.message);
  // After text arrived the address evidently served the API: what could not be read is a piece of the stream.
  if (unreadable && context.afterFirstToken) {
    return {
      kind: 'streamBroken',
      message: t('The answer was cut off: part of the stream could not be read. The text so far is kept; retry for a full answer.'),
    };
  }
  // The SDK parsing an HTML page as JSON: say what it means, never "Unexpected token <".
  if (unreadable) {
    return {
      kind: 'badBaseUrl',
      message: context.baseUrl
        ? t('The base URL looks wrong: {0} answered with something that is not the API (a web page?).', context.baseUrl)
        : t('The base URL looks wrong: the server answered with something that is not the API (a web page?).'),
    };
  }
  const dropped = hasCode(facts, 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE') || /terminated|other side closed|socket hang up/.test(facts.chainText);
  if (dropped && context.afterFirstToken) {
    return { kind: 'streamBroken', message: t('The connection broke while the answer was streaming. The text so far is kept; retry for a full answer.') };
  }
  if (hasCode(facts, 'ECONNREFUSED')) {
    return {
      kind: 'network',
      message: context.baseUrl
        ? t('Could not connect to {0} (connection refused). Check the base URL, your network or proxy, then retry.', context.baseUrl)
        : t('Could not connect to the server (connection refused). Check the base URL, your network or proxy, then retry.'),
    };
  }
  if (dropped || facts.names.includes('APIConnectionError') || /fetch failed|network|eai_again|econn|certificate|tls/.test(facts.chainText)) {
    return {
      kind: 'network',
      message: t(
        'Could not reach CometAPI ({0}). Check your network or proxy, then retry.',
        facts.causeCodes[facts.causeCodes.length - 1] ?? t('connection error'),
      ),
    };
  }
  if (context.afterFirstToken) {
    return { kind: 'streamBroken', message: withDetail(t('The answer stopped because of an unexpected error. The text so far is kept.'), detail) };
  }
  return byServerText(facts, context) ?? { kind: 'server', message: withDetail(t('Something went wrong while talking to CometAPI.'), detail) };
}

function verdictOf(error: unknown, context: ErrorContext): Verdict {
  if (error instanceof MissingApiKeyError) {
    return { kind: 'auth', message: t('No CometAPI API key is set. Set your key to start chatting.') };
  }
  const facts = extractErrorFacts(error);
  if (isCancellation(facts)) {
    return { kind: 'cancelled', message: t('Stopped.') };
  }
  return facts.status === undefined ? withoutStatus(facts, context) : byStatus(facts.status, facts, context);
}

/** Builds the info for a kind, with the actions that kind always offers and the key masked. */
export function errorInfo(
  kind: ErrorKind,
  message: string,
  extra: { requestId?: string; status?: number; secrets?: readonly string[]; actions?: readonly ErrorAction[] } = {},
): ChatErrorInfo {
  return {
    kind,
    message: redactSecrets(message, extra.secrets),
    ...(extra.requestId ? { requestId: redactSecrets(extra.requestId, extra.secrets) } : {}),
    ...(extra.status !== undefined ? { status: extra.status } : {}),
    actions: extra.actions ?? ACTIONS[kind],
  };
}

/** Classifies anything thrown while talking to CometAPI. Never throws. */
export function classifyError(error: unknown, context: ErrorContext = {}): ChatErrorInfo {
  const verdict = verdictOf(error, context);
  const facts = extractErrorFacts(error);
  return errorInfo(verdict.kind, verdict.message, { requestId: requestIdOf(facts), status: facts.status, secrets: context.secrets, actions: verdict.actions });
}

/** The person pressed Stop. */
export function cancelledError(): ChatErrorInfo {
  return errorInfo('cancelled', t('Stopped.'));
}

/** The SDK's timeout only covers the headers; this is the stream going silent afterwards. */
export function idleTimeoutError(timeoutMs: number): ChatErrorInfo {
  return errorInfo('timeout', t('The answer stalled: nothing arrived for {0} s. Retry in a moment.', seconds(timeoutMs)));
}

/** A 200 web page where /v1/messages should answer. */
export function messagesEndpointMissingError(context: ErrorContext, status: number): ChatErrorInfo {
  const verdict = messagesEndpointMissing(context, status);
  return errorInfo(verdict.kind, verdict.message, { status, secrets: context.secrets, actions: verdict.actions });
}

/** A 200 answer that is a web page: what a base URL pointing at a website gives. */
export function webPageError(baseUrl: string | undefined, status?: number): ChatErrorInfo {
  const message = baseUrl
    ? t('The base URL looks wrong: {0} answered with a web page, not the API.', baseUrl)
    : t('The base URL looks wrong: the server answered with a web page, not the API.');
  return errorInfo('badBaseUrl', message, { status });
}
