// How a stream ended decides what the person is told about the answer. Real openai SDK against the mock
// CometAPI, on both endpoints: a stream that just closes (no finish_reason, no [DONE], no response.completed)
// left the answer unfinished, and JSON that breaks off after text is a broken stream, not a wrong base URL.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { streamChat } from '../../src/core/client/chatClient';
import type { ChatRequest, ChatStreamEvent } from '../../src/core/streams/events';
import { startMockCometServer, type MockCometServer } from '../support/mockCometServer';

let server: MockCometServer;
before(async () => {
  server = await startMockCometServer();
});
after(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearRequests();
  server.setDefaultScenario('markdown');
});

const ENDPOINTS = [
  { name: 'chat completions', model: 'gpt-4.1' },
  { name: 'Responses API', model: 'o3-pro' },
] as const;

async function run(model: string, text: string): Promise<{ text: string; terminal: ChatStreamEvent; posts: number }> {
  const request: ChatRequest = { model, messages: [{ role: 'user', content: text }] };
  const events: ChatStreamEvent[] = [];
  const options = { baseUrl: server.url, apiKey: server.apiKey, timeoutMs: 5_000, maxRetries: 2, sleep: async () => {}, random: () => 0.5 };
  for await (const event of streamChat(request, options, new AbortController().signal)) {
    events.push(event);
  }
  const terminal = events.at(-1);
  assert.ok(terminal && (terminal.kind === 'finish' || terminal.kind === 'error'));
  const posts = server.requests.filter((recorded) => recorded.method === 'POST').length;
  return { text: events.map((event) => (event.kind === 'text' ? event.text : '')).join(''), terminal, posts };
}

function errorOf(terminal: ChatStreamEvent) {
  assert.equal(terminal.kind, 'error', `expected an error, got ${JSON.stringify(terminal)}`);
  return (terminal as Extract<ChatStreamEvent, { kind: 'error' }>).error;
}

for (const endpoint of ENDPOINTS) {
  describe(`stream endings (${endpoint.name})`, () => {
    it('a stream that closes after text without a finish is not a complete answer: text kept, marked cut off, Retry offered', async () => {
      const result = await run(endpoint.model, 'scenario:end-without-finish');
      assert.match(result.text, /^## Answer/);
      const error = errorOf(result.terminal);
      assert.equal(error.kind, 'streamBroken');
      assert.match(error.message, /incomplete/i);
      assert.match(error.message, /text so far is kept/);
      assert.deepEqual(error.actions, ['retry']);
      assert.equal(result.posts, 1, 'not retried behind the person’s back once text was shown');
    });

    it('JSON that breaks off after text is a broken stream, never "the base URL looks wrong"', async () => {
      const result = await run(endpoint.model, 'scenario:malformed-after-text');
      assert.match(result.text, /^## Answer/);
      assert.doesNotMatch(result.text, /and th/, 'nothing of the broken event is shown');
      const error = errorOf(result.terminal);
      assert.equal(error.kind, 'streamBroken');
      assert.match(error.message, /cut off/);
      assert.match(error.message, /text so far is kept/);
      assert.doesNotMatch(error.message, /base URL/i);
      assert.deepEqual(error.actions, ['retry']);
    });

    it('a normal answer still finishes normally', async () => {
      const result = await run(endpoint.model, 'hello');
      assert.deepEqual(result.terminal, { kind: 'finish', reason: 'stop' });
    });
  });
}

describe('stream endings (chat completions) that are complete', () => {
  it('a finish_reason without [DONE] is a complete answer (some providers never send [DONE])', async () => {
    const result = await run('gpt-4.1', 'scenario:no-done');
    assert.match(result.text, /That is all\.$/);
    assert.deepEqual(result.terminal, { kind: 'finish', reason: 'stop' });
  });
});
