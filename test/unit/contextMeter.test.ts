// The context meter's arithmetic: what the next question takes of the model's window, with the same rule as the
// request builder (the newest earlier turns that fit cometapi.maxContextTokens), and where the window comes from.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meterBudget } from '../../src/core/context/meterBudget';
import { contextWindowFor } from '../../src/core/context/contextWindow';
import { buildApiMessages } from '../../src/core/conversation/contextBudget';
import { buildModelEntries, parseCatalogue } from '../../src/core/models/modelCatalog';
import { draftTokens, readMeter } from '../../src/shared/contextMeter';
import type { ChatMessage, Conversation, UserMessage } from '../../src/shared/conversation';
import type { ContextBudget } from '../../src/shared/protocol';
import { IMAGE_TOKENS, MESSAGE_OVERHEAD_TOKENS, estimateTokens } from '../../src/shared/tokenEstimate';

const plain = (message: UserMessage): string => message.text;

function conversationOf(texts: readonly string[]): Conversation {
  const messages: ChatMessage[] = texts.map((text, index) =>
    index % 2 === 0
      ? { id: `m${index}`, role: 'user', text, createdAt: index }
      : { id: `m${index}`, role: 'assistant', text, model: 'gpt-5', status: 'done', createdAt: index },
  );
  return { id: 'c1', title: 'Chat', createdAt: 0, updatedAt: 0, messages } as Conversation;
}

function budget(extra: Partial<ContextBudget> = {}): ContextBudget {
  return { model: 'm', windowTokens: 1000, windowSource: 'rules', budgetTokens: 1000, fixedTokens: 3, turnTokens: [], totalTurns: 0, ...extra };
}

const emptyDraft = { text: '', chipTokens: [], imageCount: 0 };

test('the draft counts its text, each chip with its frame, and each image like the request builder does', () => {
  const text = 'Why does this fail?';
  assert.equal(draftTokens({ text, chipTokens: [], imageCount: 0 }), MESSAGE_OVERHEAD_TOKENS + estimateTokens(text));
  const withAll = draftTokens({ text, chipTokens: [100, 50], imageCount: 2 });
  assert.ok(withAll > MESSAGE_OVERHEAD_TOKENS + estimateTokens(text) + 150 + 2 * IMAGE_TOKENS, 'chips add their tokens and a little for path and fence');
  assert.ok(withAll < MESSAGE_OVERHEAD_TOKENS + estimateTokens(text) + 150 + 2 * IMAGE_TOKENS + 40);
});

test('earlier turns go along newest first while they fit the budget; the rest are counted as left out', () => {
  const reading = readMeter(budget({ budgetTokens: 300, turnTokens: [100, 100, 100, 100], totalTurns: 6 }), { text: 'hi', chipTokens: [], imageCount: 0 });
  const question = draftTokens({ text: 'hi', chipTokens: [], imageCount: 0 });
  assert.equal(reading.historyTokens, 200, 'two turns fit beside the question and the overhead');
  assert.equal(reading.droppedTurns, 4, 'two listed turns and the two too old to be listed');
  assert.equal(reading.usedTokens, 3 + question + 200);
});

test('the level: ok, near from 85% of the window, over above it, and whether the question alone is too big', () => {
  assert.equal(readMeter(budget({ windowTokens: 10_000 }), { ...emptyDraft, text: 'short' }).level, 'ok');
  const near = readMeter(budget({ windowTokens: 1000, budgetTokens: 5000, turnTokens: [880], totalTurns: 1 }), { ...emptyDraft, text: 'x' });
  assert.equal(near.level, 'near');
  const overWithHistory = readMeter(budget({ windowTokens: 1000, budgetTokens: 5000, turnTokens: [1200], totalTurns: 1 }), { ...emptyDraft, text: 'x' });
  assert.equal(overWithHistory.level, 'over');
  assert.equal(overWithHistory.questionAlone, false, 'the history, let in by a budget above the window, is what does not fit');
  const overAlone = readMeter(budget({ windowTokens: 1000 }), { ...emptyDraft, chipTokens: [4000] });
  assert.equal(overAlone.level, 'over');
  assert.equal(overAlone.questionAlone, true);
  assert.ok(overAlone.share > 4);
});

test('the host half counts the history as buildApiMessages does, so the meter shows what will be sent', () => {
  const conversation = conversationOf(['first question', 'first answer '.repeat(40), 'second question', 'second answer '.repeat(30)]);
  const settings = { model: 'gpt-5', systemPrompt: 'Be brief.', maxContextTokens: 64_000 };
  const half = meterBudget(conversation, settings, [], plain);
  const built = buildApiMessages(conversation, { systemPrompt: 'Be brief.', instructionRole: 'developer', maxContextTokens: 64_000, renderUserMessage: plain });
  const listed = half.fixedTokens + half.turnTokens.reduce((sum, tokens) => sum + tokens, 0);
  assert.equal(listed, built.estimatedTokens, 'the same estimate as the request that would be sent');
  assert.equal(half.totalTurns, 2);
  assert.equal(half.windowTokens, 272_000, 'gpt-5 takes 272,000 input tokens by the rules table');
  assert.equal(half.windowSource, 'rules');
});

test('a long history lists only the turns the budget could hold, so a 2,000-message chat costs what its newest turns cost', () => {
  const conversation = conversationOf(Array.from({ length: 2000 }, (_, index) => `message ${index} `.repeat(50)));
  const half = meterBudget(conversation, { model: 'gpt-5', systemPrompt: '', maxContextTokens: 4000 }, [], plain);
  assert.equal(half.totalTurns, 1000);
  assert.ok(half.turnTokens.length < 40, `listed ${half.turnTokens.length} turns`);
});

test("the window is the catalogue's when it gives one, else the model family's, else a safe default", () => {
  const catalogue = parseCatalogue([
    { id: 'kimi-k2', provider: 'Moonshot', model_type: 'text', context_length: 131_072 },
    { id: 'odd-model', model_type: 'text', context_length: 'lots' },
  ]);
  const known = buildModelEntries([{ id: 'kimi-k2' }, { id: 'odd-model' }], catalogue);
  assert.deepEqual(contextWindowFor('kimi-k2', known), { tokens: 131_072, source: 'catalogue' });
  assert.deepEqual(contextWindowFor('claude-sonnet-4-20250514', known), { tokens: 200_000, source: 'rules' });
  assert.deepEqual(contextWindowFor('odd-model', known), { tokens: 64_000, source: 'rules' }, 'a value that is not a number is not believed');
});
