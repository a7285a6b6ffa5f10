// streamChat for Claude over POST /v1/messages against the real mock CometAPI server (no mocked fetch).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { streamChat, type StreamChatOptions } from '../../src/core/client/chatClient';
import type { ChatRequest, ChatStreamEvent } from '../../src/core/streams/events';
import { REASONING_TEXT } from '../support/mockCometReplies';
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
});

const CLAUDE = 'claude-sonnet-4-20250514';
/** Long enough for the provider to cache (over 1024 tokens). */
const LONG_SYSTEM = `You review TypeScript code. ${'Prefer small functions with clear names and explain every risk you see. '.repeat(70)}`;

interface Run {
  readonly events: ChatStreamEvent[];
  readonly text: string;
  readonly reasoning: string;
  readonly terminal: ChatStreamEvent;
}

async function run(request: ChatRequest, overrides: Partial<StreamChatOptions> = {}, signal = new AbortController().signal): Promise<Run> {
  const options: StreamChatOptions = {
    baseUrl: server.url,
    apiKey: server.apiKey,
    timeoutMs: 5_000,
    maxRetries: 2,
    sleep: async () => undefined,
    random: () => 0.5,
    ...overrides,
  };
  const events: ChatStreamEvent[] = [];
  for await (const event of streamChat(request, options, signal)) {
    events.push(event);
  }
  const terminals = events.filter((event) => event.kind === 'finish' || event.kind === 'error');
  assert.equal(terminals.length, 1);
  const join = (kind: 'text' | 'reasoning'): string => events.map((event) => (event.kind === kind ? event.text : '')).join('');
  return { events, text: join('text'), reasoning: join('reasoning'), terminal: terminals[0] };
}

function ask(text: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: CLAUDE,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: text },
    ],
    ...extra,
  };
}

function posts(): typeof server.requests {
  return server.requests.filter((request) => request.method === 'POST');
}

function usageOf(result: Run): Extract<ChatStreamEvent, { kind: 'usage' }>['usage'] | undefined {
  const usage = result.events.find((event) => event.kind === 'usage');
  return usage?.kind === 'usage' ? usage.usage : undefined;
}

function errorOf(result: Run): Extract<ChatStreamEvent, { kind: 'error' }>['error'] {
  assert.equal(result.terminal.kind, 'error', JSON.stringify(result.terminal));
  assert.ok(result.terminal.kind === 'error');
  return result.terminal.error;
}

