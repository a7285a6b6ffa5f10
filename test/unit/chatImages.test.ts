// Questions with images, the whole turn as the host runs it: ChatSession with the real client against the real
// mock CometAPI, images read from a real image store on disk. The mock reports what image bytes arrived, so
// each test checks the picture reached the model whole, in each endpoint's format, or that no request was made.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { ChatSession } from '../../src/core/chat/chatSession';
import { defaultChatSettings, type ChatSettings } from '../../src/core/chat/chatSettings';
import { streamChat } from '../../src/core/client/chatClient';
import { createConversation } from '../../src/core/conversation/conversationOps';
import { renderUserMessage } from '../../src/core/selection/selectionPrompt';
import { FileImageStore, sha256Of } from '../../src/core/storage/imageStore';
import type { AssistantMessage, Conversation, ImageRef } from '../../src/shared/conversation';
import type { HostToWebview } from '../../src/shared/protocol';
import { startMockCometServer, type MockCometServer } from '../support/mockCometServer';
import { makePng } from '../support/pngFixture';

let server: MockCometServer;
let root: string;
let store: FileImageStore;
before(async () => {
  server = await startMockCometServer();
  root = await mkdtemp(join(tmpdir(), 'cometapi-images-'));
  store = new FileImageStore(root);
});
after(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});
beforeEach(() => server.clearRequests());

function session(settings: Partial<ChatSettings>): { session: ChatSession; posted: HostToWebview[] } {
  const posted: HostToWebview[] = [];
  const chat = new ChatSession(
    {
      post: (message) => posted.push(message),
      readSettings: () => ({ ...defaultChatSettings, baseUrl: server.url, model: 'gpt-4o', maxRetries: 0, requestTimeoutSeconds: 5, ...settings }),
      getApiKey: async () => ({ ok: true, apiKey: server.apiKey }),
      streamChat: (request, options, signal) => streamChat(request, { ...options, sleep: async () => undefined, random: () => 0.5 }, signal),
      onConversationChanged: () => undefined,
      onAnswerSettled: () => undefined,
      onStreamingChanged: () => undefined,
      onForked: async () => undefined,
      renderUserMessage,
      images: store,
      log: () => undefined,
      newId: randomUUID,
      now: Date.now,
    },
    createConversation({ id: randomUUID(), now: Date.now() }),
  );
  return { session: chat, posted };
}

async function storedPng(width: number, height: number, seed: number): Promise<{ ref: ImageRef; bytes: Buffer }> {
  const bytes = makePng(width, height, seed);
  const sha256 = await store.put(bytes, 'image/png');
  return { bytes, ref: { sha256, mimeType: 'image/png', bytes: bytes.length, width, height, name: `shot-${seed}.png` } };
}

function lastAnswer(conversation: Conversation): AssistantMessage {
  const answer = conversation.messages.at(-1);
  assert.equal(answer?.role, 'assistant');
  return answer as AssistantMessage;
}

function posts(): number {
  return server.requests.filter((request) => request.method === 'POST').length;
}

const received = (bytes: Buffer, width: number, height: number): string =>
  `image/png ${bytes.length} bytes ${width}x${height} sha256 ${sha256Of(bytes).slice(0, 12)}`;

test('a question with a PNG reaches a vision model as an image_url data URL, and the model saw every byte', async () => {
  const { ref, bytes } = await storedPng(4, 3, 1);
  const { session: chat } = session({ model: 'gpt-4o' });
  await chat.send('What is in this screenshot?', [], [ref]);
  const answer = lastAnswer(chat.conversation);
  assert.equal(answer.status, 'done', answer.error?.message);
  assert.match(answer.text, new RegExp(`Images received: 1 \\(${received(bytes, 4, 3)}\\)`, 'u'));
  const body = server.requests.at(-1)?.body as { messages: { role: string; content: unknown }[] };
  const question = body.messages.at(-1);
  assert.deepEqual(question?.content, [
    { type: 'text', text: 'What is in this screenshot?' },
    { type: 'image_url', image_url: { url: `data:image/png;base64,${bytes.toString('base64')}`, detail: 'auto' } },
  ]);
  // The conversation names the image by hash; the picture itself is not in its JSON.
  const saved = JSON.stringify(chat.conversation);
  assert.ok(!saved.includes(bytes.toString('base64')), 'the image bytes are not in the conversation');
  assert.equal((chat.conversation.messages[0] as { images?: ImageRef[] }).images?.[0]?.sha256, sha256Of(bytes));
});

