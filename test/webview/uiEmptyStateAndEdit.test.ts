// First contact (the empty state, with or without a key) and editing an earlier question.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answer, createHarness, startStreaming, stateMessage, userMessage } from './uiHarness';

describe('empty state', () => {
  it('without a key: a Set API Key button and where to get a key', () => {
    const h = createHarness();
    h.host(stateMessage([], { hasApiKey: false }));
    const empty = h.$('.empty-state');
    const setKey = empty.querySelector<HTMLButtonElement>('[data-error-action="setApiKey"]');
    assert.equal(setKey?.textContent, 'Set API Key');
    setKey?.click();
    assert.deepEqual(h.postedOfType('runAction'), [{ type: 'runAction', action: 'setApiKey' }]);

    const link = empty.querySelector<HTMLAnchorElement>('a[href]');
    assert.ok(link);
    link.click();
    assert.deepEqual(h.postedOfType('openLink'), [{ type: 'openLink', href: 'https://www.cometapi.com/' }]);
    assert.equal(empty.querySelectorAll('.example-prompt').length, 0);
  });

  it('with a key: a hint and example prompts that fill the input', () => {
    const h = createHarness();
    h.host(stateMessage([], { hasApiKey: true }));
    const empty = h.$('.empty-state');
    assert.match(empty.textContent ?? '', /Ask anything, or select code and press Ctrl\+Alt\+E to explain it/);
    assert.equal(empty.querySelector('[data-error-action="setApiKey"]'), null);
    const examples = [...empty.querySelectorAll<HTMLButtonElement>('.example-prompt')];
    assert.equal(examples.length, 3);
    examples[1].click();
    assert.equal(h.$<HTMLTextAreaElement>('#prompt-input').value, examples[1].textContent);
    assert.equal(h.document.activeElement?.id, 'prompt-input');
    assert.equal(h.postedOfType('send').length, 0, 'filling is not sending');
  });

  it('switches when the key is set, and disappears with the first message', () => {
    const h = createHarness();
    h.host(stateMessage([], { hasApiKey: false }));
    h.host({ type: 'apiKeyChanged', hasApiKey: true });
    assert.equal(h.all('.empty-state').length, 1);
    assert.equal(h.all('.empty-state .example-prompt').length, 3);
    h.host({ type: 'messageAdded', message: userMessage('u1', 'hi') });
    assert.equal(h.maybe('.empty-state'), null);
    h.host({ type: 'messagesTruncated', fromMessageId: 'u1' });
    assert.equal(h.all('.empty-state').length, 1, 'back when the conversation is empty again');
  });

  it('is not shown for a conversation with messages', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'a')], { hasApiKey: false }));
    assert.equal(h.maybe('.empty-state'), null);
  });
});

describe('edit and resend', () => {
  it('turns the question into an editor and posts the new text', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'first question'), answer('a1', 'a')]));
    h.$('.message.user .edit-button').click();
    const input = h.$<HTMLTextAreaElement>('.message.user textarea.edit-input');
    assert.equal(input.value, 'first question');
    assert.equal(h.document.activeElement, input);
    input.value = 'better question';
    h.$('.message.user .save-resend-button').click();
    assert.deepEqual(h.postedOfType('editAndResend'), [{ type: 'editAndResend', messageId: 'u1', text: 'better question' }]);
    assert.equal(h.maybe('.edit-input'), null);
  });

  it('Cancel and Escape restore the original text without posting', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'original')]));
    h.$('.message.user .edit-button').click();
    h.$<HTMLTextAreaElement>('.edit-input').value = 'changed';
    h.$('.cancel-edit-button').click();
    assert.equal(h.$('.message.user .message-text').textContent, 'original');

    h.$('.message.user .edit-button').click();
    h.key(h.$('.edit-input'), 'Escape');
    assert.equal(h.maybe('.edit-input'), null);
    assert.equal(h.postedOfType('editAndResend').length, 0);
  });

  it('an editor left open does not resend with Ctrl+Enter once an answer starts streaming', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'a')]));
    h.$('.message.user .edit-button').click();
    h.host({ type: 'messageAdded', message: userMessage('u2', 'other') });
    h.host({ type: 'messageAdded', message: answer('a2', '', { status: 'streaming' }) });
    h.key(h.$('.edit-input'), 'Enter', { ctrlKey: true });
    assert.equal(h.postedOfType('editAndResend').length, 0);
    assert.equal(h.$<HTMLButtonElement>('.save-resend-button').disabled, true);
  });

  it('is not offered while an answer streams', () => {
    const h = createHarness();
    startStreaming(h);
    assert.equal(h.$<HTMLButtonElement>('.message.user .edit-button').disabled, true);
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done' });
    assert.equal(h.$<HTMLButtonElement>('.message.user .edit-button').disabled, false);
  });
});
