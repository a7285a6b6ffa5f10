// The cost under an answer, as a person reads it: dollars and tokens, or why there is no number, for a streamed
// answer and for one loaded from history, through the real host messages and their schema checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHarness, startStreaming } from './uiHarness';
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
