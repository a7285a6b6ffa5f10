import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIError } from 'openai';
import type { ChatErrorInfo, ErrorKind } from '../../src/shared/conversation';
import { errorInfo } from '../../src/core/errors/errors';
import {
  MAX_TOTAL_RETRY_WAIT_MS,
  parseRetryAfterMs,
  planRetry,
  retryAfterHeaderOf,
  retryDelayMs,
  shouldRetry,
  withRetrySummary,
} from '../../src/core/errors/retryPolicy';

function info(kind: ErrorKind): ChatErrorInfo {
  return errorInfo(kind, `a ${kind} failure`);
}

const noJitter = (): number => 0;
const fullJitter = (): number => 0.999;

describe('retryDelayMs: backoff', () => {
  it('doubles from 1 s per attempt', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, info('server'), undefined, noJitter)),
      [1_000, 2_000, 4_000, 8_000, 16_000],
    );
  });

  it('never waits more than 30 s plus jitter, however many attempts', () => {
    assert.equal(retryDelayMs(5, info('network'), undefined, noJitter), 30_000);
    assert.equal(retryDelayMs(40, info('network'), undefined, noJitter), 30_000);
    assert.equal(retryDelayMs(40, info('network'), undefined, fullJitter), 30_999);
  });

  it('adds up to 1 s of jitter so clients that failed together do not retry together', () => {
    assert.equal(
      retryDelayMs(0, info('timeout'), undefined, () => 0.5),
      1_500,
    );
  });
});

describe('retryDelayMs: Retry-After', () => {
  it('honours delta-seconds from a rate limit instead of the backoff', () => {
    assert.equal(retryDelayMs(3, info('rateLimit'), '1', fullJitter), 1_000);
    assert.equal(retryDelayMs(0, info('server'), '2.5', fullJitter), 2_500);
  });

  it('honours an HTTP date', () => {
    const now = Date.parse('2025-08-26T10:00:00Z');
    assert.equal(retryDelayMs(0, info('rateLimit'), 'Tue, 26 Aug 2025 10:00:07 GMT', noJitter, now), 7_000);
  });

  it('caps a long Retry-After at 60 s', () => {
    assert.equal(retryDelayMs(0, info('rateLimit'), '3600', noJitter), 60_000);
  });

  it('falls back to the backoff when the header is unreadable', () => {
    assert.equal(retryDelayMs(1, info('rateLimit'), 'soon', noJitter), 2_000);
    assert.equal(parseRetryAfterMs('soon'), undefined);
    assert.equal(parseRetryAfterMs(undefined), undefined);
  });

  it('treats a date in the past as "now"', () => {
    assert.equal(parseRetryAfterMs('Tue, 26 Aug 2025 09:00:00 GMT', Date.parse('2025-08-26T10:00:00Z')), 0);
  });

  it('reads the header off an SDK error', () => {
    const error = APIError.generate(429, { error: { message: 'slow down' } }, undefined, new Headers({ 'retry-after': '4' }));
    assert.equal(retryAfterHeaderOf(error), '4');
    assert.equal(retryAfterHeaderOf(new Error('no headers')), undefined);
  });
});

describe('shouldRetry', () => {
  for (const kind of ['rateLimit', 'server', 'network', 'timeout'] as const) {
    it(`retries ${kind} until maxRetries is used up`, () => {
      assert.equal(shouldRetry(info(kind), 0, 3), true);
      assert.equal(shouldRetry(info(kind), 2, 3), true);
      assert.equal(shouldRetry(info(kind), 3, 3), false);
    });
  }

  for (const kind of ['auth', 'quota', 'badRequest', 'modelNotFound', 'badBaseUrl', 'streamBroken', 'cancelled'] as const) {
    it(`never retries ${kind}: it would fail the same way`, () => {
      assert.equal(shouldRetry(info(kind), 0, 5), false);
    });
  }

  it('maxRetries 0 turns retrying off', () => {
    assert.equal(shouldRetry(info('server'), 0, 0), false);
  });
});

describe('planRetry: a cap on the whole wait', () => {
  it('retries while the waits so far plus the next one stay within 90 s', () => {
    assert.deepEqual(planRetry(info('server'), { retriesSoFar: 0, maxRetries: 3, waitedMs: 0 }, undefined, noJitter), { retry: true, delayMs: 1_000 });
    assert.deepEqual(planRetry(info('server'), { retriesSoFar: 2, maxRetries: 3, waitedMs: 86_000 }, undefined, noJitter), { retry: true, delayMs: 4_000 });
  });

  it('gives up instead of shortening a wait that would pass the cap', () => {
    assert.deepEqual(planRetry(info('rateLimit'), { retriesSoFar: 1, maxRetries: 8, waitedMs: 60_000 }, '60', noJitter), { retry: false, reason: 'totalWait' });
    assert.deepEqual(planRetry(info('server'), { retriesSoFar: 2, maxRetries: 3, waitedMs: 86_001 }, undefined, noJitter), {
      retry: false,
      reason: 'totalWait',
    });
  });

  it('eight retries of 60 s Retry-After would wait 8 minutes; the cap keeps the sum at or under 90 s', () => {
    let waited = 0;
    let retries = 0;
    for (;;) {
      const plan = planRetry(info('rateLimit'), { retriesSoFar: retries, maxRetries: 8, waitedMs: waited }, '3600', noJitter);
      if (!plan.retry) {
        assert.equal(plan.reason, 'totalWait');
        break;
      }
      waited += plan.delayMs;
      retries += 1;
    }
    assert.equal(retries, 1);
    assert.ok(waited <= MAX_TOTAL_RETRY_WAIT_MS);
  });

  it('says why it stopped: the retry limit, or the total wait cap', () => {
    assert.deepEqual(planRetry(info('server'), { retriesSoFar: 3, maxRetries: 3, waitedMs: 0 }, undefined, noJitter), { retry: false, reason: 'maxRetries' });
    assert.deepEqual(planRetry(info('auth'), { retriesSoFar: 0, maxRetries: 3, waitedMs: 0 }, undefined, noJitter), { retry: false, reason: 'notRetryable' });
  });
});

describe('withRetrySummary', () => {
  it('adds how many retries were made to the final error', () => {
    const final = withRetrySummary(info('server'), 3, { retry: false, reason: 'maxRetries' });
    assert.equal(final.message, 'a server failure Gave up after retrying 3 times.');
    assert.equal(withRetrySummary(info('server'), 2, { retry: false, reason: 'maxRetries' }).message, 'a server failure Gave up after retrying twice.');
  });

  it('names the total wait limit when that is what ended the retries', () => {
    const final = withRetrySummary(info('rateLimit'), 1, { retry: false, reason: 'totalWait' });
    assert.equal(final.message, 'a rateLimit failure Retried once, then stopped: another wait would pass the 90 s limit on waiting for one answer.');
  });

  it('leaves an error that was never retried as it was', () => {
    const original = info('auth');
    assert.equal(withRetrySummary(original, 0, { retry: false, reason: 'notRetryable' }), original);
    assert.equal(withRetrySummary(info('server'), 0, { retry: false, reason: 'maxRetries' }).message, 'a server failure');
  });
});
