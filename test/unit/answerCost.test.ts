// What a person reads under an answer as its cost comes from this arithmetic: the catalogue's prices per million
// tokens and the usage the server reported, or an honest "unknown" instead of a number.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerCost } from '../../src/core/cost/answerCost';
import { parse } from '../../src/shared/schema';
import { assistantMessageSchema, type AssistantMessage, type ChatMessage, type Conversation, type Usage } from '../../src/shared/conversation';
import { summarize } from '../../src/core/conversation/conversationOps';

const usage = (promptTokens: number, completionTokens: number, extra: Partial<Usage> = {}): Usage => ({
  promptTokens,
  completionTokens,
  totalTokens: promptTokens + completionTokens,
  ...extra,
});

describe('the cost of an answer', () => {
  it('charges prompt tokens at the input price and completion tokens at the output price, per million', () => {
    const cost = answerCost({ inputPerMillion: 1.6, outputPerMillion: 6.4 }, usage(1000, 234));
    assert.equal(cost.kind, 'priced');
    assert.ok(cost.kind === 'priced');
    assert.ok(Math.abs(cost.usd - (1000 * 1.6 + 234 * 6.4) / 1e6) < 1e-15, `${cost.usd}`);
    assert.equal(cost.tokens, 1234);
  });

  it('adds a per-request price, and prices a model that has only one', () => {
    const both = answerCost({ inputPerMillion: 2, outputPerMillion: 8, perRequest: 0.04 }, usage(500_000, 0));
    assert.deepEqual(both, { kind: 'priced', usd: 1.04, tokens: 500_000 });
    assert.deepEqual(answerCost({ perRequest: 0.02 }, usage(0, 0)), { kind: 'priced', usd: 0.02, tokens: 0 });
  });

  it('a price of 0 is free, not unknown', () => {
    assert.deepEqual(answerCost({ inputPerMillion: 0, outputPerMillion: 0 }, usage(10, 20)), { kind: 'priced', usd: 0, tokens: 30 });
  });

  it('tokens on a side the catalogue gives no price for make the price unknown, never a partial sum', () => {
    assert.deepEqual(answerCost({ inputPerMillion: 3 }, usage(10, 20)), { kind: 'priceUnknown' });
    assert.deepEqual(answerCost({ perRequest: 0.01 }, usage(10, 0)), { kind: 'priceUnknown' });
    // No completion tokens: the missing output price does not matter.
    assert.deepEqual(answerCost({ inputPerMillion: 1 }, usage(1_000_000, 0)), { kind: 'priced', usd: 1, tokens: 1_000_000 });
  });

  it('a model the catalogue lacks is "price unknown"; a stream without usage is "usage not reported"', () => {
    assert.deepEqual(answerCost(undefined, usage(10, 20)), { kind: 'priceUnknown' });
    assert.deepEqual(answerCost({ inputPerMillion: 1, outputPerMillion: 2 }, undefined), { kind: 'usageNotReported' });
    assert.deepEqual(answerCost(undefined, undefined), { kind: 'usageNotReported' });
  });

  it('cached and reasoning tokens are inside the prompt and completion counts, so they are not charged twice', () => {
    const plain = answerCost({ inputPerMillion: 3, outputPerMillion: 15 }, usage(2000, 500));
    const detailed = answerCost({ inputPerMillion: 3, outputPerMillion: 15 }, usage(2000, 500, { cacheReadTokens: 1500, reasoningTokens: 300 }));
    assert.deepEqual(detailed, plain);
  });
});

describe('a stored cost', () => {
  const answer = {
    id: 'a1',
    role: 'assistant',
    text: 'Hi',
    model: 'gpt-4.1',
    status: 'done',
    createdAt: 1,
  };

  it('round-trips with the answer, so an old answer keeps the price it was charged at', () => {
    const stored = { ...answer, usage: usage(1, 2), cost: { kind: 'priced', usd: 0.0042, tokens: 3 } };
    const read = parse(assistantMessageSchema, JSON.parse(JSON.stringify(stored)), 'lenient');
    assert.ok(read.ok);
    assert.deepEqual(read.value.cost, { kind: 'priced', usd: 0.0042, tokens: 3 });
  });

  it('an answer written before costs were kept loads without one; an unknown kind is dropped, the answer kept', () => {
    const old = parse(assistantMessageSchema, answer, 'lenient');
    assert.ok(old.ok);
    assert.equal(old.value.cost, undefined);
    const newer = parse(assistantMessageSchema, { ...answer, cost: { kind: 'estimated', usd: 1 } }, 'lenient');
    assert.ok(newer.ok, 'the answer is kept');
    assert.equal(newer.value.text, 'Hi');
    assert.equal(newer.value.cost, undefined);
  });
});

describe("a conversation's total in the history list", () => {
  const priced = (id: string, usd: number): AssistantMessage => ({
    id,
    role: 'assistant',
    text: 'Hi',
    model: 'gpt-4.1',
    status: 'done',
    createdAt: 1,
    cost: { kind: 'priced', usd, tokens: 10 },
  });
  const chat = (messages: ChatMessage[]): Conversation => ({ id: 'c1', title: 'Sums', createdAt: 1, updatedAt: 2, messages });

  it('adds up the priced answers only; an unpriced answer adds nothing rather than a guess', () => {
    const question: ChatMessage = { id: 'u1', role: 'user', text: '2+2?', createdAt: 1 };
    const unpriced: AssistantMessage = { ...priced('a3', 0), cost: { kind: 'priceUnknown' } };
    const summary = summarize(chat([question, priced('a1', 0.0042), priced('a2', 0.0158), unpriced]));
    assert.ok(Math.abs((summary.costUsd ?? NaN) - 0.02) < 1e-12, `total ${summary.costUsd}`);
    assert.equal(summary.messageCount, 4);
  });

  it('has no total when no answer has a price', () => {
    assert.equal(summarize(chat([{ ...priced('a1', 0), cost: { kind: 'usageNotReported' } }])).costUsd, undefined);
    assert.equal(summarize(chat([])).costUsd, undefined);
  });
});
