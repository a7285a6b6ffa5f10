// The Anthropic Messages stream adapter on recorded-style event sequences, and the SSE reader under it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatStreamEvent } from '../../src/core/streams/events';
import { isRetryable } from '../../src/core/errors/errors';
import { MessagesEventAdapter } from '../../src/core/streams/messagesStreamAdapter';
import { readSseEvents } from '../../src/core/client/sseReader';
import { usageFrom } from '../../src/core/streams/streamAdapterBase';

/** Shaped like a real Claude stream with thinking, from message_start to message_stop. */
const THINKING_STREAM: unknown[] = [
  {
    type: 'message_start',
    message: {
      id: 'msg_01',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-20250514',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 2048, output_tokens: 1 },
    },
  },
  { type: 'ping' },
  { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me check ' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'the numbers.' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAh' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'The answer ' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'is 42.' } },
  { type: 'content_block_stop', index: 1 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 30 } },
  { type: 'message_stop' },
];

function feed(items: unknown[], endStream = true): ChatStreamEvent[] {
  const adapter = new MessagesEventAdapter({ model: 'claude-sonnet-4-20250514' });
  const events = items.flatMap((item) => adapter.push(item));
  return endStream ? [...events, ...adapter.end()] : events;
}

function errorOf(events: ChatStreamEvent[]): Extract<ChatStreamEvent, { kind: 'error' }>['error'] {
  const last = events.at(-1);
  assert.ok(last?.kind === 'error', `expected an error, got ${JSON.stringify(last)}`);
  return last.error;
}

describe('MessagesEventAdapter', () => {
  it('thinking goes to reasoning, text to text, then usage with the cache reads, then finish', () => {
    const events = feed(THINKING_STREAM);
    assert.deepEqual(events, [
      { kind: 'model', model: 'claude-sonnet-4-20250514' },
      { kind: 'reasoning', text: 'Let me check ' },
      { kind: 'reasoning', text: 'the numbers.' },
      { kind: 'text', text: 'The answer ' },
      { kind: 'text', text: 'is 42.' },
      // input_tokens leaves out the cache: the prompt is 12 + 2048.
      { kind: 'usage', usage: { promptTokens: 2060, completionTokens: 30, totalTokens: 2090, cacheReadTokens: 2048 } },
      { kind: 'finish', reason: 'stop' },
    ]);
  });

  it('a cache write is counted in the prompt and reported apart', () => {
    const start = {
      type: 'message_start',
      message: {
        model: 'claude-sonnet-4-20250514',
        usage: { input_tokens: 5, cache_creation_input_tokens: 1500, cache_read_input_tokens: 0, output_tokens: 1 },
      },
    };
    const usage = feed([start, { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 7 } }, { type: 'message_stop' }]).find(
      (event) => event.kind === 'usage',
    );
    assert.deepEqual(usage, { kind: 'usage', usage: { promptTokens: 1505, completionTokens: 7, totalTokens: 1512, cacheWriteTokens: 1500 } });
  });

  it('stop_reason max_tokens is told as "length" (the answer was cut by the limit)', () => {
    const events = feed([
      THINKING_STREAM[0],
      THINKING_STREAM[8],
      { type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 9 } },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(events.at(-1), { kind: 'finish', reason: 'length' });
  });

  it('a stream that ends without message_stop is incomplete, even after message_delta', () => {
    const events = feed(THINKING_STREAM.slice(0, -1));
    assert.equal(errorOf(events).kind, 'streamBroken');
    assert.match(errorOf(events).message, /incomplete/);
  });

  it('an overloaded_error event before any text is a passing server failure (retried)', () => {
    const error = errorOf(feed([THINKING_STREAM[0], { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }]));
    assert.equal(error.kind, 'server');
    assert.ok(isRetryable(error));
  });

  it('an error event after text breaks the answer and keeps the text', () => {
    const error = errorOf(feed([...THINKING_STREAM.slice(0, 9), { type: 'error', error: { type: 'api_error', message: 'Internal server error' } }]));
    assert.equal(error.kind, 'streamBroken');
  });

  it('an invalid_request_error event is our request: not retried', () => {
    const adapter = new MessagesEventAdapter({ endpoint: 'messages' });
    const events = [
      THINKING_STREAM[0],
      { type: 'error', error: { type: 'invalid_request_error', message: 'messages: text content blocks must be non-empty' } },
    ].flatMap((item) => adapter.push(item));
    const error = errorOf(events);
    assert.equal(error.kind, 'badRequest');
    assert.equal(isRetryable(error), false);
    assert.match(error.message, /text content blocks must be non-empty/);
  });

  it('ignores everything after the terminal event', () => {
    const adapter = new MessagesEventAdapter();
    adapter.push({ type: 'message_stop' });
    assert.deepEqual(adapter.push({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'late' } }), []);
    assert.deepEqual(adapter.end(), []);
  });
});

function bodyOf(...pieces: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) {
        controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
      }
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of readSseEvents(stream)) {
    events.push(event);
  }
  return events;
}

describe('usage on the other endpoints', () => {
  it('OpenAI-style cached prompt tokens are reported as read from cache', () => {
    assert.deepEqual(usageFrom({ prompt_tokens: 2000, completion_tokens: 10, total_tokens: 2010, prompt_tokens_details: { cached_tokens: 1536 } }), {
      promptTokens: 2000,
      completionTokens: 10,
      totalTokens: 2010,
      cacheReadTokens: 1536,
    });
    assert.equal(usageFrom({ prompt_tokens: 20, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 0 } })?.cacheReadTokens, undefined);
  });
});

describe('readSseEvents', () => {
  it('reads typed events split anywhere, a character cut between two reads included, and skips comments', async () => {
    const bytes = new TextEncoder().encode(
      'event: content_block_delta\r\ndata: {"text":"Köln 🚀"}\r\n\r\n: keep-alive\n\nevent: ping\ndata: {"type":"ping"}\n\n',
    );
    const cut = bytes.indexOf(0xf0) + 2;
    const events = await collect(bodyOf(bytes.subarray(0, 7), bytes.subarray(7, cut), bytes.subarray(cut)));
    assert.deepEqual(events, [
      { event: 'content_block_delta', data: { text: 'Köln 🚀' } },
      { event: 'ping', data: { type: 'ping' } },
    ]);
  });

  it('a payload that is not JSON throws a SyntaxError (judged like the SDK judges one)', async () => {
    await assert.rejects(collect(bodyOf('data: {"type":"content_block_delta","delta":{"text":" and th\n\n')), SyntaxError);
  });
});
