// The answer's footer when part of the prompt came from the provider's prompt cache (Claude on /v1/messages,
// or OpenAI's cached prompt tokens), through the real host message and its schema check.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHarness, startStreaming } from './uiHarness';

describe('usage footer with prompt cache reads', () => {
  it('says how many prompt tokens were read from cache', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({ type: 'delta', messageId: 'a1', text: 'Hi' });
    h.host({
      type: 'answerEnded',
      messageId: 'a1',
      status: 'done',
      usage: { promptTokens: 2060, completionTokens: 30, totalTokens: 2090, cacheReadTokens: 2048 },
    });
    assert.equal(h.$('.message.assistant .usage').textContent, '2,090 tokens · 2,060 prompt (2,048 from cache) · 30 completion');
  });

  it('says nothing about the cache when nothing was read from it (a cache write alone is not a saving)', () => {
    const h = createHarness();
    startStreaming(h);
    h.host({
      type: 'answerEnded',
      messageId: 'a1',
      status: 'done',
      usage: { promptTokens: 1505, completionTokens: 7, totalTokens: 1512, cacheWriteTokens: 1500 },
    });
    assert.equal(h.$('.message.assistant .usage').textContent, '1,512 tokens · 1,505 prompt · 7 completion');
  });
});
