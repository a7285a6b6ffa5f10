// The whole turn as the host runs it: ChatSession with the real client (openai SDK) against the real mock
// CometAPI server. Only the webview (a message sink) and persistence callbacks are local.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { streamChat } from '../../src/core/chatClient';
import { ChatSession } from '../../src/core/chat/chatSession';
import { type ChatSettings, defaultChatSettings } from '../../src/core/chat/chatSettings';
import { createConversation } from '../../src/core/conversation/conversationOps';
import { renderUserMessage } from '../../src/core/selection/selectionPrompt';
import type { AssistantMessage, Conversation } from '../../src/shared/conversation';
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
}

function harness(overrides: Partial<ChatSettings> = {}, apiKey: string | null = server.apiKey): Harness {
  const posted: HostToWebview[] = [];
  const saved: Conversation[] = [];
  const streamingFlags: boolean[] = [];
  const session = new ChatSession(
    {
      post: (message) => posted.push(message),
      readSettings: () => ({ ...defaultChatSettings, baseUrl: server.url, model: 'gpt-4.1', maxRetries: 2, requestTimeoutSeconds: 5, ...overrides }),
      getApiKey: async () => apiKey ?? undefined,
      streamChat: (request, options, signal) => streamChat(request, { ...options, sleep: async () => undefined }, signal),
      onConversationChanged: () => undefined,
      onAnswerSettled: (conversation) => saved.push(conversation),
      onStreamingChanged: (streaming) => streamingFlags.push(streaming),
      renderUserMessage,
      log: () => undefined,
      newId: randomUUID,
      now: Date.now,
    },
    createConversation({ id: randomUUID(), now: Date.now() }),
  );
  return { session, posted, saved, streamingFlags };
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

test('the second turn carries the first exchange and the system prompt', async () => {
  const { session } = harness({ systemPrompt: 'Answer briefly.', model: 'claude-sonnet-4-20250514' });
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
  assert.match(notice?.type === 'notice' ? notice.text : '', /Rate limited.*attempt 1 of 2/);
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

test('editing an earlier question forks the conversation from there', async () => {
  const { session } = harness();
  await session.send('one');
  await session.send('two');
  const firstQuestion = session.conversation.messages[0];
  assert.ok(firstQuestion);
  await session.editAndResend(firstQuestion.id, 'one, edited');
  assert.equal(session.conversation.messages.length, 2);
  assert.equal(session.conversation.messages[0]?.text, 'one, edited');
  assert.match(lastAnswer(session.conversation).text, /You said: one, edited/);
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
