// An answer whose stream closed before the server finished it, as the person sees it: the text that arrived
// stays, and a card says it is incomplete and offers Retry (core reports it as streamBroken; see
// test/unit/streamEndings.test.ts for how streams end up there).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answer, createHarness, startStreaming, stateMessage, userMessage } from './uiHarness';

const INCOMPLETE = {
  kind: 'streamBroken',
  message: 'The answer is incomplete: the stream ended before the server finished it. The text so far is kept; retry for a full answer.',
  actions: ['retry'],
} as const;

describe('an incomplete answer', () => {
  it('keeps the streamed text and says it is incomplete, with Retry', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'delta', messageId: 'a1', text: '## Steps\n\n1. Install the package\n2. Run' });
    h.flushFrames();
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'error', error: INCOMPLETE });
    h.flushFrames();
    const message = h.$('.message.assistant[data-message-id="a1"]');
    assert.notEqual(message.dataset.status, 'done');
    assert.match(message.querySelector('.message-body')?.textContent ?? '', /Install the package\s*Run/);
    assert.equal(message.querySelector('[role="alert"] .error-message')?.textContent, INCOMPLETE.message);
    message.querySelector<HTMLButtonElement>('[data-error-action="retry"]')?.click();
    assert.deepEqual(
      h.postedOfType('retry').map((posted) => posted.messageId),
      ['a1'],
    );
  });

  it('reads the same after a reload', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'Half of the answer', { status: 'error', error: INCOMPLETE })]));
    const message = h.$('.message.assistant[data-message-id="a1"]');
    assert.match(message.querySelector('.message-body')?.textContent ?? '', /Half of the answer/);
    assert.match(message.querySelector('[role="alert"]')?.textContent ?? '', /incomplete/);
  });
});
