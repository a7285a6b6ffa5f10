import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AssistantMessage, Conversation } from '../../src/shared/conversation';
import {
  NEW_CHAT_TITLE,
  appendMessage,
  applyAnswerDelta,
  createConversation,
  endAnswer,
  forkAtQuestion,
  forkBefore,
  hasLaterTurns,
  markInterrupted,
  renameConversation,
  startAnswer,
  summarize,
  titleFromQuestion,
  toMarkdown,
  truncateFrom,
  userMessage,
} from '../../src/core/conversation/conversationOps';

const T0 = Date.UTC(2025, 2, 4, 15, 6);

function answerOf(conversation: Conversation, id: string): AssistantMessage {
  const message = conversation.messages.find((m) => m.id === id);
  assert.ok(message && message.role === 'assistant', `no answer ${id}`);
  return message;
}

/** A conversation with one finished turn and a second question whose answer is streaming. */
function twoTurns(): Conversation {
  let c = createConversation({ id: 'c1', now: T0, workspace: 'shop' });
  c = appendMessage(c, userMessage('q1', 'What does debounce do?', T0 + 1));
  c = appendMessage(c, startAnswer('a1', 'gpt-5-mini', T0 + 2));
  c = applyAnswerDelta(c, 'a1', 'It waits.');
  c = endAnswer(c, 'a1', { status: 'done', endedAt: T0 + 3 });
  c = appendMessage(c, userMessage('q2', 'And throttle?', T0 + 4));
  c = appendMessage(c, startAnswer('a2', 'gpt-5-mini', T0 + 5));
  return c;
}

test('a new conversation is titled "New Chat" until the first question names it', () => {
  const empty = createConversation({ id: 'c1', now: T0, workspace: 'shop' });
  assert.equal(empty.title, NEW_CHAT_TITLE);
  assert.equal(empty.workspace, 'shop');
  const asked = appendMessage(empty, userMessage('q1', '  How do I   center a div?\n', T0 + 5));
  assert.equal(asked.title, 'How do I center a div?');
  assert.equal(asked.updatedAt, T0 + 5);
  const second = appendMessage(asked, userMessage('q2', 'Another question', T0 + 6));
  assert.equal(second.title, 'How do I center a div?', 'later questions keep the title');
});

test('a long first question is cut on a word boundary near 60 characters', () => {
  const title = titleFromQuestion({
    text: 'Please explain why this recursive function overflows the stack when the input list is very long',
  });
  assert.equal(title, 'Please explain why this recursive function overflows the…');
  assert.ok(title.length <= 61);
});

test('a first question that is one very long word is cut inside it', () => {
  const title = titleFromQuestion({ text: 'x'.repeat(100) });
  assert.equal(title, `${'x'.repeat(60)}…`);
});

test('a question with only attached code is titled after the file', () => {
  const title = titleFromQuestion({
    text: '',
    contexts: [{ path: 'src/utils/format.ts', languageId: 'typescript', startLine: 1, endLine: 3, code: 'x' }],
  });
  assert.equal(title, 'Code from format.ts');
});

test('a renamed conversation keeps its name when its first question arrives', () => {
  const renamed = renameConversation(createConversation({ id: 'c1', now: T0 }), 'Release notes', T0 + 1);
  const asked = appendMessage(renamed, userMessage('q1', 'Draft them', T0 + 2));
  assert.equal(asked.title, 'Release notes');
});

test('deltas append to the streaming answer, text and reasoning separately', () => {
  let c = twoTurns();
  c = applyAnswerDelta(c, 'a2', 'Throttle ');
  c = applyAnswerDelta(c, 'a2', undefined, 'Compare both.');
  c = applyAnswerDelta(c, 'a2', 'limits the rate.');
  const answer = answerOf(c, 'a2');
  assert.equal(answer.text, 'Throttle limits the rate.');
  assert.equal(answer.reasoning, 'Compare both.');
  assert.equal(answer.status, 'streaming');
});

test('applying a delta never changes the conversation it was given', () => {
  const before = twoTurns();
  const snapshot = JSON.stringify(before);
  const after = applyAnswerDelta(before, 'a2', 'more');
  assert.equal(JSON.stringify(before), snapshot);
  assert.notEqual(after, before);
  assert.equal(after.messages[0], before.messages[0], 'untouched messages are shared, not copied');
});

test('a delta after the answer ended, or for an unknown id, changes nothing', () => {
  const stopped = endAnswer(twoTurns(), 'a2', { status: 'stopped', endedAt: T0 + 9 });
  assert.equal(applyAnswerDelta(stopped, 'a2', 'late'), stopped);
  assert.equal(applyAnswerDelta(stopped, 'nope', 'late'), stopped);
  assert.equal(answerOf(stopped, 'a2').text, '');
});

