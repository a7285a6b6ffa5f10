// streamChat with the real openai SDK against the real mock CometAPI server (no mocked fetch).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { streamChat, type StreamChatOptions } from '../../src/core/client/chatClient';
import type { ChatRequest, ChatStreamEvent } from '../../src/core/streams/events';
import { MULTIBYTE_TEXT } from '../support/mockCometReplies';
import { startMockCometServer, type MockCometServer, type RecordedRequest } from '../support/mockCometServer';

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

function ask(text: string, model = 'gpt-4.1', extra: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: text },
    ],
    ...extra,
  };
}

interface Run {
  readonly events: ChatStreamEvent[];
  readonly text: string;
  readonly reasoning: string;
  readonly terminal: ChatStreamEvent;
  readonly delays: number[];
}

/** Runs streamChat to the end, recording sleeps instead of waiting, and checks the one-terminal-event rule. */
async function run(
  request: ChatRequest,
  overrides: Partial<StreamChatOptions> = {},
  signal = new AbortController().signal,
  onEvent?: (event: ChatStreamEvent) => void,
): Promise<Run> {
  const delays: number[] = [];
  const options: StreamChatOptions = {
    baseUrl: server.url,
    apiKey: server.apiKey,
    timeoutMs: 5_000,
    maxRetries: 3,
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  };
  const events: ChatStreamEvent[] = [];
  for await (const event of streamChat(request, options, signal)) {
    events.push(event);
    onEvent?.(event);
  }
  const terminals = events.filter((event) => event.kind === 'finish' || event.kind === 'error');
  assert.equal(terminals.length, 1, `exactly one terminal event, got ${JSON.stringify(terminals)}`);
  assert.equal(events.at(-1), terminals[0], 'the terminal event is the last one');
  const join = (kind: 'text' | 'reasoning'): string => events.map((event) => (event.kind === kind ? event.text : '')).join('');
  return { events, text: join('text'), reasoning: join('reasoning'), terminal: terminals[0], delays };
}

function errorOf(result: Run): NonNullable<Extract<ChatStreamEvent, { kind: 'error' }>['error']> {
  assert.equal(result.terminal.kind, 'error', `expected an error, got ${JSON.stringify(result.terminal)}`);
  return (result.terminal as Extract<ChatStreamEvent, { kind: 'error' }>).error;
}

function posts(): RecordedRequest[] {
  return server.requests.filter((recorded) => recorded.method === 'POST');
}

