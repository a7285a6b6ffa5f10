// A comparison brought back from the history after a window reload shows what was kept: the question, each
// model's answer in column order with its figures, and answers cut off by the reload marked interrupted. What
// VS Code hands back as the panel's state is checked before it is used.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SavedComparison } from '../../src/core/compare/savedComparison';
import { parseComparePanelState } from '../../src/shared/compareProtocol';
import type { AssistantMessage, Conversation } from '../../src/shared/conversation';

const answer = (id: string, model: string, text: string, extra: Partial<AssistantMessage> = {}): AssistantMessage => ({
  id,
  role: 'assistant',
  text,
  model,
  status: 'done',
  createdAt: 1_000,
  ...extra,
});

const kept: Conversation = {
  id: 'run-1',
  title: 'Compare: Explain recursion',
  createdAt: 1_000,
  updatedAt: 5_000,
  messages: [
    { id: 'q', role: 'user', text: 'Explain recursion', createdAt: 1_000 },
    answer('a1', 'gpt-5-mini', 'A function that calls itself.', { endedAt: 3_500, cost: { kind: 'priced', usd: 0.0004, tokens: 120 } }),
    answer('a2', 'gemini-2.5-flash', 'Half an ans', { status: 'streaming' }),
  ],
};

test('the columns are the kept answers in order, with the total time known and a cut-off answer interrupted', () => {
  const saved = SavedComparison.from(kept);
  assert.ok(saved);
  assert.equal(saved.id, 'run-1');
  assert.equal(saved.question.text, 'Explain recursion');
  assert.equal(saved.isRunning, false);
  assert.deepEqual(saved.view(), [
    {
      model: 'gpt-5-mini',
      text: 'A function that calls itself.',
      status: 'done',
      cost: { kind: 'priced', usd: 0.0004, tokens: 120 },
      timings: { totalMs: 2_500 },
    },
    { model: 'gemini-2.5-flash', text: 'Half an ans', status: 'interrupted' },
  ]);
  assert.equal(saved.answerOf(0)?.id, 'a1', 'a finished answer can be continued with');
  assert.equal(saved.answerOf(1), undefined, 'a cut-off one cannot');
});

test('a conversation that is not a comparison is not shown as one', () => {
  assert.equal(SavedComparison.from({ ...kept, messages: [] }), undefined);
  assert.equal(SavedComparison.from({ ...kept, messages: [kept.messages[1] as AssistantMessage] }), undefined, 'no question first');
  assert.equal(SavedComparison.from({ ...kept, messages: [kept.messages[0]!, kept.messages[0]!] }), undefined, 'a question where an answer belongs');
});

test("the panel's state from VS Code is checked: only a history id of the right shape", () => {
  assert.deepEqual(parseComparePanelState({ historyId: 'run-1' }), { ok: true, value: { historyId: 'run-1' } });
  assert.equal(parseComparePanelState({ historyId: '../../etc/passwd' }).ok, false);
  assert.equal(parseComparePanelState({ historyId: 'run-1', extra: true }).ok, false);
  assert.equal(parseComparePanelState(undefined).ok, false);
});
