import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnswerStatus, AssistantMessage, ChatMessage, Conversation, UserMessage } from '../../src/shared/conversation';
import { buildApiMessages } from '../../src/core/conversation/contextBudget';
import { MESSAGE_OVERHEAD_TOKENS, REQUEST_OVERHEAD_TOKENS, estimateTokens } from '../../src/shared/tokenEstimate';

const plain = (m: UserMessage): string => m.text;

/** Text whose estimate is exactly `tokens` (four letters per token). */
function textOf(tokens: number, tag: string): string {
  return `${tag}${'abcd'.repeat(tokens)}`.slice(0, tokens * 4);
}

function question(id: string, text: string, extra: Partial<UserMessage> = {}): UserMessage {
  return { id, role: 'user', text, createdAt: 0, ...extra };
}

function answer(id: string, text: string, status: AnswerStatus = 'done'): AssistantMessage {
  return { id, role: 'assistant', text, model: 'm', status, createdAt: 0 };
}

function conversationOf(...messages: ChatMessage[]): Conversation {
  return { id: 'c', title: 't', createdAt: 0, updatedAt: 0, messages };
}

/** `count` finished turns of `tokens`-token messages, then a final question. */
function longConversation(count: number, tokens: number): Conversation {
  const messages: ChatMessage[] = [];
  for (let i = 0; i < count; i++) {
    messages.push(question(`q${i}`, textOf(tokens, `q${i}`)), answer(`a${i}`, textOf(tokens, `a${i}`)));
  }
  messages.push(question('last', textOf(tokens, 'last')));
  return conversationOf(...messages);
}

const perMessage = (tokens: number): number => tokens + MESSAGE_OVERHEAD_TOKENS;

test('the test texts cost exactly the tokens they are built for', () => {
  assert.equal(estimateTokens(textOf(100, 'q1')), 100);
});

test('with room for everything, the whole history is sent in order after the system prompt', () => {
  const c = longConversation(2, 10);
  const built = buildApiMessages(c, { systemPrompt: 'Be brief.', instructionRole: 'developer', maxContextTokens: 10_000, renderUserMessage: plain });
  assert.deepEqual(
    built.messages.map((m) => m.role),
    ['developer', 'user', 'assistant', 'user', 'assistant', 'user'],
  );
  assert.equal(built.messages[0]?.content, 'Be brief.');
  assert.equal(built.messages[5]?.content, textOf(10, 'last'));
  assert.equal(built.droppedTurns, 0);
  const expected = REQUEST_OVERHEAD_TOKENS + perMessage(estimateTokens('Be brief.')) + 5 * perMessage(10);
  assert.equal(built.estimatedTokens, expected);
});

test('a blank system prompt sends no instruction message', () => {
  const built = buildApiMessages(longConversation(0, 10), {
    systemPrompt: '  \n',
    instructionRole: 'system',
    maxContextTokens: 1000,
    renderUserMessage: plain,
  });
  assert.deepEqual(
    built.messages.map((m) => m.role),
    ['user'],
  );
});

test('when the history is too long, the oldest whole turns are dropped first and the count says how many', () => {
  const c = longConversation(5, 100); // each old turn costs 2 x 104, the last question 104
  const budget = REQUEST_OVERHEAD_TOKENS + perMessage(100) + 2 * 2 * perMessage(100) + 50; // room for two old turns
  const built = buildApiMessages(c, { instructionRole: 'system', maxContextTokens: budget, renderUserMessage: plain });
  assert.equal(built.droppedTurns, 3);
  assert.deepEqual(
    built.messages.map((m) => m.content.slice(0, 4)),
    ['q3ab', 'a3ab', 'q4ab', 'a4ab', 'last'],
  );
  assert.equal(built.messages[0]?.role, 'user', 'history never starts with an answer whose question was dropped');
  assert.ok(built.estimatedTokens <= budget);
});

