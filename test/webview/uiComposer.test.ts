// The input area as a person uses it: typing, Enter / Shift+Enter, IME, Stop, attached code, the draft
// handed to the host (which keeps it) and shown again after a reload.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContextChip } from '../../src/shared/protocol';
import { answer, conversation, createHarness, startStreaming, stateMessage, userMessage } from './uiHarness';

const chip: ContextChip = { id: 'chip-1', path: 'src/app.ts', languageId: 'typescript', startLine: 10, endLine: 24, chars: 12 };

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

  it('while an answer streams, Enter hands the message to the host to queue (it is not swallowed)', () => {
    const h = createHarness();
    startStreaming(h);
    h.type('follow-up question');
    h.key(h.$('#prompt-input'), 'Enter');
    assert.deepEqual(h.postedOfType('send'), [{ type: 'send', text: 'follow-up question' }]);
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, '', 'the host holds it now (see uiQueue.test.ts)');
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

  it('attached code shows as chips, goes with the next message by id only, and is cleared after', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.host({ type: 'attachContext', chip });
    h.host({ type: 'attachContext', chip: { ...chip, id: 'chip-2', path: 'b.py', startLine: 3, endLine: 3 } });
    const chips = h.all('.context-chip');
    assert.deepEqual(
      chips.map((element) => element.querySelector('.context-chip-label')?.textContent),
      ['app.ts lines 10-24', 'b.py line 3'],
    );

    h.type('What does this do?');
    h.key(h.$('#prompt-input'), 'Enter');
    assert.deepEqual(h.postedOfType('send'), [{ type: 'send', text: 'What does this do?', contextIds: ['chip-1', 'chip-2'] }]);
    assert.equal(h.all('.context-chip').length, 0);

    h.type('Next question');
    h.key(h.$('#prompt-input'), 'Enter');
    assert.equal(h.postedOfType('send')[1]?.contextIds, undefined);
  });

  it('a chip the host attached twice (its post, then the state naming it) shows once', () => {
    const h = createHarness();
    h.host({ type: 'attachContext', chip });
    h.host(stateMessage([], { draft: { text: '', chips: [chip] } }));
    assert.equal(h.all('.context-chip').length, 1);
  });

  it('a chip can be removed with its button, which has an accessible name', () => {
    const h = createHarness();
    h.host({ type: 'attachContext', chip });
    const remove = h.$('.context-chip-remove');
    assert.equal(remove.getAttribute('aria-label'), 'Remove app.ts lines 10-24');
    remove.click();
    assert.equal(h.all('.context-chip').length, 0);
    h.type('q');
    h.key(h.$('#prompt-input'), 'Enter');
    assert.equal(h.postedOfType('send')[0]?.contextIds, undefined);
  });

  it('hands the draft (text and chip ids) to the host once per throttle interval, for the open conversation', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.host({ type: 'attachContext', chip });
    h.type('half');
    h.type('half-written question');
    assert.equal(h.postedOfType('draft').length, 0, 'not on every keystroke');
    h.runTimers();
    assert.deepEqual(h.postedOfType('draft'), [{ type: 'draft', conversationId: 'c1', text: 'half-written question', contextIds: ['chip-1'] }]);
    h.runTimers();
    assert.equal(h.postedOfType('draft').length, 1, 'nothing new, nothing sent');
  });

  it('leaving the input hands the draft over at once', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.type('typed then tabbed away');
    h.$('#prompt-input').dispatchEvent(new h.window.FocusEvent('blur'));
    assert.deepEqual(
      h.postedOfType('draft').map((d) => d.text),
      ['typed then tabbed away'],
    );
  });

  it('the draft goes to the host before a message that switches the conversation', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.type('keep me');
    h.$('#new-chat-button').click();
    const types = h.posted.map((message) => message.type).filter((type) => type === 'draft' || type === 'newChat');
    assert.deepEqual(types, ['draft', 'newChat']);
  });

  it("after a reload the host's draft fills the input and the chips", () => {
    const h = createHarness();
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, '', 'nothing before the host answers');
    h.host(stateMessage([], { draft: { text: 'half-written question', chips: [chip] } }));
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, 'half-written question');
    assert.deepEqual(
      h.all('.context-chip-label').map((label) => label.textContent),
      ['app.ts lines 10-24'],
    );
    h.runTimers();
    assert.equal(h.postedOfType('draft').length, 0, 'showing the host its own draft is not a change');
  });

  it('text typed while the state was on its way is kept, and the host is told', () => {
    const h = createHarness();
    h.type('typed early');
    h.host(stateMessage([], { draft: { text: 'older', chips: [chip] } }));
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, 'typed early');
    assert.equal(h.all('.context-chip').length, 1);
    h.runTimers();
    assert.deepEqual(h.postedOfType('draft'), [{ type: 'draft', conversationId: 'c1', text: 'typed early', contextIds: ['chip-1'] }]);
  });

  it('another conversation shows its own draft; a pending change goes out for the one it was typed in', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.type('for c1');
    h.host({ ...stateMessage([]), conversation: conversation([], 'c2'), draft: { text: 'for c2', chips: [] } });
    assert.deepEqual(h.postedOfType('draft'), [{ type: 'draft', conversationId: 'c1', text: 'for c1', contextIds: [] }]);
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, 'for c2');
  });

  it('a draft saved in webview state by an older build is not shown: the host has the draft', () => {
    const h = createHarness({ savedState: { version: 1, draft: 'stale', pendingContexts: [{ nope: true }], scrollTop: 0, atBottom: true } });
    h.host(stateMessage([]));
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, '');
    assert.equal(h.all('.context-chip').length, 0);
  });

  it('focusInput puts the caret in the input', () => {
    const h = createHarness();
    h.host({ type: 'focusInput' });
    assert.equal(h.document.activeElement?.id, 'prompt-input');
  });
});