describe('Claude over /v1/messages', () => {
  it('streams the answer from /v1/messages with Bearer auth and anthropic-version, system at the top level', async () => {
    const result = await run(ask('Hello Claude'));
    assert.deepEqual(result.terminal, { kind: 'finish', reason: 'stop' });
    assert.match(result.text, /You said: Hello Claude/);
    const [post] = posts();
    assert.equal(post.path, '/v1/messages');
    assert.equal(post.authorized, true);
    assert.equal(post.headers['anthropic-version'], '2023-06-01');
    assert.deepEqual(post.body?.system, [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }]);
    assert.equal(typeof post.body?.max_tokens, 'number');
    assert.ok(result.events.some((event) => event.kind === 'model' && event.model === CLAUDE));
  });

  it('a follow-up with the same long prefix reads it from cache', async () => {
    const first = await run({
      model: CLAUDE,
      messages: [
        { role: 'system', content: LONG_SYSTEM },
        { role: 'user', content: 'Review my code' },
      ],
    });
    assert.equal(usageOf(first)?.cacheReadTokens, undefined, 'nothing cached yet');
    assert.ok((usageOf(first)?.cacheWriteTokens ?? 0) > 1000, 'the first turn writes the prefix');
    const second = await run({
      model: CLAUDE,
      messages: [
        { role: 'system', content: LONG_SYSTEM },
        { role: 'user', content: 'Review my code' },
        { role: 'assistant', content: first.text },
        { role: 'user', content: 'And the tests?' },
      ],
    });
    const usage = usageOf(second);
    assert.ok((usage?.cacheReadTokens ?? 0) > 1000, `read from cache: ${JSON.stringify(usage)}`);
    assert.ok((usage?.promptTokens ?? 0) > (usage?.cacheReadTokens ?? 0), 'the prompt counts the cached part and the new part');
  });

  it('a -thinking model streams its thinking as reasoning before the text', async () => {
    const result = await run({ model: `${CLAUDE}-thinking`, messages: [{ role: 'user', content: 'Think first' }] });
    assert.equal(result.terminal.kind, 'finish');
    assert.equal(result.reasoning, REASONING_TEXT);
    const firstReasoning = result.events.findIndex((event) => event.kind === 'reasoning');
    const firstText = result.events.findIndex((event) => event.kind === 'text');
    assert.ok(firstReasoning >= 0 && firstReasoning < firstText);
    const body = posts()[0].body ?? {};
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 8192 });
  });

  it('529 overloaded is retried before the first token, then the answer comes', async () => {
    server.enqueue('status-529-overloaded', 'markdown');
    const result = await run(ask('hi'));
    assert.equal(result.events.filter((event) => event.kind === 'retry').length, 1);
    assert.equal(result.terminal.kind, 'finish');
  });

  it('an overloaded_error event before any text is retried too', async () => {
    server.enqueue('overloaded-in-stream', 'markdown');
    const result = await run(ask('hi'));
    assert.equal(result.events.filter((event) => event.kind === 'retry').length, 1);
    assert.equal(result.terminal.kind, 'finish');
  });

  it('400 invalid_request_error is not retried and says what the server said', async () => {
    server.enqueue('status-400');
    const error = errorOf(await run(ask('hi')));
    assert.equal(error.kind, 'badRequest');
    assert.equal(posts().length, 1);
    assert.match(error.message, /model name is required/);
  });

  it('a 404 page for /v1/messages offers to switch cometapi.claudeEndpoint to "chat"', async () => {
    server.enqueue('page-404');
    const error = errorOf(await run(ask('hi')));
    assert.match(error.message, /does not serve the Anthropic endpoint/);
    assert.match(error.message, /cometapi\.claudeEndpoint/);
    assert.deepEqual(error.actions, ['useChatEndpoint', 'openSettings']);
    assert.equal(posts().length, 1, 'not retried');
  });

  it('with claudeEndpoint "chat" the same model goes to chat completions', async () => {
    const result = await run(ask('hi'), { claudeEndpoint: 'chat' });
    assert.equal(result.terminal.kind, 'finish');
    assert.equal(posts()[0].path, '/v1/chat/completions');
  });

  it('a stream cut after text keeps the text and is marked incomplete, never retried', async () => {
    server.enqueue('end-without-finish');
    const result = await run(ask('hi'));
    assert.equal(errorOf(result).kind, 'streamBroken');
    assert.ok(result.text.length > 0);
    assert.equal(posts().length, 1);
  });

  it('a malformed event after text breaks the answer (not "the base URL looks wrong")', async () => {
    server.enqueue('malformed-after-text');
    assert.equal(errorOf(await run(ask('hi'))).kind, 'streamBroken');
  });

  it('a stream that goes silent ends with the idle timeout', async () => {
    server.enqueue('stall');
    const result = await run(ask('hi'), { timeoutMs: 300 });
    const error = errorOf(result);
    assert.equal(error.kind, 'timeout');
    assert.ok(result.text.length > 0, 'the text so far is kept');
    assert.match(error.message, /stalled|nothing arrived/);
  });

  it('Stop ends the stream as cancelled and closes the connection', async () => {
    server.enqueue('slow');
    const controller = new AbortController();
    const events: ChatStreamEvent[] = [];
    const options: StreamChatOptions = { baseUrl: server.url, apiKey: server.apiKey, timeoutMs: 5_000, maxRetries: 0 };
    for await (const event of streamChat(ask('hi'), options, controller.signal)) {
      events.push(event);
      if (event.kind === 'text') {
        controller.abort();
      }
    }
    const last = events.at(-1);
    assert.ok(last?.kind === 'error' && last.error.kind === 'cancelled', JSON.stringify(last));
  });

  it('a wrong key gets the 401 of the origin, with the key masked', async () => {
    const error = errorOf(await run(ask('hi'), { apiKey: 'sk-wrong-key-123456789' }));
    assert.equal(error.kind, 'auth');
    assert.doesNotMatch(JSON.stringify(error), /sk-wrong-key-123456789/);
  });
});
