import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIError } from 'openai';
import type { ChatErrorInfo, ErrorKind } from '../../src/shared/conversation';
import { errorInfo } from '../../src/core/errors';
import { parseRetryAfterMs, retryAfterHeaderOf, retryDelayMs, shouldRetry } from '../../src/core/retryPolicy';

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
    assert.equal(retryDelayMs(0, info('timeout'), undefined, () => 0.5), 1_500);
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
