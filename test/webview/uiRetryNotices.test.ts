// Retry notices as a person reads them under an answer: one line that counts down in place, then a past-tense
// line once the answer arrives, or nothing above the final error card once the extension gave up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHarness, startStreaming } from './uiHarness';

const noticeTexts = (h: ReturnType<typeof createHarness>) =>
  h.all('.message.assistant[data-message-id="a1"] .message-notice').map((notice) => notice.textContent);

function countdown(h: ReturnType<typeof createHarness>, text: string): void {
  h.host({ type: 'notice', messageId: 'a1', noticeId: 'retry-a1', level: 'warning', text });
}

describe('retry notices', () => {
  it('the countdown updates one line each second instead of adding lines', () => {
    const h = createHarness();
    startStreaming(h);
    countdown(h, 'CometAPI had a server error. Retrying in 3 s (retry 1 of 3).');
    assert.deepEqual(noticeTexts(h), ['CometAPI had a server error. Retrying in 3 s (retry 1 of 3).']);
    countdown(h, 'CometAPI had a server error. Retrying in 2 s (retry 1 of 3).');
    countdown(h, 'CometAPI had a server error. Retrying in 1 s (retry 1 of 3).');
    assert.deepEqual(noticeTexts(h), ['CometAPI had a server error. Retrying in 1 s (retry 1 of 3).']);
    assert.ok(h.$('.message-notice').classList.contains('notice-warning'));
  });

  it('keeps other notices about the answer (history trimmed) beside the countdown', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'notice', messageId: 'a1', level: 'info', text: '2 earlier turns were left out of this request.' });
    countdown(h, 'Rate limited by CometAPI. Retrying in 1 s (retry 1 of 3).');
    assert.deepEqual(noticeTexts(h), ['2 earlier turns were left out of this request.', 'Rate limited by CometAPI. Retrying in 1 s (retry 1 of 3).']);
  });

  it('becomes a past-tense line once the answer arrives; no "Retrying in" under the finished answer', () => {
    const h = createHarness();
    startStreaming(h);
    countdown(h, 'CometAPI had a server error. Retrying in 1 s (retry 1 of 3).');
    countdown(h, 'CometAPI had a server error. Retrying in 2 s (retry 2 of 3).');
    h.host({ type: 'notice', messageId: 'a1', noticeId: 'retry-a1', level: 'info', text: 'Retried twice after server errors.' });
    h.host({ type: 'delta', messageId: 'a1', text: 'The answer.' });
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done' });
    h.flushFrames();
    assert.deepEqual(noticeTexts(h), ['Retried twice after server errors.']);
    assert.ok(h.$('.message-notice').classList.contains('notice-info'));
    assert.doesNotMatch(h.$('.message.assistant').textContent ?? '', /Retrying in/);
  });

  it('is gone above the final error card after giving up', () => {
    const h = createHarness();
    startStreaming(h);
    countdown(h, 'The server did not answer in time. Retrying in 4 s (retry 3 of 3).');
    h.host({ type: 'noticeCleared', messageId: 'a1', noticeId: 'retry-a1' });
    h.host({
      type: 'answerEnded',
      messageId: 'a1',
      status: 'error',
      error: { kind: 'timeout', message: 'CometAPI did not answer in time. Gave up after retrying 3 times.', actions: ['retry'] },
    });
    assert.deepEqual(noticeTexts(h), []);
    assert.match(h.$('.error-card').textContent ?? '', /Gave up after retrying 3 times/);
    assert.doesNotMatch(h.$('.message.assistant').textContent ?? '', /Retrying in/);
  });

  it('a notice below the transcript (a fork said) can be updated and cleared by id too', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'notice', level: 'info', noticeId: 'n1', text: 'first' });
    h.host({ type: 'notice', level: 'info', noticeId: 'n1', text: 'second' });
    assert.deepEqual(
      h.all('.transcript-notices .notice').map((notice) => notice.textContent),
      ['second'],
    );
    h.host({ type: 'noticeCleared', noticeId: 'n1' });
    assert.deepEqual(h.all('.transcript-notices .notice'), []);
  });
});
