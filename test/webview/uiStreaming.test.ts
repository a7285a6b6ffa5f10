// A streamed answer as a person sees it: text growing frame by frame, reasoning tucked away, the footer
// and markers when it ends, one screen-reader announcement, and a full replay from `state`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answer, createHarness, startStreaming, stateMessage, userMessage } from './uiHarness';

const bodyText = (h: ReturnType<typeof createHarness>, id = 'a1') => h.$(`.message.assistant[data-message-id="${id}"] .message-body`).textContent ?? '';

describe('streaming answers', () => {
  it('renders deltas incrementally and ends with the full text', () => {
    const h = createHarness();
    startStreaming(h);
    const message = h.$('.message.assistant[data-message-id="a1"]');
    assert.equal(message.dataset.status, 'streaming');

    h.host({ type: 'delta', messageId: 'a1', text: 'Hello ' });
    h.flushFrames();
    assert.match(bodyText(h), /^Hello/);
    assert.doesNotMatch(bodyText(h), /world/);

    h.host({ type: 'delta', messageId: 'a1', text: 'world, ' });
    h.host({ type: 'delta', messageId: 'a1', text: 'this is the end.' });
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done' });
    h.flushFrames();
    assert.equal(bodyText(h).trim(), 'Hello world, this is the end.');
    assert.equal(message.dataset.status, 'done');
  });

  it('names the model that wrote the answer, preferring the served snapshot', () => {
    const h = createHarness();
    startStreaming(h);
    assert.equal(h.$('.message.assistant .message-author').textContent, 'gpt-5-mini');
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done', servedModel: 'gpt-5-mini-2025-08-07' });
    assert.equal(h.$('.message.assistant .message-author').textContent, 'gpt-5-mini-2025-08-07');
  });

  it('streams reasoning into a collapsed Thinking block above the answer', () => {
    const h = createHarness();
    startStreaming(h);
    const thinking = h.$<HTMLDetailsElement>('details.thinking');
    assert.equal(thinking.hidden, true, 'no reasoning yet, no block');
    h.host({ type: 'delta', messageId: 'a1', reasoning: 'Consider the ' });
    h.host({ type: 'delta', messageId: 'a1', reasoning: 'edge cases.' });
    assert.equal(thinking.hidden, false);
    assert.equal(thinking.open, false, 'collapsed by default');
    assert.equal(thinking.querySelector('summary')?.textContent, 'Thinking…');
    assert.equal(thinking.querySelector('.thinking-text')?.textContent, 'Consider the edge cases.');
    const body = h.$('.message-body');
    assert.ok(thinking.compareDocumentPosition(body) & h.window.Node.DOCUMENT_POSITION_FOLLOWING, 'Thinking sits above the answer');

    h.host({
      type: 'answerEnded',
      messageId: 'a1',
      status: 'done',
      usage: { promptTokens: 56, completionTokens: 1178, totalTokens: 1234, reasoningTokens: 900 },
    });
    assert.equal(thinking.querySelector('summary')?.textContent, 'Thought for 900 tokens');
  });

  it('shows token usage in the footer when reported', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'delta', messageId: 'a1', text: 'Hi' });
    assert.equal(h.maybe('.message.assistant .usage'), null);
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done', usage: { promptTokens: 56, completionTokens: 78, totalTokens: 1234 } });
    assert.equal(h.$('.message.assistant .usage').textContent, '1,234 tokens · 56 prompt · 78 completion');
  });

  it('marks stopped and interrupted answers visibly and keeps their partial text', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'delta', messageId: 'a1', text: 'Partial answer' });
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'stopped' });
    h.flushFrames();
    assert.equal(h.$('.message.assistant .status-marker').textContent, 'Stopped');
    assert.match(bodyText(h), /Partial answer/);

    h.host(stateMessage([userMessage('u1', 'q'), answer('a2', 'Half of it', { status: 'interrupted' })]));
    assert.equal(h.$('.message.assistant .status-marker').textContent, 'Interrupted — the window closed before the answer finished');
  });

  it('offers Retry on every finished answer (posting its id) but not while one streams', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'q1'), answer('a1', 'first'), userMessage('u2', 'q2'), answer('a2', 'second')]));
    const retries = h.all<HTMLButtonElement>('.retry-button');
    assert.equal(retries.length, 2);
    retries[0].click();
    assert.deepEqual(h.postedOfType('retry'), [{ type: 'retry', messageId: 'a1' }]);

    h.host({ type: 'messageAdded', message: userMessage('u3', 'q3') });
    h.host({ type: 'messageAdded', message: answer('a3', '', { status: 'streaming' }) });
    assert.equal(h.maybe('.message.assistant[data-message-id="a3"] .retry-button'), null);
    assert.ok(h.all<HTMLButtonElement>('.retry-button').every((button) => button.disabled));
    h.host({ type: 'answerEnded', messageId: 'a3', status: 'done' });
    assert.ok(h.all<HTMLButtonElement>('.retry-button').every((button) => !button.disabled));
    assert.equal(h.all('.retry-button').length, 3);
  });

  it('copies the whole answer through the host and says so', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'The **whole** answer')]));
    const copy = h.$('.message.assistant .copy-answer-button');
    copy.click();
    assert.deepEqual(h.postedOfType('copy'), [{ type: 'copy', text: 'The **whole** answer' }]);
    assert.equal(copy.getAttribute('data-feedback'), 'Copied');
    h.runTimers();
    assert.equal(copy.hasAttribute('data-feedback'), false);
  });

  it('announces the answer once when it ends, not per delta', () => {
    const h = createHarness();
    startStreaming(h);
    const announcer = h.$('#sr-announcer');
    assert.equal(announcer.getAttribute('aria-live'), 'polite');
    const changes: string[] = [];
    new h.window.MutationObserver(() => changes.push(announcer.textContent ?? '')).observe(announcer, { childList: true, characterData: true, subtree: true });

    for (const word of ['One ', 'two ', 'three ', 'four.']) {
      h.host({ type: 'delta', messageId: 'a1', text: word });
      h.flushFrames();
    }
    assert.equal(announcer.textContent, '');
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done' });
    assert.equal(announcer.textContent, 'Answer from gpt-5-mini finished: One two three four.');
    return new Promise<void>((resolve) => {
      setImmediate(() => {
        assert.equal(changes.filter((text) => text.length > 0).length, 1);
        resolve();
      });
    });
  });

  it('a repeated answerEnded (a replayed message) changes nothing and is not announced again', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'delta', messageId: 'a1', text: 'Done.' });
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done' });
    h.$('#sr-announcer').textContent = '';
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'error', error: { kind: 'server', message: 'late', actions: ['retry'] } });
    assert.equal(h.$('#sr-announcer').textContent, '');
    assert.equal(h.$('.message.assistant').dataset.status, 'done');
    assert.equal(h.maybe('.error-card'), null);
  });

  it('cuts a long announcement to about 300 characters', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'delta', messageId: 'a1', text: 'word '.repeat(200) });
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done' });
    const text = h.$('#sr-announcer').textContent ?? '';
    assert.ok(text.length < 360 && text.length > 250, `length ${text.length}`);
    assert.ok(text.endsWith('…'));
  });

  it('a state replay rebuilds the transcript from scratch', () => {
    const h = createHarness();
    startStreaming(h, 'old question');
    h.host({ type: 'delta', messageId: 'a1', text: 'old answer' });
    h.host(
      stateMessage(
        [
          userMessage('n1', 'new question'),
          answer('n2', 'new answer'),
          userMessage('n3', 'second'),
          answer('n4', 'reply', { status: 'error', error: { kind: 'server', message: 'Boom', actions: ['retry'] } }),
        ],
        { model: 'claude-sonnet-4' },
      ),
    );
    assert.deepEqual(
      h.all('.message').map((m) => m.dataset.messageId),
      ['n1', 'n2', 'n3', 'n4'],
    );
    assert.equal(h.$('.message.user .message-text').textContent, 'new question');
    assert.match(bodyText(h, 'n2'), /new answer/);
    assert.equal(h.all('.error-card').length, 1);
    assert.equal(h.$('#model-button .model-name').textContent, 'claude-sonnet-4');
    assert.equal(h.$('#stop-button').hidden, true, 'the old stream is gone');
    h.host({ type: 'delta', messageId: 'a1', text: 'late delta for a removed answer' });
    assert.doesNotMatch(h.$('#transcript').textContent ?? '', /late delta/);
  });

  it('an answer still marked streaming that the host is not streaming shows as interrupted', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'q'), answer('a1', 'half', { status: 'streaming' })]));
    assert.equal(h.$('.message.assistant').dataset.status, 'interrupted');
    assert.equal(h.$('#stop-button').hidden, true);
  });

  it('messagesTruncated removes the answer and what follows (retry, edit)', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'q1'), answer('a1', 'first'), userMessage('u2', 'q2'), answer('a2', 'second')]));
    h.host({ type: 'messagesTruncated', fromMessageId: 'a1' });
    assert.deepEqual(
      h.all('.message').map((m) => m.dataset.messageId),
      ['u1'],
    );
  });

  it('shows notices on the streaming answer, or at the end of the transcript', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'notice', messageId: 'a1', text: 'Rate limited — retrying in 2 s (attempt 2 of 3)', level: 'warning' });
    const notice = h.$('.message.assistant .message-notice');
    assert.equal(notice.textContent, 'Rate limited — retrying in 2 s (attempt 2 of 3)');
    assert.ok(notice.classList.contains('notice-warning'));
    h.host({ type: 'notice', messageId: 'a1', text: 'Rate limited — retrying in 4 s (attempt 3 of 3)', level: 'warning' });
    assert.equal(h.all('.message.assistant .message-notice').length, 1, 'the newer notice replaces the older');

    h.host({ type: 'notice', text: 'Older messages were left out to fit the context budget.', level: 'info' });
    assert.equal(h.$('.transcript-notices .notice.notice-info').textContent, 'Older messages were left out to fit the context budget.');
  });

  it('the model button shows the current model and asks the host to change it', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.host({ type: 'modelChanged', model: 'deepseek-r1' });
    const button = h.$('#model-button');
    assert.equal(button.textContent, 'deepseek-r1');
    button.click();
    assert.deepEqual(h.postedOfType('selectModel'), [{ type: 'selectModel' }]);
  });
});