test('100,000 deltas into one answer stay fast (no quadratic copying)', () => {
  let c = twoTurns();
  const started = performance.now();
  for (let i = 0; i < 100_000; i++) {
    c = applyAnswerDelta(c, 'a2', 'token ');
  }
  const elapsed = performance.now() - started;
  assert.equal(answerOf(c, 'a2').text.length, 600_000);
  assert.ok(elapsed < 2000, `took ${elapsed.toFixed(0)} ms`);
});

test('ending an answer records status, usage, served model, finish reason and time; the first end wins', () => {
  const ended = endAnswer(twoTurns(), 'a2', {
    status: 'done',
    endedAt: T0 + 20,
    usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
    servedModel: 'gpt-5-mini-2025-08-07',
    finishReason: 'stop',
  });
  const answer = answerOf(ended, 'a2');
  assert.equal(answer.status, 'done');
  assert.equal(answer.endedAt, T0 + 20);
  assert.equal(answer.usage?.totalTokens, 15);
  assert.equal(answer.servedModel, 'gpt-5-mini-2025-08-07');
  assert.equal(answer.finishReason, 'stop');
  assert.equal(ended.updatedAt, T0 + 20);
  assert.equal(endAnswer(ended, 'a2', { status: 'stopped', endedAt: T0 + 21 }), ended);
});

test('a failed answer keeps its error for the error card', () => {
  const failed = endAnswer(twoTurns(), 'a2', {
    status: 'error',
    endedAt: T0 + 20,
    error: { kind: 'rateLimit', message: 'Too many requests.', actions: ['retry'], requestId: 'req_1' },
  });
  assert.equal(answerOf(failed, 'a2').error?.kind, 'rateLimit');
});

test('an answer left streaming (window closed) is marked interrupted with its partial text kept', () => {
  const partial = applyAnswerDelta(twoTurns(), 'a2', 'Throttle lim');
  const restored = markInterrupted(partial);
  assert.equal(answerOf(restored, 'a2').status, 'interrupted');
  assert.equal(answerOf(restored, 'a2').text, 'Throttle lim');
  assert.equal(answerOf(restored, 'a1').status, 'done');
  assert.equal(markInterrupted(restored), restored, 'nothing streaming: unchanged');
});

test('Retry: truncating from an answer keeps the question before it', () => {
  const c = endAnswer(twoTurns(), 'a2', { status: 'error', endedAt: T0 + 9 });
  const truncated = truncateFrom(c, 'a2', T0 + 10);
  assert.deepEqual(
    truncated.messages.map((m) => m.id),
    ['q1', 'a1', 'q2'],
  );
  assert.equal(truncated.updatedAt, T0 + 10);
  assert.equal(truncateFrom(c, 'unknown'), c);
});

test('edit-and-resend forks from the edited question and keeps its attached code', () => {
  let c = createConversation({ id: 'c1', now: T0 });
  const context = { path: 'a.ts', languageId: 'typescript', startLine: 1, endLine: 2, code: 'let a = 1;' };
  c = appendMessage(c, userMessage('q1', 'Explain', T0 + 1, [context]));
  c = appendMessage(c, startAnswer('a1', 'm', T0 + 2));
  c = endAnswer(c, 'a1', { status: 'done', endedAt: T0 + 3 });
  c = appendMessage(c, userMessage('q2', 'More', T0 + 4));
  const forked = forkAtQuestion(c, 'q1', { id: 'q1b', text: 'Explain briefly', now: T0 + 9 });
  assert.deepEqual(
    forked.messages.map((m) => m.id),
    ['q1b'],
  );
  const edited = forked.messages[0];
  assert.ok(edited?.role === 'user');
  assert.equal(edited.text, 'Explain briefly');
  assert.deepEqual(edited.contexts, [context]);
  assert.equal(forkAtQuestion(c, 'a1', { id: 'x', text: 'y', now: T0 }), c, 'an answer id is not a question');
});

test('rename collapses whitespace and ignores a blank title', () => {
  const c = twoTurns();
  assert.equal(renameConversation(c, '  Debounce   vs throttle ', T0 + 30).title, 'Debounce vs throttle');
  assert.equal(renameConversation(c, '   ', T0 + 30), c);
});

test('the history summary counts messages and carries the workspace', () => {
  assert.deepEqual(summarize(twoTurns()), {
    id: 'c1',
    title: 'What does debounce do?',
    updatedAt: T0 + 5,
    workspace: 'shop',
    messageCount: 4,
  });
});