test('Retry and edit-and-resend send the same image again, from the store', async () => {
  const { ref, bytes } = await storedPng(2, 2, 2);
  const { session: chat } = session({ model: 'gpt-4o' });
  await chat.send('Describe it', [], [ref]);
  await chat.retry(lastAnswer(chat.conversation).id);
  assert.match(lastAnswer(chat.conversation).text, new RegExp(received(bytes, 2, 2), 'u'));
  const question = chat.conversation.messages[0];
  assert.ok(question);
  await chat.editAndResend(question.id, 'Describe it in one word');
  const answer = lastAnswer(chat.conversation);
  assert.match(answer.text, /You said: Describe it in one word/u);
  assert.match(answer.text, new RegExp(received(bytes, 2, 2), 'u'));
  assert.equal(posts(), 3);
});

test('a model that cannot see images gets no request: the answer says so and names vision models', async () => {
  const { ref } = await storedPng(2, 2, 3);
  const { session: chat } = session({ model: 'deepseek-v3.1' });
  await chat.send('What is this?', [], [ref]);
  const answer = lastAnswer(chat.conversation);
  assert.equal(answer.status, 'error');
  assert.equal(answer.error?.kind, 'badRequest');
  assert.match(
    answer.error?.message ?? '',
    /deepseek-v3\.1 cannot see images\. Switch to a vision model such as gpt-4o, claude-sonnet-4-5, gemini-2\.5-flash/u,
  );
  assert.deepEqual(answer.error?.actions, ['selectModel']);
  assert.equal(posts(), 0, 'no request was made');
});

test('the mock itself refuses images to a model that cannot see them, so the gate is what keeps that 400 away', async () => {
  const png = makePng(2, 2, 4).toString('base64');
  const response = await fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'deepseek-v3.1',
      stream: true,
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } }] }],
    }),
  });
  assert.equal(response.status, 400);
  assert.match(await response.text(), /does not support image input/u);
});

test('more images than the model takes are refused before any request', async () => {
  const refs = await Promise.all(Array.from({ length: 17 }, (_, i) => storedPng(1, 1, 100 + i).then((image) => image.ref)));
  const { session: chat } = session({ model: 'gpt-4o' });
  await chat.send('Compare these', [], refs);
  const answer = lastAnswer(chat.conversation);
  assert.equal(answer.status, 'error');
  assert.match(answer.error?.message ?? '', /gpt-4o accepts at most 16 images in a request; this one has 17/u);
  assert.equal(posts(), 0);
});

test('Claude on /v1/messages gets the image as a base64 source', async () => {
  const { ref, bytes } = await storedPng(3, 2, 5);
  const { session: chat } = session({ model: 'claude-sonnet-4-20250514' });
  await chat.send('And this one?', [], [ref]);
  const answer = lastAnswer(chat.conversation);
  assert.equal(answer.status, 'done', answer.error?.message);
  assert.equal(server.requests.at(-1)?.path, '/v1/messages');
  assert.match(answer.text, new RegExp(received(bytes, 3, 2), 'u'));
});

test('a Responses-only model gets the image as an input_image part', async () => {
  const { ref, bytes } = await storedPng(2, 5, 6);
  const { session: chat } = session({ model: 'o3-pro' });
  await chat.send('Read the chart', [], [ref]);
  const answer = lastAnswer(chat.conversation);
  assert.equal(answer.status, 'done', answer.error?.message);
  assert.equal(server.requests.at(-1)?.path, '/v1/responses');
  assert.match(answer.text, new RegExp(received(bytes, 2, 5), 'u'));
});

test('an image gone from the store, or changed on disk, is a clear error and no request', async () => {
  const { ref } = await storedPng(2, 2, 7);
  const path = join(store.folder, `${ref.sha256}.png`);
  await writeFile(path, makePng(2, 2, 8));
  const { session: chat } = session({ model: 'gpt-4o' });
  await chat.send('Still there?', [], [ref]);
  assert.match(lastAnswer(chat.conversation).error?.message ?? '', /changed on disk and is not sent/u);
  await rm(path);
  await chat.retry(lastAnswer(chat.conversation).id);
  assert.match(lastAnswer(chat.conversation).error?.message ?? '', /could not be read/u);
  assert.equal(posts(), 0);
});

test('the same picture attached twice is stored once, under its hash', async () => {
  const bytes = makePng(5, 5, 9);
  const first = await store.put(bytes, 'image/png');
  const second = await store.put(Buffer.from(bytes), 'image/png');
  assert.equal(first, second);
  assert.equal(first, sha256Of(bytes));
  const files = (await readdir(store.folder)).filter((name) => name.startsWith(first));
  assert.deepEqual(files, [`${first}.png`]);
  assert.equal(await store.readBase64({ sha256: first, mimeType: 'image/png' }), bytes.toString('base64'));
});
