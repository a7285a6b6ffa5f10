// The retry notice under an answer, driven by a fake clock: what a person reads each second of the wait and
// once the retried request answered, failed for good or was stopped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorInfo } from '../../src/core/errors/errors';
import { type Clock, RetryNotices, retryNoticeId } from '../../src/core/chat/retryNotices';
import type { HostToWebview } from '../../src/shared/protocol';

class FakeClock implements Clock {
  time = 0;
  private readonly intervals = new Map<number, { callback: () => void; every: number; next: number }>();
  private nextHandle = 1;
  readonly now = (): number => this.time;
  readonly setInterval = (callback: () => void, ms: number): unknown => {
    const handle = this.nextHandle++;
    this.intervals.set(handle, { callback, every: ms, next: this.time + ms });
    return handle;
  };
  readonly clearInterval = (handle: unknown): void => {
    this.intervals.delete(handle as number);
  };
  get running(): number {
    return this.intervals.size;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.intervals.entries()].filter(([, timer]) => timer.next <= end).sort((a, b) => a[1].next - b[1].next)[0];
      if (!due) {
        break;
      }
      const [handle, timer] = due;
      this.time = timer.next;
      timer.next += timer.every;
      if (this.intervals.has(handle)) {
        timer.callback();
      }
    }
    this.time = end;
  }
}

function setup(maxRetries = 3) {
  const clock = new FakeClock();
  const posted: HostToWebview[] = [];
  const notices = new RetryNotices('a1', maxRetries, (message) => posted.push(message), clock);
  const texts = () => posted.map((message) => (message.type === 'notice' ? message.text : message.type));
  return { clock, posted, notices, texts };
}

const serverError = errorInfo('server', 'upstream error');

describe('retry notices', () => {
  it('count down each second from the wait, numbered "retry N of maxRetries"', () => {
    const { clock, notices, texts, posted } = setup();
    notices.scheduled(1, 3_000, serverError);
    clock.advance(1_000);
    clock.advance(1_000);
    clock.advance(1_000);
    assert.deepEqual(texts(), [
      'CometAPI had a server error. Retrying in 3 s (retry 1 of 3).',
      'CometAPI had a server error. Retrying in 2 s (retry 1 of 3).',
      'CometAPI had a server error. Retrying in 1 s (retry 1 of 3).',
      'CometAPI had a server error. Retrying now (retry 1 of 3).',
    ]);
    assert.equal(clock.running, 0, 'the ticking stops once the retry is under way');
    assert.ok(
      posted.every((message) => message.type === 'notice' && message.noticeId === retryNoticeId('a1') && message.messageId === 'a1'),
      'one notice, updated in place',
    );
  });

  it('become a past-tense line when the retried request answers', () => {
    const { clock, notices, texts } = setup();
    notices.scheduled(1, 1_500, serverError);
    clock.advance(2_000);
    notices.scheduled(2, 2_500, serverError);
    clock.advance(1_000);
    notices.answering();
    notices.answering();
    notices.ended();
    assert.equal(texts().at(-1), 'Retried twice after server errors.');
    assert.equal(texts().filter((text) => text.startsWith('Retried')).length, 1, 'said once');
    assert.equal(clock.running, 0);
  });

  it('are cleared, not left counting, when the answer fails for good or is stopped mid-countdown', () => {
    const { clock, notices, posted } = setup();
    notices.scheduled(3, 4_000, errorInfo('timeout', 'no answer'));
    clock.advance(1_000);
    notices.ended();
    assert.deepEqual(posted.at(-1), { type: 'noticeCleared', messageId: 'a1', noticeId: retryNoticeId('a1') });
    const count = posted.length;
    clock.advance(10_000);
    assert.equal(posted.length, count, 'no tick after the end');
    assert.match(posted[0]?.type === 'notice' ? posted[0].text : '', /^The server did not answer in time\. Retrying in 4 s \(retry 3 of 3\)\.$/);
  });

  it('say nothing for an answer that was never retried', () => {
    const { notices, posted } = setup();
    notices.answering();
    notices.ended();
    assert.deepEqual(posted, []);
  });

  it('name mixed failures plainly', () => {
    const { clock, notices, texts } = setup();
    notices.scheduled(1, 1_000, errorInfo('rateLimit', 'slow down'));
    clock.advance(1_000);
    notices.scheduled(2, 1_000, serverError);
    notices.answering();
    assert.equal(texts().at(-1), 'Retried twice after errors.');
    const single = setup();
    single.notices.scheduled(1, 1_000, errorInfo('rateLimit', 'slow down'));
    single.notices.answering();
    assert.equal(single.texts().at(-1), 'Retried once after a rate limit.');
  });
});
