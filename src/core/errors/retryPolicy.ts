// When to send a failed request again and how long to wait first. CometAPI's advice (docs/cometapi-wire.md):
// exponential backoff with jitter, min(30 s, 1 s * 2^attempt) + rand(0..1 s), a few attempts, only before the
// first token reached the person, and only for failures that can pass (rate limits, upstream trouble, the
// network, timeouts); a wrong key, an empty balance or an unknown model fail the same way every time.
import type { ChatErrorInfo } from '../../shared/conversation';
import { isRetryable } from './errors';
import { t } from '../../shared/l10n';

const BASE_DELAY_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const MAX_JITTER_MS = 1_000;
/** A server asking for minutes is not worth waiting for inside a chat; the person can press Retry later. */
const MAX_RETRY_AFTER_MS = 60_000;
/**
 * All waits of one answer together stay under this: each wait is capped, but many retries could still keep the
 * person watching a countdown for minutes. Past it the last error is shown and the person decides.
 */
export const MAX_TOTAL_RETRY_WAIT_MS = 90_000;

/** Retry-After as milliseconds: delta-seconds ("1", "2.5") or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+(\.\d+)?$/.test(value)) {
    return Number(value) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Milliseconds to wait before retry number `attempt` (0 for the first retry). A Retry-After from a rate limit
 * or a server error wins over the backoff (capped at 60 s); `random` is injected so tests are exact.
 */
export function retryDelayMs(
  attempt: number,
  info: ChatErrorInfo,
  retryAfterHeader: string | undefined,
  random: () => number,
  now: number = Date.now(),
): number {
  const serverSaid = info.kind === 'rateLimit' || info.kind === 'server' ? parseRetryAfterMs(retryAfterHeader, now) : undefined;
  if (serverSaid !== undefined) {
    return Math.min(MAX_RETRY_AFTER_MS, serverSaid);
  }
  const backoff = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(backoff + random() * MAX_JITTER_MS);
}

/** Whether to try again after `retriesSoFar` retries, given the setting `maxRetries`. */
export function shouldRetry(info: ChatErrorInfo, retriesSoFar: number, maxRetries: number): boolean {
  return isRetryable(info) && retriesSoFar < maxRetries;
}

/** The Retry-After header of an SDK APIError, if the failure came with one. */
export function retryAfterHeaderOf(error: unknown): string | undefined {
  const headers = (error as { headers?: unknown } | null)?.headers;
  if (typeof headers === 'object' && headers !== null && typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get('retry-after') ?? undefined;
  }
  return undefined;
}

export type RetryPlan =
  | { readonly retry: true; readonly delayMs: number }
  /** `totalWait`: the next wait would take the waits of this answer past the total cap. */
  | { readonly retry: false; readonly reason: 'notRetryable' | 'maxRetries' | 'totalWait' };

export interface RetryState {
  /** Retries already made for this answer. */
  readonly retriesSoFar: number;
  readonly maxRetries: number;
  /** Milliseconds already spent waiting between attempts of this answer. */
  readonly waitedMs: number;
  /** Defaults to MAX_TOTAL_RETRY_WAIT_MS. */
  readonly maxTotalWaitMs?: number;
}

/**
 * Whether to retry after a failure and how long to wait first. A wait that would take the total past the cap
 * is not shortened (a rate limit asked for that long): the answer gives up instead.
 */
export function planRetry(
  info: ChatErrorInfo,
  state: RetryState,
  retryAfterHeader: string | undefined,
  random: () => number,
  now: number = Date.now(),
): RetryPlan {
  if (!isRetryable(info)) {
    return { retry: false, reason: 'notRetryable' };
  }
  if (!shouldRetry(info, state.retriesSoFar, state.maxRetries)) {
    return { retry: false, reason: 'maxRetries' };
  }
  const delayMs = retryDelayMs(state.retriesSoFar, info, retryAfterHeader, random, now);
  if (state.waitedMs + delayMs > (state.maxTotalWaitMs ?? MAX_TOTAL_RETRY_WAIT_MS)) {
    return { retry: false, reason: 'totalWait' };
  }
  return { retry: true, delayMs };
}

/**
 * The final error of an answer that was retried, with a sentence saying so: how many retries were made and,
 * when the total wait cap ended them, that cap. An answer never retried keeps its error as it was.
 */
export function withRetrySummary(info: ChatErrorInfo, retries: number, gaveUp: RetryPlan, maxTotalWaitMs: number = MAX_TOTAL_RETRY_WAIT_MS): ChatErrorInfo {
  if (gaveUp.retry) {
    return info;
  }
  if (gaveUp.reason === 'totalWait') {
    const limit = Math.round(maxTotalWaitMs / 1000);
    const sentence =
      retries === 0
        ? t('Not retried: another wait would pass the {0} s limit on waiting for one answer.', limit)
        : retries === 1
          ? t('Retried once, then stopped: another wait would pass the {0} s limit on waiting for one answer.', limit)
          : retries === 2
            ? t('Retried twice, then stopped: another wait would pass the {0} s limit on waiting for one answer.', limit)
            : t('Retried {0} times, then stopped: another wait would pass the {1} s limit on waiting for one answer.', retries, limit);
    return { ...info, message: `${info.message} ${sentence}` };
  }
  if (retries === 0 || gaveUp.reason !== 'maxRetries') {
    return info;
  }
  const gaveUpSentence =
    retries === 1 ? t('Gave up after retrying once.') : retries === 2 ? t('Gave up after retrying twice.') : t('Gave up after retrying {0} times.', retries);
  return { ...info, message: `${info.message} ${gaveUpSentence}` };
}
