// What a person sees when they press Enter while an answer streams: the message waits above the input as
// queued, keeps its place in line, can be cancelled back into the input, and survives a reload of the view.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHarness, startStreaming, stateMessage, userMessage, answer } from './uiHarness';

describe('queued messages', () => {
  it('Enter while streaming shows the message as queued once the host has it, in order', () => {
    const h = createHarness();
    startStreaming(h);
    assert.equal(h.$('.queued-messages').hidden, true, 'nothing queued, nothing shown');
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').placeholder, 'Type your next message (Enter queues it until the answer ends)');
    h.type('second question');
    h.key(h.$('#prompt-input'), 'Enter');
    h.type('third question');
    h.key(h.$('#prompt-input'), 'Enter');
    assert.deepEqual(
      h.postedOfType('send').map((message) => message.text),
      ['second question', 'third question'],
    );
    h.host({
      type: 'queue',
      items: [
        { id: 'q1', text: 'second question', contextCount: 0 },
        { id: 'q2', text: 'third question', contextCount: 2 },
      ],
    });
    assert.equal(h.$('.queued-messages').hidden, false);
    assert.deepEqual(
      h.all('.queued-message .queued-text').map((item) => item.textContent),
      ['second question', 'third question'],
    );
    assert.equal(h.$('.queued-message[data-queued-id="q2"] .queued-contexts').textContent, '+ 2 code attachments');
    assert.match(h.$('.queued-heading').textContent ?? '', /sent when the current answer ends/);

    // The answer ends; the host sends the first one and tells the view.
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done' });
    h.host({ type: 'queue', items: [{ id: 'q2', text: 'third question', contextCount: 2 }] });
    h.host({ type: 'messageAdded', message: userMessage('u2', 'second question') });
    assert.deepEqual(
      h.all('.queued-message .queued-text').map((item) => item.textContent),
      ['third question'],
    );
    h.host({ type: 'queue', items: [] });
    assert.equal(h.$('.queued-messages').hidden, true);
    assert.match(h.$<HTMLTextAreaElement>('#prompt-input').placeholder, /^Ask anything/);
  });

  it('Cancel (x) asks the host for the message back, and the text returns to the input before what is typed', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({
      type: 'queue',
      items: [
        { id: 'q1', text: 'keep', contextCount: 0 },
        { id: 'q2', text: 'take me back', contextCount: 0 },
      ],
    });
    const cancel = h.$<HTMLButtonElement>('.queued-message[data-queued-id="q2"] .queued-cancel');
    assert.equal(cancel.getAttribute('aria-label'), 'Cancel queued message (puts it back in the input)');
    cancel.click();
    cancel.click();
    assert.deepEqual(h.postedOfType('cancelQueued'), [{ type: 'cancelQueued', id: 'q2' }], 'asked once');
    h.type('half-typed next one');
    h.host({ type: 'queue', items: [{ id: 'q1', text: 'keep', contextCount: 0 }] });
    h.host({ type: 'restoreDraft', text: 'take me back' });
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, 'take me back\n\nhalf-typed next one');
    assert.deepEqual(
      h.all('.queued-message .queued-text').map((item) => item.textContent),
      ['keep'],
    );
    assert.equal(h.document.activeElement, h.$('#prompt-input'));
  });

  it('a reloaded view shows what is still queued from the state', () => {
    const h = createHarness();
    h.host(
      stateMessage([userMessage('u1', 'q'), answer('a1', 'partial', { status: 'streaming' })], {
        streamingMessageId: 'a1',
        queue: [{ id: 'q1', text: 'waiting', contextCount: 0 }],
      }),
    );
    assert.deepEqual(
      h.all('.queued-message .queued-text').map((item) => item.textContent),
      ['waiting'],
    );
    h.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'done')]));
    assert.equal(h.$('.queued-messages').hidden, true, 'a state without a queue clears it');
  });

  it('queued text is shown as text, never as markup', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'queue', items: [{ id: 'q1', text: '<img src=x onerror=alert(1)>', contextCount: 0 }] });
    assert.equal(h.maybe('.queued-message img'), null);
    assert.equal(h.$('.queued-text').textContent, '<img src=x onerror=alert(1)>');
  });
});
