// The input area as a person uses it: typing, Enter / Shift+Enter, IME, Stop, attached code, the draft
// surviving a reload.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeContext } from '../../src/shared/conversation';
import { answer, createHarness, startStreaming, stateMessage, userMessage } from './uiHarness';

const selection: CodeContext = { path: '/repo/src/app.ts', languageId: 'typescript', startLine: 10, endLine: 24, code: 'const a = 1;' };

describe('composer', () => {
  it('posts ready on load, before anything else', () => {
    const h = createHarness();
    assert.deepEqual(h.posted, [{ type: 'ready' }]);
  });

  it('Enter sends the text and clears the input', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.type('How do I sort a map?');
    const event = h.key(h.$('#prompt-input'), 'Enter');
    assert.equal(event.defaultPrevented, true, 'Enter must not also insert a newline');
    assert.deepEqual(h.postedOfType('send'), [{ type: 'send', text: 'How do I sort a map?' }]);
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, '');
  });

  it('the send button sends too', () => {
    const h = createHarness();
    h.type('Hello');
    h.$('#send-button').click();
    assert.deepEqual(h.postedOfType('send'), [{ type: 'send', text: 'Hello' }]);
  });

  it('Shift+Enter leaves the newline to the textarea and sends nothing', () => {
    const h = createHarness();
    h.type('line one');
    const event = h.key(h.$('#prompt-input'), 'Enter', { shiftKey: true });
    assert.equal(event.defaultPrevented, false);
    assert.equal(h.postedOfType('send').length, 0);
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, 'line one');
  });

  it('Enter that confirms an IME composition does not send', () => {
    const h = createHarness();
    h.type('にほん');
    h.key(h.$('#prompt-input'), 'Enter', { isComposing: true });
    h.key(h.$('#prompt-input'), 'Enter', { keyCode: 229 });
    assert.equal(h.postedOfType('send').length, 0);
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, 'にほん');
  });

  it('empty or blank text sends nothing', () => {
    const h = createHarness();
    h.type('   \n  ');
    h.key(h.$('#prompt-input'), 'Enter');
    h.$('#send-button').click();
    assert.equal(h.postedOfType('send').length, 0);
    assert.equal(h.$<HTMLButtonElement>('#send-button').disabled, true);
  });

  it('while an answer streams, Enter does not send a second message and the draft stays', () => {
    const h = createHarness();
    startStreaming(h);
    h.type('follow-up question');
    h.key(h.$('#prompt-input'), 'Enter');
    assert.equal(h.postedOfType('send').length, 0);
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, 'follow-up question');

    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done' });
    h.key(h.$('#prompt-input'), 'Enter');
    assert.deepEqual(h.postedOfType('send'), [{ type: 'send', text: 'follow-up question' }]);
  });

  it('shows Stop instead of Send while streaming; Stop and Escape post stop', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    assert.equal(h.$('#stop-button').hidden, true);
    assert.equal(h.$('#send-button').hidden, false);

    startStreaming(h);
    assert.equal(h.$('#stop-button').hidden, false);
    assert.equal(h.$('#send-button').hidden, true);
    h.$('#stop-button').click();
    h.key(h.$('#prompt-input'), 'Escape');
    assert.equal(h.postedOfType('stop').length, 2);

    h.host({ type: 'answerEnded', messageId: 'a1', status: 'stopped' });
    assert.equal(h.$('#stop-button').hidden, true);
    h.key(h.$('#prompt-input'), 'Escape');
    assert.equal(h.postedOfType('stop').length, 2, 'Escape posts stop only while streaming');
  });

  it('a state that names a streaming answer shows Stop (view reopened mid-answer)', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'partial', { status: 'streaming' })], { streamingMessageId: 'a1' }));
    assert.equal(h.$('#stop-button').hidden, false);
  });

  it('attached code shows as chips, goes with the next message, and is cleared after', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.host({ type: 'attachContext', context: selection });
    h.host({ type: 'attachContext', context: { ...selection, path: '/repo/b.py', startLine: 3, endLine: 3 } });
    const chips = h.all('.context-chip');
    assert.deepEqual(chips.map((chip) => chip.querySelector('.context-chip-label')?.textContent), ['app.ts lines 10-24', 'b.py line 3']);

    h.type('What does this do?');
    h.key(h.$('#prompt-input'), 'Enter');
    const [sent] = h.postedOfType('send');
    assert.equal(sent.contexts?.length, 2);
    assert.equal(sent.contexts?.[0].code, 'const a = 1;');
    assert.equal(h.all('.context-chip').length, 0);

    h.type('Next question');
    h.key(h.$('#prompt-input'), 'Enter');
    assert.equal(h.postedOfType('send')[1].contexts, undefined);
  });

  it('a chip can be removed with its button, which has an accessible name', () => {
    const h = createHarness();
    h.host({ type: 'attachContext', context: selection });
    const remove = h.$('.context-chip-remove');
    assert.equal(remove.getAttribute('aria-label'), 'Remove app.ts lines 10-24');
    remove.click();
    assert.equal(h.all('.context-chip').length, 0);
    h.type('q');
    h.key(h.$('#prompt-input'), 'Enter');
    assert.equal(h.postedOfType('send')[0].contexts, undefined);
  });

  it('keeps the draft and chips in webview state and restores them after a reload', () => {
    const first = createHarness();
    first.host({ type: 'attachContext', context: selection });
    first.type('half-written question');
    const saved = first.saved();
    assert.equal(saved?.draft, 'half-written question');

    const second = createHarness({ savedState: saved });
    assert.equal(second.$<HTMLTextAreaElement>('#prompt-input').value, 'half-written question');
    assert.equal(second.all('.context-chip').length, 1);
  });

  it('ignores a damaged saved state', () => {
    const h = createHarness({ savedState: { draft: 42, pendingContexts: [{ nope: true }] } });
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, '');
    assert.equal(h.all('.context-chip').length, 0);
  });

  it('focusInput puts the caret in the input', () => {
    const h = createHarness();
    h.host({ type: 'focusInput' });
    assert.equal(h.document.activeElement?.id, 'prompt-input');
  });
});
