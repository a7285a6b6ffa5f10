// The chat app owns listeners on the document and the window and pending timers; disposing it releases all of
// them, so a torn-down app (or one a test replaced) never posts to the host again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answer, createHarness, stateMessage, userMessage } from './uiHarness';

test('a disposed chat app posts nothing more: not when the page hides, not from a draft timer still pending', () => {
  const h = createHarness();
  h.host(stateMessage([]));
  h.type('half-written question');
  h.window.dispatchEvent(new h.window.Event('pagehide'));
  assert.deepEqual(
    h.postedOfType('draft').map((draft) => draft.text),
    ['half-written question'],
    'while alive, leaving the page hands the draft over',
  );

  h.type('half-written question, and more');
  h.app.dispose();
  h.window.dispatchEvent(new h.window.Event('pagehide'));
  h.document.dispatchEvent(new h.window.Event('visibilitychange'));
  h.runTimers();
  assert.deepEqual(
    h.postedOfType('draft').map((draft) => draft.text),
    ['half-written question'],
  );
});

test('the mount point outlives a disposed app, but clicks in it no longer reach the host', () => {
  const h = createHarness();
  h.host(stateMessage([userMessage('u1', 'Question?'), answer('a1', 'The answer.')]));
  h.flushFrames();
  h.runTimers();
  h.$('.copy-answer-button').click();
  assert.equal(h.postedOfType('copy').length, 1, 'while alive, Copy answer copies');
  h.app.dispose();
  h.$('.copy-answer-button').click();
  assert.equal(h.postedOfType('copy').length, 1);
});

test('disposing twice is harmless', () => {
  const h = createHarness();
  h.app.dispose();
  assert.doesNotThrow(() => h.app.dispose());
});