test('the system prompt counts against the budget but is always kept', () => {
  const c = longConversation(3, 100);
  const roomy = buildApiMessages(c, { instructionRole: 'system', maxContextTokens: 1000, renderUserMessage: plain });
  const withPrompt = buildApiMessages(c, { systemPrompt: textOf(500, 'sys'), instructionRole: 'system', maxContextTokens: 1000, renderUserMessage: plain });
  assert.equal(roomy.droppedTurns, 0);
  assert.equal(withPrompt.droppedTurns, 2);
  assert.equal(withPrompt.messages[0]?.role, 'system');
});

test('a newest question larger than the whole budget is still sent, alone', () => {
  const c = longConversation(3, 10);
  const huge = conversationOf(...c.messages.slice(0, -1), question('last', textOf(5000, 'big')));
  const built = buildApiMessages(huge, { systemPrompt: 'Be brief.', instructionRole: 'system', maxContextTokens: 1000, renderUserMessage: plain });
  assert.deepEqual(
    built.messages.map((m) => m.role),
    ['system', 'user'],
  );
  assert.equal(built.messages[1]?.content.length, 20_000);
  assert.equal(built.droppedTurns, 3);
  assert.ok(built.estimatedTokens > 5000);
});

test('after a turn that does not fit, no older turn is squeezed in (the history stays contiguous)', () => {
  const c = conversationOf(
    question('q0', 'tiny'),
    answer('a0', 'tiny'),
    question('q1', textOf(500, 'q1')),
    answer('a1', textOf(500, 'a1')),
    question('last', 'now?'),
  );
  const built = buildApiMessages(c, { instructionRole: 'system', maxContextTokens: 300, renderUserMessage: plain });
  assert.deepEqual(
    built.messages.map((m) => m.content),
    ['now?'],
  );
  assert.equal(built.droppedTurns, 2);
});

test('failed answers with no text, and answers still streaming, are left out; partial answers are kept', () => {
  const c = conversationOf(
    question('q0', 'first'),
    answer('a0', '', 'error'),
    question('q1', 'second'),
    answer('a1', 'half an ans', 'stopped'),
    question('q2', 'third'),
    answer('a2', 'cut off by a closed window', 'interrupted'),
    question('q3', 'fourth'),
    answer('a3', 'broke mid', 'error'),
    question('q4', 'fifth'),
    answer('a4', '', 'streaming'),
  );
  const built = buildApiMessages(c, { instructionRole: 'system', maxContextTokens: 10_000, renderUserMessage: plain });
  assert.deepEqual(
    built.messages.map((m) => `${m.role}:${m.content}`),
    [
      'user:first',
      'user:second',
      'assistant:half an ans',
      'user:third',
      'assistant:cut off by a closed window',
      'user:fourth',
      'assistant:broke mid',
      'user:fifth',
    ],
  );
});

test('questions are sent as rendered by the selection prompt, attached code included, and budgeted that way', () => {
  const context = { path: 'src/a.ts', languageId: 'typescript', startLine: 1, endLine: 1, code: textOf(400, 'code') };
  const render = (m: UserMessage): string => [m.text, ...(m.contexts ?? []).map((x) => `${x.path}\n\`\`\`${x.languageId}\n${x.code}\n\`\`\``)].join('\n\n');
  const c = conversationOf(question('q0', 'old question'), answer('a0', 'old answer'), question('q1', 'Explain this', { contexts: [context] }));
  const built = buildApiMessages(c, { instructionRole: 'system', maxContextTokens: 1000, renderUserMessage: render });
  const last = built.messages[built.messages.length - 1];
  assert.ok(last?.content.startsWith('Explain this\n\nsrc/a.ts\n```typescript\ncode'));
  assert.ok(built.estimatedTokens > 400, 'the attached code is counted');

  const tight = buildApiMessages(c, { instructionRole: 'system', maxContextTokens: 420, renderUserMessage: render });
  assert.equal(tight.droppedTurns, 1, 'the code leaves no room for the older turn');
});

test('an empty conversation sends only the system prompt', () => {
  const built = buildApiMessages(conversationOf(), { systemPrompt: 'Hi', instructionRole: 'system', maxContextTokens: 1000, renderUserMessage: plain });
  assert.deepEqual(built.messages, [{ role: 'system', content: 'Hi' }]);
  assert.equal(built.droppedTurns, 0);
});
