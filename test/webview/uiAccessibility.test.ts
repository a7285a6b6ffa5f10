// What keyboard and screen-reader users depend on: every control has a name, the transcript does not
// chatter, and the main controls are reachable and named as a person would look for them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answer, createHarness, stateMessage, userMessage } from './uiHarness';

function richChat() {
  const h = createHarness();
  h.host(
    stateMessage([
      userMessage('u1', 'q', { contexts: [{ path: 'a.ts', languageId: 'typescript', startLine: 1, endLine: 3, code: 'x' }] }),
      answer('a1', 'Text\n\n```js\nx()\n```\n', { reasoning: 'hmm', usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } }),
      userMessage('u2', 'q2'),
      answer('a2', '', { status: 'error', error: { kind: 'auth', message: 'Bad key', requestId: 'r1', actions: ['setApiKey', 'retry'] } }),
    ]),
  );
  h.host({ type: 'attachContext', chip: { id: 'chip-1', path: 'b.ts', languageId: 'typescript', startLine: 2, endLine: 2, chars: 1 } });
  h.$('#history-button').click();
  h.host({ type: 'conversationList', conversations: [{ id: 'c1', title: 'Chat', updatedAt: 0, messageCount: 4 }], activeId: 'c1' });
  return h;
}

describe('accessibility', () => {
  it('every button has an accessible name', () => {
    const h = richChat();
    const buttons = h.all<HTMLButtonElement>('button');
    assert.ok(buttons.length > 15);
    const unnamed = buttons.filter((button) => !(button.getAttribute('aria-label') ?? button.textContent ?? '').trim());
    assert.deepEqual(
      unnamed.map((button) => button.outerHTML.slice(0, 80)),
      [],
    );
  });

  it('the transcript is a log that does not announce tokens; the announcer is a hidden polite region', () => {
    const h = richChat();
    const transcript = h.$('#transcript');
    assert.equal(transcript.getAttribute('role'), 'log');
    assert.equal(transcript.getAttribute('aria-live'), 'off');
    const announcer = h.$('#sr-announcer');
    assert.equal(announcer.getAttribute('aria-live'), 'polite');
    assert.ok(announcer.classList.contains('visually-hidden'));
  });

  it('names the main controls for people who cannot see them', () => {
    const h = richChat();
    assert.equal(h.$('#prompt-input').getAttribute('aria-label'), 'Message');
    assert.equal(h.$('#send-button').getAttribute('aria-label'), 'Send');
    assert.equal(h.$('#stop-button').getAttribute('aria-label'), 'Stop generating');
    assert.equal(h.$('#model-button').getAttribute('aria-label'), 'Model: gpt-5-mini. Select another model');
    assert.equal(h.$('#history-button').getAttribute('aria-label'), 'Chat history');
  });
});
