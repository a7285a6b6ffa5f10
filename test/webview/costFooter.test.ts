// The cost under an answer, as a person reads it: dollars and tokens, or why there is no number, for a streamed
// answer and for one loaded from history, through the real host messages and their schema checks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { answer, createHarness, startStreaming, stateMessage, userMessage } from './uiHarness';
import { formatUsd } from '../../src/webview/ui/format';

const usage = { promptTokens: 1000, completionTokens: 234, totalTokens: 1234 };

describe('cost under an answer', () => {
  it('shows "$0.0042 · 1,234 tokens" for a priced answer', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done', usage, cost: { kind: 'priced', usd: 0.0042, tokens: 1234 } });
    assert.equal(h.$('.message.assistant .cost').textContent, '$0.0042 · 1,234 tokens');
  });

  it('says "Price unknown" and "Usage not reported" instead of a number', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done', usage, cost: { kind: 'priceUnknown' } });
    assert.equal(h.$('.message.assistant .cost').textContent, 'Price unknown');
    const h2 = createHarness();
    startStreaming(h2);
    h2.host({ type: 'answerEnded', messageId: 'a1', status: 'stopped', cost: { kind: 'usageNotReported' } });
    assert.equal(h2.$('.message.assistant .cost').textContent, 'Usage not reported');
  });

  it('an answer without a stored cost (written before costs were kept, or failed) shows none', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done', usage });
    assert.equal(h.$('.message.assistant .message-footer').querySelector('.cost'), null);
    assert.match(h.$('.message.assistant .usage').textContent ?? '', /1,234 tokens/, 'the usage still shows');
  });

  it('rounds to two significant digits below a dollar and to cents above', () => {
    assert.equal(formatUsd(0.004213), '$0.0042');
    assert.equal(formatUsd(0.00000123), '$0.0000012');
    assert.equal(formatUsd(0.1234), '$0.12');
    assert.equal(formatUsd(12.345), '$12.35');
    assert.equal(formatUsd(0), '$0');
  });
});

/** Another question and its streaming answer in the same conversation. */
function nextTurn(h: ReturnType<typeof createHarness>, questionId: string, answerId: string): void {
  h.host({ type: 'messageAdded', message: userMessage(questionId, 'And then?') });
  h.host({ type: 'messageAdded', message: answer(answerId, '', { status: 'streaming' }) });
}

describe("the conversation's total in the header", () => {
  const total = (h: ReturnType<typeof createHarness>): HTMLElement => h.$('.header-bar .conversation-cost') as HTMLElement;

  it('is hidden before any answer ended, then adds up the answers and counts the unpriced ones', () => {
    const h = createHarness();
    startStreaming(h);
    assert.equal(total(h).hidden, true, 'nothing to add up yet');
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done', usage, cost: { kind: 'priced', usd: 0.0042, tokens: 1234 } });
    assert.equal(total(h).hidden, false);
    assert.equal(total(h).textContent, '$0.0042');
    nextTurn(h, 'u2', 'a2');
    h.host({ type: 'answerEnded', messageId: 'a2', status: 'done', usage, cost: { kind: 'priced', usd: 0.0058, tokens: 1234 } });
    assert.equal(total(h).textContent, '$0.01');
    nextTurn(h, 'u3', 'a3');
    h.host({ type: 'answerEnded', messageId: 'a3', status: 'stopped', cost: { kind: 'usageNotReported' } });
    assert.equal(total(h).textContent, '$0.01 + 1 unpriced');
  });

  it('drops the answers Retry removed', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'answerEnded', messageId: 'a1', status: 'done', usage, cost: { kind: 'priced', usd: 0.25, tokens: 1 } });
    nextTurn(h, 'u2', 'a2');
    h.host({ type: 'answerEnded', messageId: 'a2', status: 'done', usage, cost: { kind: 'priced', usd: 0.5, tokens: 1 } });
    assert.equal(total(h).textContent, '$0.75');
    h.host({ type: 'messagesTruncated', fromMessageId: 'a2' });
    assert.equal(total(h).textContent, '$0.25');
  });

  it('a conversation opened from history shows the total of its stored answers', () => {
    const h = createHarness();
    h.host(
      stateMessage([
        userMessage('u1', 'Q'),
        answer('a1', 'A', { cost: { kind: 'priced', usd: 0.02, tokens: 5 } }),
        userMessage('u2', 'Q2'),
        answer('a2', 'B', { cost: { kind: 'priceUnknown' } }),
      ]),
    );
    assert.equal(total(h).textContent, '$0.02 + 1 unpriced');
    assert.equal(h.$('.message.assistant .cost').textContent, '$0.02 · 5 tokens', 'and each answer its own');
  });
});

describe('cometapi.showCost', () => {
  /** The real stylesheet, so what is checked is what a person would see, not a class name. */
  function withChatCss(h: ReturnType<typeof createHarness>): void {
    const style = h.window.document.createElement('style');
    style.textContent = readFileSync(join(__dirname, '../../media/chat.css'), 'utf8');
    h.window.document.head.append(style);
  }
  const shown = (h: ReturnType<typeof createHarness>, selector: string): boolean => h.window.getComputedStyle(h.$(selector)).display !== 'none';

  function pricedChat(showCost?: boolean): ReturnType<typeof createHarness> {
    const h = createHarness();
    withChatCss(h);
    const priced = { ...answer('a1', 'Four.'), usage, cost: { kind: 'priced' as const, usd: 0.0042, tokens: 1234 } };
    h.host({ ...stateMessage([userMessage('u1', 'What is 2+2?'), priced]), ...(showCost === undefined ? {} : { showCost }) });
    return h;
  }

  it('off: no cost under answers, in the header or in the history list; the usage still shows', () => {
    const h = pricedChat(false);
    assert.equal(shown(h, '.message.assistant .cost'), false);
    assert.equal(shown(h, '.conversation-cost'), false);
    assert.equal(shown(h, '.message.assistant .usage'), true);
    h.$('#history-button').click();
    h.host({ type: 'conversationList', conversations: [{ id: 'c1', title: 'Sums', updatedAt: Date.now(), messageCount: 2, costUsd: 0.031 }], activeId: 'c1' });
    assert.equal(shown(h, '.history-item .history-cost'), false);
  });

  it('on by default, and turning it on or off applies at once', () => {
    const h = pricedChat();
    assert.equal(shown(h, '.message.assistant .cost'), true);
    assert.equal(shown(h, '.conversation-cost'), true);
    h.host({ type: 'costVisibilityChanged', showCost: false });
    assert.equal(shown(h, '.message.assistant .cost'), false);
    h.host({ type: 'costVisibilityChanged', showCost: true });
    assert.equal(shown(h, '.message.assistant .cost'), true);
  });

  it("the history list shows each conversation's total after its message count", () => {
    const h = pricedChat();
    h.$('#history-button').click();
    h.host({
      type: 'conversationList',
      conversations: [
        { id: 'c1', title: 'Sums', updatedAt: Date.now(), messageCount: 2, costUsd: 0.031 },
        { id: 'c2', title: 'Unpriced', updatedAt: Date.now(), messageCount: 4 },
      ],
      activeId: 'c1',
    });
    const metas = h.all('.history-item .history-meta').map((meta) => meta.textContent);
    assert.match(metas[0] ?? '', /2 messages · \$0\.031$/);
    assert.doesNotMatch(metas[1] ?? '', /\$/, 'no total for a conversation without a priced answer');
  });
});