describe('streamChat: normal answers', () => {
  it('streams the whole markdown answer with the served model, usage and a stop finish', async () => {
    const result = await run(ask('Explain addition'));
    assert.match(result.text, /^## Answer from the mock/);
    assert.match(result.text, /Turn 1\n\nYou said: Explain addition/);
    assert.match(result.text, /```ts\nfunction add/);
    assert.deepEqual(result.events[0], { kind: 'model', model: 'gpt-4.1-2025-04-14' });
    const usage = result.events.find((event) => event.kind === 'usage');
    assert.ok(usage && usage.kind === 'usage' && usage.usage.completionTokens > 0 && usage.usage.totalTokens > usage.usage.completionTokens);
    assert.deepEqual(result.terminal, { kind: 'finish', reason: 'stop' });
    const [sent] = posts();
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.authorized, true);
    assert.equal(sent.body?.stream, true);
    assert.deepEqual(sent.body?.stream_options, { include_usage: true });
  });

  it('reasoning_content and delta.reasoning both arrive as reasoning before the text, with reasoning tokens', async () => {
    for (const scenario of ['reasoning', 'reasoning-alt'] as const) {
      const result = await run(ask(`think scenario:${scenario}`, 'deepseek-reasoner'));
      assert.match(result.reasoning, /^The person wants a short answer/, scenario);
      assert.match(result.text, /## Answer from the mock/, scenario);
      const kinds = result.events.map((event) => event.kind);
      assert.ok(kinds.lastIndexOf('reasoning') < kinds.indexOf('text'), scenario);
      assert.deepEqual(result.terminal, { kind: 'finish', reason: 'stop' });
    }
    const usage = (await run(ask('scenario:reasoning', 'deepseek-reasoner'))).events.find((event) => event.kind === 'usage');
    assert.ok(usage?.kind === 'usage' && (usage.usage.reasoningTokens ?? 0) > 0);
  });

  it('a stream that ends after the finish chunk without [DONE] finishes normally and completely', async () => {
    const result = await run(ask('scenario:no-done'));
    assert.match(result.text, /That is all\.$/);
    assert.deepEqual(result.terminal, { kind: 'finish', reason: 'stop' });
  });

  it('multi-byte characters split across TCP writes arrive intact', async () => {
    const result = await run(ask('scenario:multibyte'));
    assert.equal(result.text, MULTIBYTE_TEXT);
    assert.equal(result.text.includes('\uFFFD'), false);
  });

  it('o3-pro goes to /v1/responses and yields the same kinds of events', async () => {
    const result = await run(ask('Prove it', 'o3-pro', { maxOutputTokens: 800, reasoningEffort: 'high' }));
    const [sent] = posts();
    assert.equal(sent.path, '/v1/responses');
    assert.equal(sent.body?.instructions, 'Be brief.');
    assert.equal(sent.body?.max_output_tokens, 800);
    assert.deepEqual(sent.body?.reasoning, { effort: 'high' });
    assert.equal(result.events[0].kind, 'model');
    assert.equal(result.events[0].kind === 'model' && result.events[0].model, 'o3-pro-2025-06-10');
    assert.match(result.reasoning, /^The person wants a short answer/);
    assert.match(result.text, /You said: Prove it/);
    const usage = result.events.find((event) => event.kind === 'usage');
    assert.ok(usage?.kind === 'usage' && (usage.usage.reasoningTokens ?? 0) > 0);
    assert.deepEqual(result.terminal, { kind: 'finish', reason: 'stop' });
  });
});

describe('streamChat: what is sent per model family', () => {
  const knobs = { temperature: 1.5, maxOutputTokens: 256, reasoningEffort: 'low' } as const;
  const cases = [
    { model: 'gpt-5-mini', tokenField: 'max_completion_tokens', role: 'developer', temperature: undefined, effort: 'low' },
    { model: 'o4-mini', tokenField: 'max_completion_tokens', role: 'developer', temperature: undefined, effort: 'low' },
    { model: 'gpt-4.1', tokenField: 'max_completion_tokens', role: 'developer', temperature: 1.5, effort: undefined },
    { model: 'claude-sonnet-4-20250514', tokenField: 'max_tokens', role: 'system', temperature: 1, effort: undefined },
    { model: 'gemini-2.5-pro', tokenField: 'max_tokens', role: 'system', temperature: 1.5, effort: undefined },
    { model: 'deepseek-v3.1', tokenField: 'max_tokens', role: 'system', temperature: 1.5, effort: undefined },
  ] as const;
  for (const expected of cases) {
    it(`${expected.model}: ${expected.tokenField}, ${expected.role} role, temperature ${expected.temperature ?? 'omitted'}, effort ${expected.effort ?? 'omitted'}`, async () => {
      // Claude on chat completions here; its own endpoint is covered in messagesClaude.test.ts.
      const result = await run(ask('hi', expected.model, knobs), { claudeEndpoint: 'chat' });
      assert.equal(result.terminal.kind, 'finish');
      const body = posts()[0].body ?? {};
      assert.equal(body[expected.tokenField], 256);
      assert.equal(('max_tokens' in body ? 1 : 0) + ('max_completion_tokens' in body ? 1 : 0), 1, 'exactly one token limit field');
      assert.equal((body.messages as { role: string }[])[0].role, expected.role);
      assert.equal(body.temperature, expected.temperature);
      assert.equal(body.reasoning_effort, expected.effort);
      assert.equal('n' in body, false);
    });
  }
});

describe('streamChat: retries', () => {
  it('429 then success: one retry event honouring Retry-After: 1, then the answer', async () => {
    server.enqueue('status-429', 'markdown');
    const result = await run(ask('hi'));
    const retries = result.events.filter((event) => event.kind === 'retry');
    assert.equal(retries.length, 1);
    assert.ok(retries[0].kind === 'retry');
    assert.equal(retries[0].attempt, 1);
    assert.equal(retries[0].delayMs, 1_000);
    assert.equal(retries[0].error.kind, 'rateLimit');
    assert.deepEqual(result.delays, [1_000]);
    assert.match(result.text, /Turn 1/);
    assert.equal(result.terminal.kind, 'finish');
    assert.equal(posts().length, 2);
  });

  it('500 then success: backoff of 1 s plus jitter', async () => {
    server.enqueue('status-500', 'markdown');
    const result = await run(ask('hi'));
    assert.deepEqual(result.delays, [1_500]);
    assert.equal(result.terminal.kind, 'finish');
  });

  it('gives up after maxRetries with the last error, request id included', async () => {
    server.enqueue('status-502', 'status-502', 'status-502');
    const result = await run(ask('hi'), { maxRetries: 2 });
    assert.deepEqual(result.delays, [1_500, 2_500]);
    const error = errorOf(result);
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 502);
    assert.match(error.requestId ?? '', /^\d{17}/);
    assert.match(error.message, /Gave up after retrying twice\.$/);
    assert.equal(posts().length, 3);
  });

  it('numbers retries 1..maxRetries: with maxRetries 3 there are 4 requests and 3 retry events', async () => {
    server.enqueue('status-500', 'status-500', 'status-500', 'markdown');
    const result = await run(ask('hi'), { maxRetries: 3 });
    assert.deepEqual(
      result.events.filter((event) => event.kind === 'retry').map((event) => event.kind === 'retry' && event.attempt),
      [1, 2, 3],
    );
    assert.equal(posts().length, 4);
    assert.equal(result.terminal.kind, 'finish');
  });

  it('stops retrying before the waits of one answer pass 90 s, and the final error says so', async () => {
    // Exactly the seven requests made, so nothing is left queued for the next test.
    server.enqueue(...Array.from({ length: 7 }, () => 'status-500' as const));
    const result = await run(ask('hi'), { maxRetries: 8 });
    // Backoff 1.5, 2.5, 4.5, 8.5, 16.5, 30.5 s = 64 s; a seventh wait of 30.5 s would reach 94.5 s.
    assert.deepEqual(result.delays, [1_500, 2_500, 4_500, 8_500, 16_500, 30_500]);
    assert.ok(result.delays.reduce((sum, ms) => sum + ms, 0) <= 90_000);
    assert.equal(posts().length, 7);
    const error = errorOf(result);
    assert.equal(error.kind, 'server');
    assert.match(error.message, /Retried 6 times, then stopped: another wait would pass the 90 s limit/);
  });

  it('401: no retry, exactly one request, Set API key', async () => {
    const result = await run(ask('hi'), { apiKey: 'sk-not-the-right-key-1234' });
    const error = errorOf(result);
    assert.equal(error.kind, 'auth');
    assert.deepEqual(error.actions, ['setApiKey']);
    assert.doesNotMatch(error.message, /sk-not-the-right-key/);
    assert.equal(server.requests.length, 1);
    assert.equal(
      result.events.some((event) => event.kind === 'retry'),
      false,
    );
  });

  it('503 model_not_found: no retry, Pick a model', async () => {
    server.enqueue('status-503-model-not-found', 'markdown');
    const result = await run(ask('hi', 'gpt-9-imaginary'));
    const error = errorOf(result);
    assert.equal(error.kind, 'modelNotFound');
    assert.match(error.message, /"gpt-9-imaginary"/);
    assert.deepEqual(error.actions, ['selectModel']);
    assert.equal(posts().length, 1);
    server.setDefaultScenario('markdown');
    server.clearRequests();
    await run(ask('drain the queue'));
  });

  it('400 and 403 quota are not retried either', async () => {
    for (const [scenario, kind] of [
      ['status-400', 'badRequest'],
      ['status-403-quota', 'quota'],
    ] as const) {
      server.clearRequests();
      const result = await run(ask(`scenario:${scenario}`));
      assert.equal(errorOf(result).kind, kind);
      assert.equal(posts().length, 1, scenario);
    }
  });
});

describe('streamChat: broken streams', () => {
  it('connection dropped mid-stream: the text so far is yielded, then streamBroken', async () => {
    const result = await run(ask('scenario:drop'));
    assert.match(result.text, /^## Answer/);
    assert.ok(result.text.length < 60);
    assert.equal(errorOf(result).kind, 'streamBroken');
    assert.equal(posts().length, 1, 'no retry once text was shown');
  });

  it('an error chunk after a 200: text kept, streamBroken with the request id', async () => {
    const result = await run(ask('scenario:error-in-stream'));
    assert.ok(result.text.length > 0);
    const error = errorOf(result);
    assert.equal(error.kind, 'streamBroken');
    assert.match(error.message, /stream interrupted by provider/);
    assert.match(error.requestId ?? '', /^\d{17}/);
  });

  it('an HTML page where the API should be: the base URL looks wrong, never "Unexpected token"', async () => {
    const result = await run(ask('scenario:html'));
    const error = errorOf(result);
    assert.equal(error.kind, 'badBaseUrl');
    assert.equal(error.message, `The base URL looks wrong: ${server.url} answered with a web page, not the API.`);
    assert.deepEqual(error.actions, ['openSettings']);
    assert.equal(posts().length, 1);
  });

  it('a stream that goes silent ends with a timeout after timeoutMs, text kept', { timeout: 10_000 }, async () => {
    const started = Date.now();
    const result = await run(ask('scenario:stall'), { timeoutMs: 300 });
    const elapsed = Date.now() - started;
    assert.ok(result.text.length > 0);
    const error = errorOf(result);
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /stalled/);
    assert.ok(elapsed >= 300 && elapsed < 2_000, `took ${elapsed} ms`);
  });

  it('no headers within timeoutMs: timeout, and it is retried', { timeout: 10_000 }, async () => {
    server.enqueue('slow-headers', 'markdown');
    const timedOut = await run(ask('hi'), { timeoutMs: 300, maxRetries: 1 });
    const retry = timedOut.events.find((event) => event.kind === 'retry');
    assert.equal(retry?.kind === 'retry' && retry.error.kind, 'timeout');
    assert.equal(timedOut.terminal.kind, 'finish');
    const started = Date.now();
    const gaveUp = await run(ask('scenario:slow-headers'), { timeoutMs: 300, maxRetries: 0 });
    assert.equal(errorOf(gaveUp).kind, 'timeout');
    assert.match(errorOf(gaveUp).message, /did not start answering/);
    assert.ok(Date.now() - started < 2_000);
  });
});

describe('streamChat: Stop', () => {
  it('Stop mid-stream on a slow answer: partial text kept, cancelled, and quickly', { timeout: 10_000 }, async () => {
    const controller = new AbortController();
    let stoppedAt = 0;
    let texts = 0;
    const result = await run(ask('scenario:slow'), {}, controller.signal, (event) => {
      if (event.kind === 'text' && ++texts === 5) {
        stoppedAt = Date.now();
        controller.abort();
      }
    });
    const stopDuration = Date.now() - stoppedAt;
    assert.ok(result.text.length > 0);
    assert.ok(!result.text.includes('Paragraph 14'), 'the answer did not run to its end');
    assert.deepEqual(result.terminal, { kind: 'error', error: { kind: 'cancelled', message: 'Stopped.', actions: [] } });
    assert.ok(stopDuration < 300, `stopping took ${stopDuration} ms`);
  });

  it('Stop while waiting to retry ends at once with cancelled, without another request', { timeout: 10_000 }, async () => {
    server.enqueue('status-500', 'markdown');
    const controller = new AbortController();
    const started = Date.now();
    const result = await run(ask('hi'), { sleep: undefined }, controller.signal, (event) => {
      if (event.kind === 'retry') {
        controller.abort();
      }
    });
    assert.equal(errorOf(result).kind, 'cancelled');
    assert.ok(Date.now() - started < 900, 'did not wait out the 1.5 s backoff');
    assert.equal(posts().length, 1);
    await run(ask('drain the queue'));
  });

  it('already stopped before sending: cancelled, nothing sent', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await run(ask('hi'), {}, controller.signal);
    assert.equal(errorOf(result).kind, 'cancelled');
    assert.equal(server.requests.length, 0);
  });
});

describe('streamChat: settings problems', () => {
  it('no key: auth error without touching the network (no fallback to OPENAI_API_KEY)', async () => {
    const result = await run(ask('hi'), { apiKey: '  ' });
    assert.equal(errorOf(result).kind, 'auth');
    assert.equal(server.requests.length, 0);
  });

  it('a base URL without http(s): badBaseUrl with the reason', async () => {
    const result = await run(ask('hi'), { baseUrl: 'api.cometapi.com/v1' });
    const error = errorOf(result);
    assert.equal(error.kind, 'badBaseUrl');
    assert.match(error.message, /must start with https:\/\//);
  });
});