test('Markdown export has the title, role headings with times, models, code blocks and status notes', () => {
  let c = createConversation({ id: 'c1', now: T0, workspace: 'shop' });
  const code = 'const s = "```";\nconsole.log(s);';
  c = appendMessage(c, userMessage('q1', 'Why is this odd?', T0, [{ path: 'src/odd.ts', languageId: 'typescript', startLine: 3, endLine: 4, code }]));
  c = appendMessage(c, startAnswer('a1', 'gpt-5-mini', T0 + 60_000));
  c = applyAnswerDelta(c, 'a1', 'Because the string holds a fence.', 'Look at the backticks.');
  c = endAnswer(c, 'a1', { status: 'done', endedAt: T0 + 61_000, servedModel: 'gpt-5-mini-2025-08-07' });
  c = appendMessage(c, userMessage('q2', 'And then?', T0 + 120_000));
  c = appendMessage(c, startAnswer('a2', 'claude-sonnet-4', T0 + 121_000));
  c = applyAnswerDelta(c, 'a2', 'Then it');
  c = endAnswer(c, 'a2', { status: 'stopped', endedAt: T0 + 122_000 });

  const md = toMarkdown(c);
  assert.match(md, /^# Why is this odd\?\n\n_Workspace: shop · Started 2025-03-04 15:06 UTC_\n/);
  assert.match(md, /## You · 2025-03-04 15:06 UTC\n\nWhy is this odd\?/);
  assert.match(md, /`src\/odd.ts`, lines 3–4\n\n````typescript\nconst s = "```";\nconsole.log\(s\);\n````/, 'the fence outgrows the backticks inside the code');
  assert.match(md, /## Assistant · gpt-5-mini \(served by gpt-5-mini-2025-08-07\) · 2025-03-04 15:07 UTC/);
  assert.match(md, /<details><summary>Reasoning<\/summary>\n\nLook at the backticks.\n\n<\/details>/);
  assert.match(md, /## Assistant · claude-sonnet-4 · 2025-03-04 15:08 UTC\n\nThen it\n\n_Stopped before the answer was complete._/);
  assert.ok(md.indexOf('Why is this odd?\n') < md.indexOf('Because the string') && md.indexOf('Because the string') < md.indexOf('And then?'));
});

test('Markdown export says why a failed answer failed', () => {
  const failed = endAnswer(twoTurns(), 'a2', {
    status: 'error',
    endedAt: T0 + 9,
    error: { kind: 'auth', message: 'The API key was refused.', actions: ['setApiKey'], requestId: 'req_42' },
  });
  assert.match(toMarkdown(failed), /_Failed: The API key was refused\. \(request id req_42\)_/);
});

function turns(count: number, title = 'Long chat'): Conversation {
  let conversation: Conversation = { ...createConversation({ id: 'orig', now: T0, workspace: 'proj' }), title };
  for (let turn = 0; turn < count; turn++) {
    conversation = appendMessage(conversation, userMessage(`q${turn}`, `question ${turn}`, T0 + turn));
    conversation = appendMessage(conversation, { ...startAnswer(`a${turn}`, 'gpt-5-mini', T0 + turn), text: `answer ${turn}`, status: 'done' });
  }
  return conversation;
}

test('hasLaterTurns: only the last answer, or the last question with its answer, can be redone in place', () => {
  const conversation = turns(3);
  assert.equal(hasLaterTurns(conversation, 'a2'), false, 'last answer');
  assert.equal(hasLaterTurns(conversation, 'q2'), false, 'last question: only its own answer follows');
  assert.equal(hasLaterTurns(conversation, 'a1'), true);
  assert.equal(hasLaterTurns(conversation, 'q1'), true);
  assert.equal(hasLaterTurns(conversation, 'q0'), true);
  assert.equal(hasLaterTurns(conversation, 'nope'), false);
});

test('forkBefore: a new conversation with the messages before the turn, the original untouched', () => {
  const original = turns(20);
  const fork = forkBefore(original, 'a1', { id: 'fork', now: T0 + 99 });
  assert.ok(fork);
  assert.equal(original.messages.length, 40);
  assert.equal(fork.id, 'fork');
  assert.equal(fork.title, 'Long chat (fork)');
  assert.equal(fork.workspace, 'proj');
  assert.equal(fork.createdAt, T0 + 99);
  assert.equal(fork.updatedAt, T0 + 99);
  assert.deepEqual(
    fork.messages.map((m) => m.id),
    ['q0', 'a0', 'q1'],
  );
  assert.equal(forkBefore(original, 'nope', { id: 'x', now: 0 }), undefined);
});

test('forkBefore: forking a fork does not stack "(fork)", and a long title stays within the rename limit', () => {
  const fork = forkBefore(turns(2, 'Chat (fork)'), 'a0', { id: 'f2', now: T0 });
  assert.equal(fork?.title, 'Chat (fork)');
  const long = forkBefore(turns(2, 'x'.repeat(200)), 'a0', { id: 'f3', now: T0 });
  assert.equal(long?.title.length, 200);
  assert.ok(long?.title.endsWith(' (fork)'));
});
