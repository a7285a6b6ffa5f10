// The whole turn as the host runs it: ChatSession with the real client (openai SDK) against the real mock
// CometAPI server. Only the webview (a message sink) and persistence callbacks are local.
import assert from 'node:assert/strict';
import type { KeyGrant } from '../../src/core/security/keyOrigin';
import { after, before, beforeEach, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { streamChat } from '../../src/core/client/chatClient';
import { ChatSession, type ChatSessionDeps } from '../../src/core/chat/chatSession';
import { type ChatSettings, defaultChatSettings } from '../../src/core/chat/chatSettings';
import { createConversation } from '../../src/core/conversation/conversationOps';
import { renderUserMessage } from '../../src/core/selection/selectionPrompt';
import type { AssistantMessage, ChatMessage, Conversation } from '../../src/shared/conversation';
import type { HostToWebview } from '../../src/shared/protocol';
import { type MockCometServer, startMockCometServer } from '../support/mockCometServer';

let server: MockCometServer;
before(async () => {
  server = await startMockCometServer();
});
after(async () => {
  await server.close();
});
beforeEach(() => server.clearRequests());

interface Harness {
  readonly session: ChatSession;
  readonly posted: HostToWebview[];
  readonly saved: Conversation[];
  readonly streamingFlags: boolean[];
  /** Each fork as the host got it: the new conversation and the original it left alone. */
  readonly forks: { fork: Conversation; original: Conversation }[];
}

/** `showFork` stands in for the host showing a fork (it resolves when the fork's state was posted). */
function harness(
  overrides: Partial<ChatSettings> = {},
  apiKey: string | null | KeyGrant = server.apiKey,
  initial?: Conversation,
  showFork: () => Promise<void> = async () => undefined,
  extraDeps: Partial<ChatSessionDeps> = {},
): Harness {
  const posted: HostToWebview[] = [];
  const saved: Conversation[] = [];
  const streamingFlags: boolean[] = [];
  const forks: { fork: Conversation; original: Conversation }[] = [];
  const session = new ChatSession(
    {
      post: (message) => posted.push(message),
      readSettings: () => ({ ...defaultChatSettings, baseUrl: server.url, model: 'gpt-4.1', maxRetries: 2, requestTimeoutSeconds: 5, ...overrides }),
      getApiKey: async (): Promise<KeyGrant> =>
        apiKey === null ? { ok: false, reason: 'missing', message: 'No CometAPI API key is set.' } : typeof apiKey === 'string' ? { ok: true, apiKey } : apiKey,
      streamChat: (request, options, signal) => streamChat(request, { ...options, sleep: async () => undefined, random: () => 0.5 }, signal),
      onConversationChanged: () => undefined,
      onAnswerSettled: (conversation) => saved.push(conversation),
      onStreamingChanged: (streaming) => streamingFlags.push(streaming),
      onForked: async (fork, original) => {
        forks.push({ fork, original });
        await showFork();
        posted.push({ type: 'state', conversation: fork, model: 'gpt-4.1', hasApiKey: true });
      },
      renderUserMessage,
      log: () => undefined,
      newId: randomUUID,
      now: Date.now,
      ...extraDeps,
    },
    initial ?? createConversation({ id: randomUUID(), now: Date.now() }),
  );
  return { session, posted, saved, streamingFlags, forks };
}

function lastAnswer(conversation: Conversation): AssistantMessage {
  const answer = conversation.messages.at(-1);
  assert.equal(answer?.role, 'assistant');
  return answer as AssistantMessage;
}

function streamedText(posted: readonly HostToWebview[], messageId: string): string {
  return posted.map((message) => (message.type === 'delta' && message.messageId === messageId ? (message.text ?? '') : '')).join('');
}

test('a question streams a markdown answer as deltas that add up to exactly the saved text', async () => {
  const { session, posted, saved, streamingFlags } = harness();
  await session.send('What is a closure?');
  const answer = lastAnswer(session.conversation);
  assert.equal(answer.status, 'done');
  assert.match(answer.text, /^## /m, 'heading');
  assert.match(answer.text, /```ts/, 'code block');
  assert.match(answer.text, /You said: What is a closure\?/);
  assert.equal(streamedText(posted, answer.id), answer.text, 'only new text is sent, nothing repeated or lost');
  const deltas = posted.filter((message) => message.type === 'delta');
  assert.ok(deltas.length >= 1);
  const ended = posted.at(-1);
  assert.equal(ended?.type, 'answerEnded');
  assert.ok(ended?.type === 'answerEnded' && ended.usage && ended.usage.totalTokens > 0, 'usage reported under the answer');
  assert.deepEqual(streamingFlags, [true, false]);
  assert.equal(saved.length, 1, 'written once when the answer settled');
  assert.equal(session.conversation.title, 'What is a closure?');
});

test('an answer keeps the cost worked out from the catalogue price when it ended; a model without one says so', async () => {
  const price = { inputPerMillion: 1.6, outputPerMillion: 6.4 };
  const prices = new Map([['gpt-4.1', price]]);
  const { session, posted, saved } = harness({}, server.apiKey, undefined, undefined, { priceOf: (model) => prices.get(model) });
  await session.send('What is a closure?');
  const answer = lastAnswer(session.conversation);
  const usage = answer.usage;
  assert.ok(usage && usage.totalTokens > 0, 'the mock reported usage');
  const expected = (usage.promptTokens * price.inputPerMillion + usage.completionTokens * price.outputPerMillion) / 1e6;
  assert.ok(answer.cost?.kind === 'priced', JSON.stringify(answer.cost));
  assert.ok(Math.abs(answer.cost.usd - expected) < 1e-12, `${answer.cost.usd} = ${expected}`);
  assert.equal(answer.cost.tokens, usage.totalTokens);
  const ended = posted.at(-1);
  assert.ok(ended?.type === 'answerEnded');
  assert.deepEqual(ended.cost, answer.cost, 'the chat shows what is stored');
  assert.deepEqual(lastAnswer(saved.at(-1)!).cost, answer.cost, 'and it is saved with the answer');

  // The price changes later: the stored answer keeps what it cost then.
  prices.set('gpt-4.1', { inputPerMillion: 100, outputPerMillion: 100 });
  assert.ok(Math.abs((lastAnswer(session.conversation).cost as { usd: number }).usd - expected) < 1e-12);

  prices.delete('gpt-4.1');
  await session.send('And again?');
  assert.deepEqual(lastAnswer(session.conversation).cost, { kind: 'priceUnknown' });
});

test('the second turn carries the first exchange and the system prompt', async () => {
  // On chat completions, where the system prompt is a message (Claude's own endpoint: messagesClaude.test.ts).
  const { session } = harness({ systemPrompt: 'Answer briefly.', model: 'claude-sonnet-4-20250514', claudeEndpoint: 'chat' });
  await session.send('First question');
  await session.send('Second question');
  assert.match(lastAnswer(session.conversation).text, /Turn 2/);
  const sent = server.requests.filter((request) => request.method === 'POST').at(-1)?.body as { messages: { role: string; content: string }[] };
  assert.deepEqual(
    sent.messages.map((message) => message.role),
    ['system', 'user', 'assistant', 'user'],
  );
  assert.equal(sent.messages[0]?.content, 'Answer briefly.');
  assert.match(sent.messages[2]?.content ?? '', /You said: First question/);
});

test('Stop mid-stream keeps the partial answer, marked as stopped', async () => {
  const { session, posted } = harness();
  const running = session.send('scenario:slow tell me a long story');
  await waitFor(() => posted.some((message) => message.type === 'delta'));
  const startedAt = Date.now();
  session.stop();
  await running;
  assert.ok(Date.now() - startedAt < 2000, 'stops promptly');
  const answer = lastAnswer(session.conversation);
  assert.equal(answer.status, 'stopped');
  assert.ok(answer.text.length > 0, 'partial text kept');
  assert.equal(answer.error, undefined, 'a stop is not an error');
  const ended = posted.at(-1);
  assert.equal(ended?.type === 'answerEnded' && ended.status, 'stopped');
});

test('without a key the answer says so and offers Set API Key, and nothing is sent', async () => {
  const { session } = harness({}, null);
  await session.send('hello');
  const answer = lastAnswer(session.conversation);
  assert.equal(answer.status, 'error');
  assert.deepEqual(answer.error?.actions, ['setApiKey']);
  assert.equal(server.requests.length, 0);
});

test('a key withheld from another server says so (not "no key set") and offers Retry and Open Settings; nothing is sent', async () => {
  const reason = 'Your CometAPI key was not sent to https://elsewhere.example: it was saved for another server.';
  const { session } = harness({}, { ok: false, reason: 'declined', message: reason });
  await session.send('hello');
  const answer = lastAnswer(session.conversation);
  assert.equal(answer.error?.message, reason);
  assert.deepEqual(answer.error?.actions, ['retry', 'openSettings']);
  assert.equal(server.requests.length, 0);
});

test('a wrong key ends in an auth error with Set API Key; the question stays in the chat', async () => {
  const { session } = harness({}, 'sk-wrong-key-123456');
  await session.send('my question is kept');
  const answer = lastAnswer(session.conversation);
  assert.equal(answer.error?.kind, 'auth');
  assert.deepEqual(answer.error?.actions, ['setApiKey']);
  assert.doesNotMatch(answer.error?.message ?? '', /sk-wrong-key-123456/);
  assert.equal(session.conversation.messages[0]?.text, 'my question is kept');
});

test('a 429 is retried with a visible notice, then the answer arrives', async () => {
  const { session, posted } = harness();
  server.enqueue('status-429', 'markdown');
  await session.send('hi');
  assert.equal(lastAnswer(session.conversation).status, 'done');
  const notice = posted.find((message) => message.type === 'notice');
  assert.match(notice?.type === 'notice' ? notice.text : '', /^Rate limited by CometAPI\. Retrying in 1 s \(retry 1 of 2\)\.$/);
});

test('Retry replaces the last answer with a new one', async () => {
  const { session, posted } = harness();
  await session.send('scenario:status-500 first');
  const failed = lastAnswer(session.conversation);
  assert.equal(failed.status, 'error');
  server.clearRequests();
  server.enqueue('markdown');
  assert.equal(await session.retry(failed.id), true);
  const retried = lastAnswer(session.conversation);
  assert.notEqual(retried.id, failed.id);
  assert.equal(retried.status, 'done');
  assert.equal(session.conversation.messages.length, 2);
  assert.ok(posted.some((message) => message.type === 'messagesTruncated' && message.fromMessageId === failed.id));
});

test('editing an earlier question continues in a new conversation; the original keeps both turns', async () => {
  const { session, forks, saved } = harness();
  await session.send('one');
  await session.send('two');
  const original = session.conversation;
  const firstQuestion = original.messages[0];
  assert.ok(firstQuestion);
  assert.equal(await session.editAndResend(firstQuestion.id, 'one, edited'), true);
  assert.equal(forks.length, 1);
  assert.equal(forks[0]?.original, original, 'the original handed over untouched');
  assert.equal(original.messages.length, 4);
  assert.notEqual(session.conversation.id, original.id);
  assert.equal(session.conversation.title, 'one (fork)');
  assert.equal(session.conversation.messages.length, 2);
  assert.equal(session.conversation.messages[0]?.text, 'one, edited');
  assert.match(lastAnswer(session.conversation).text, /You said: one, edited/);
  assert.equal(saved.filter((conversation) => conversation.id === original.id).at(-1)?.messages.length, 4, 'the original is never saved shorter');
});

test("editing the last question keeps today's in-place edit, no fork", async () => {
  const { session, forks, posted } = harness();
  await session.send('one');
  await session.send('two');
  const id = session.conversation.id;
  const lastQuestion = session.conversation.messages[2];
  assert.ok(lastQuestion);
  await session.editAndResend(lastQuestion.id, 'two, edited');
  assert.equal(forks.length, 0);
  assert.equal(session.conversation.id, id);
  assert.deepEqual(
    session.conversation.messages.map((message) => message.role),
    ['user', 'assistant', 'user', 'assistant'],
  );
  assert.equal(session.conversation.messages[2]?.text, 'two, edited');
  assert.ok(posted.some((message) => message.type === 'messagesTruncated' && message.fromMessageId === lastQuestion.id));
});

test('Retry on the 2nd answer of 40 messages forks: the original keeps 40, the fork has the 3 before it plus the new answer', async () => {
  const base = createConversation({ id: randomUUID(), now: 1_000 });
  const messages: ChatMessage[] = [];
  for (let turn = 0; turn < 20; turn++) {
    messages.push({ id: `q${turn}`, role: 'user', text: `question ${turn}`, createdAt: 1_000 + turn });
    messages.push({ id: `a${turn}`, role: 'assistant', text: `answer ${turn}`, model: 'gpt-4.1', status: 'done', createdAt: 1_000 + turn });
  }
  const original: Conversation = { ...base, title: 'Forty messages', messages };
  const { session, forks, posted, saved } = harness({}, server.apiKey, original);
  assert.equal(await session.retry('a1'), true);
  assert.equal(original.messages.length, 40, 'the original object is untouched');
  assert.equal(forks.length, 1);
  assert.equal(forks[0]?.original.messages.length, 40);
  const fork = session.conversation;
  assert.equal(fork, saved.at(-1), 'the fork is what gets saved');
  assert.notEqual(fork.id, original.id);
  assert.equal(fork.title, 'Forty messages (fork)');
  assert.deepEqual(
    fork.messages.slice(0, 3).map((message) => message.id),
    ['q0', 'a0', 'q1'],
  );
  assert.equal(fork.messages.length, 4);
  const retried = lastAnswer(fork);
  assert.equal(retried.status, 'done');
  assert.match(retried.text, /You said: question 1/);
  const sent = server.requests.filter((request) => request.method === 'POST').at(-1)?.body as { messages: { content: string }[] };
  assert.match(sent.messages.at(-1)?.content ?? '', /question 1/, 'the request asks the 2nd question again');
  assert.equal(
    posted.some((message) => message.type === 'messagesTruncated'),
    false,
    'nothing is truncated',
  );
  const stateAt = posted.findIndex((message) => message.type === 'state');
  const noticeAt = posted.findIndex(
    (message) => message.type === 'notice' && /started a new chat, “Forty messages \(fork\)”.*keeps all 40 messages/.test(message.text),
  );
  const answerAt = posted.findIndex((message) => message.type === 'messageAdded' && message.message.id === retried.id);
  assert.ok(stateAt >= 0 && stateAt < noticeAt && noticeAt < answerAt, 'the fork is shown, then said, then answered');
});

test('a conversation over the context budget drops the oldest turns and says so', async () => {
  const { session, posted } = harness({ maxContextTokens: 1000 });
  for (let i = 0; i < 4; i++) {
    await session.send(`question ${i} ${'filler words '.repeat(60)}`);
  }
  const notice = posted.filter((message) => message.type === 'notice').at(-1);
  assert.match(notice?.type === 'notice' ? notice.text : '', /earlier turns? (was|were) left out/);
  const sent = server.requests.filter((request) => request.method === 'POST').at(-1)?.body as { messages: unknown[] };
  assert.ok(sent.messages.length < 7, `sent ${sent.messages.length} messages`);
});

test('a second question while one streams is refused, not queued or lost silently', async () => {
  const { session, posted } = harness();
  const running = session.send('scenario:slow long');
  await waitFor(() => posted.some((message) => message.type === 'delta'));
  assert.equal(await session.send('impatient'), false);
  session.stop();
  await running;
  assert.equal(session.conversation.messages.filter((message) => message.role === 'user').length, 1);
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('closing the window mid-answer keeps the partial text as interrupted, not as a Stop', async () => {
  const { session, posted, saved } = harness();
  const running = session.send('scenario:slow a long one');
  await waitFor(() => posted.some((message) => message.type === 'delta'));
  session.shutdown();
  const atShutdown = lastAnswer(session.conversation);
  assert.equal(atShutdown.status, 'interrupted', 'already interrupted when the final flush runs');
  assert.ok(atShutdown.text.length > 0);
  await running;
  assert.equal(lastAnswer(session.conversation).status, 'interrupted', 'the cancelled request does not turn it into a Stop');
  assert.equal(lastAnswer(saved.at(-1) as Conversation).status, 'interrupted');
});

test('server errors retried: the countdown says "retry N of 3", then becomes "Retried twice" once the answer streams', async () => {
  const { session, posted } = harness({ maxRetries: 3 });
  server.enqueue('status-500', 'status-500', 'markdown');
  await session.send('hi');
  const answer = lastAnswer(session.conversation);
  assert.equal(answer.status, 'done');
  const retryNotices = posted.filter((message) => message.type === 'notice' && message.noticeId !== undefined);
  assert.deepEqual(
    retryNotices.map((message) => message.type === 'notice' && message.text),
    [
      'CometAPI had a server error. Retrying in 2 s (retry 1 of 3).',
      'CometAPI had a server error. Retrying in 3 s (retry 2 of 3).',
      'Retried twice after server errors.',
    ],
  );
  const pastAt = posted.indexOf(retryNotices.at(-1) as HostToWebview);
  const firstDeltaAt = posted.findIndex((message) => message.type === 'delta');
  assert.ok(pastAt < firstDeltaAt, 'the countdown is gone before the answer text shows');
  assert.equal(
    posted.some((message) => message.type === 'noticeCleared'),
    false,
  );
});

test('after giving up the countdown is cleared before the error card, and the error says how many retries were made', async () => {
  const { session, posted } = harness({ maxRetries: 2 });
  server.enqueue('status-502', 'status-502', 'status-502');
  await session.send('hi');
  const answer = lastAnswer(session.conversation);
  assert.equal(answer.status, 'error');
  assert.match(answer.error?.message ?? '', /Gave up after retrying twice\.$/);
  const clearedAt = posted.findIndex((message) => message.type === 'noticeCleared' && message.messageId === answer.id);
  const endedAt = posted.findIndex((message) => message.type === 'answerEnded');
  assert.ok(clearedAt >= 0 && clearedAt < endedAt, 'no stale "Retrying in" above the final error');
  assert.equal(
    posted.slice(clearedAt).some((message) => message.type === 'notice'),
    false,
  );
});

test('questions sent while an answer streams are queued, shown, and go out in order when it ends (here: stopped)', async () => {
  const { session, posted } = harness();
  const running = session.submit('scenario:slow first');
  await waitFor(() => posted.some((message) => message.type === 'delta'));
  assert.equal(await session.submit('second'), 'queued');
  assert.equal(await session.submit('third'), 'queued');
  const shown = posted.filter((message) => message.type === 'queue').at(-1);
  assert.deepEqual(shown?.type === 'queue' && shown.items.map((item) => item.text), ['second', 'third']);
  assert.deepEqual(
    session.queued.map((item) => item.text),
    ['second', 'third'],
    'a reloaded view gets them in the state',
  );
  assert.equal(session.conversation.messages.filter((message) => message.role === 'user').length, 1, 'nothing sent yet');
  session.stop();
  assert.equal(await running, 'sent');
  await waitFor(() => session.conversation.messages.length === 6 && session.streamingMessageId === undefined);
  assert.deepEqual(
    session.conversation.messages.filter((message) => message.role === 'user').map((message) => message.text),
    ['scenario:slow first', 'second', 'third'],
  );
  const answers = session.conversation.messages.filter((message): message is AssistantMessage => message.role === 'assistant');
  assert.deepEqual(
    answers.map((answer) => answer.status),
    ['stopped', 'done', 'done'],
  );
  assert.match(answers[2]?.text ?? '', /You said: third/);
  assert.deepEqual(session.queued, []);
  const lastQueue = posted.filter((message) => message.type === 'queue').at(-1);
  assert.deepEqual(lastQueue?.type === 'queue' && lastQueue.items, []);
});

test('a queued question goes out after an answer that failed too', async () => {
  const { session, posted } = harness({ maxRetries: 0 });
  server.enqueue('status-500');
  const first = session.submit('fails');
  assert.equal(await session.submit('next'), 'queued');
  await first;
  await waitFor(() => session.conversation.messages.length === 4 && session.streamingMessageId === undefined);
  assert.deepEqual(
    session.conversation.messages.map((message) => (message.role === 'assistant' ? message.status : message.text)),
    ['fails', 'error', 'next', 'done'],
  );
  assert.ok(posted.some((message) => message.type === 'queue'));
});

test('Cancel takes a queued question back, and it is never sent', async () => {
  const { session, posted } = harness();
  const running = session.submit('scenario:slow first');
  await waitFor(() => posted.some((message) => message.type === 'delta'));
  await session.submit('keep me');
  await session.submit('take me back');
  const id = session.queued[1]?.id ?? '';
  assert.equal(session.cancelQueued(id)?.text, 'take me back');
  assert.equal(session.cancelQueued(id), undefined, 'cancelling twice returns nothing');
  assert.deepEqual(
    session.queued.map((item) => item.text),
    ['keep me'],
  );
  session.stop();
  await running;
  await waitFor(() => session.conversation.messages.length === 4 && session.streamingMessageId === undefined);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(
    session.conversation.messages.filter((message) => message.role === 'user').map((message) => message.text),
    ['scenario:slow first', 'keep me'],
  );
});

test('switching conversations sends no queued question; they wait to go back into the input', async () => {
  const { session, posted } = harness();
  const running = session.submit('scenario:slow first');
  await waitFor(() => posted.some((message) => message.type === 'delta'));
  await session.submit('typed here');
  await session.replace(createConversation({ id: randomUUID(), now: Date.now() }));
  await running;
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(session.conversation.messages.length, 0, 'nothing was sent into the new conversation');
  assert.deepEqual(session.queued, []);
  assert.deepEqual(
    session.takeOrphans().map((item) => item.text),
    ['typed here'],
  );
  assert.deepEqual(session.takeOrphans(), []);
});

test('closing the window mid-answer sends no queued question; they wait for the draft', async () => {
  const { session, posted } = harness();
  const running = session.submit('scenario:slow first');
  await waitFor(() => posted.some((message) => message.type === 'delta'));
  await session.submit('typed before the reload');
  session.shutdown();
  await running;
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(session.conversation.messages.filter((message) => message.role === 'user').length, 1, 'nothing sent while closing');
  assert.deepEqual(
    session.takeOrphans().map((item) => item.text),
    ['typed before the reload'],
  );
});

test('code sent while an answer streams (Explain Selection) queues too, shown with its attachment count, and goes out with its code', async () => {
  const { session, posted } = harness();
  const running = session.submit('scenario:slow first');
  await waitFor(() => posted.some((message) => message.type === 'delta'));
  const context = { path: 'src/add.ts', languageId: 'typescript', startLine: 1, endLine: 1, code: 'export const add = (a: number, b: number) => a + b;\n' };
  assert.equal(await session.submit('Explain this code.', [context]), 'queued');
  assert.deepEqual(
    session.queued.map((item) => [item.text, item.contextCount]),
    [['Explain this code.', 1]],
  );
  session.stop();
  await running;
  await waitFor(() => session.conversation.messages.length === 4 && session.streamingMessageId === undefined);
  const question = session.conversation.messages[2];
  assert.equal(question?.role === 'user' && question.contexts?.[0]?.code, context.code);
  const sent = server.requests.filter((request) => request.method === 'POST').at(-1)?.body as { messages: { content: string }[] };
  assert.match(sent.messages.at(-1)?.content ?? '', /export const add/);
});

test("a question sent while a fork is being shown waits for the fork's answer, then goes out in the fork", async () => {
  let release!: () => void;
  const shown = new Promise<void>((resolve) => (release = resolve));
  const base = harness();
  await base.session.send('one');
  await base.session.send('two');
  const firstAnswer = base.session.conversation.messages[1];
  const { session } = harness({}, server.apiKey, base.session.conversation, () => shown);
  const retried = session.retry(firstAnswer?.id ?? '');
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(await session.submit('typed during the switch'), 'queued');
  assert.equal(await session.retry(firstAnswer?.id ?? ''), false, 'no second fork meanwhile');
  release();
  await retried;
  await waitFor(() => session.conversation.messages.length === 4 && session.streamingMessageId === undefined);
  assert.deepEqual(
    session.conversation.messages.map((message) => (message.role === 'user' ? message.text : message.status)),
    ['one', 'done', 'typed during the switch', 'done'],
  );
});

test('Continue with this model: the compared question and answer join the chat as a turn, and the next question carries them', async () => {
  const { session } = harness();
  const question = { id: 'q-compare', role: 'user' as const, text: 'Name a prime above 10.', createdAt: 1 };
  const answer = { id: 'a-compare', role: 'assistant' as const, text: 'Eleven.', model: 'gemini-2.5-pro', status: 'done' as const, createdAt: 2 };
  assert.equal(session.adoptExchange(question, answer), true);
  const [asked, answered] = session.conversation.messages;
  assert.equal(asked?.text, 'Name a prime above 10.');
  assert.equal(answered?.role === 'assistant' && answered.model, 'gemini-2.5-pro');
  assert.notEqual(asked?.id, 'q-compare', 'fresh ids: the compare run in the history keeps its own');
  assert.match(session.conversation.title, /Name a prime/);
  server.clearRequests();
  await session.send('And the next one?');
  const sent = JSON.stringify(server.requests.find((request) => request.method === 'POST')?.body);
  assert.ok(sent.includes('Name a prime above 10.') && sent.includes('Eleven.'), 'the adopted turn is in the next request');
});

test('Continue with this model is refused while an answer streams: the turns keep their order', async () => {
  const { session } = harness();
  const streaming = session.send('scenario:slow');
  await waitFor(() => session.streamingMessageId !== undefined);
  const adopted = session.adoptExchange(
    { id: 'q', role: 'user', text: 'Other question', createdAt: 1 },
    { id: 'a', role: 'assistant', text: 'Other answer', model: 'gpt-5-mini', status: 'done', createdAt: 2 },
  );
  assert.equal(adopted, false);
  session.stop();
  await streaming;
  assert.ok(!session.conversation.messages.some((message) => message.text === 'Other question'));
});
