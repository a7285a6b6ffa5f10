import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatChunkAdapter } from '../../src/core/streams/chatStreamAdapter';
import type { ChatStreamEvent } from '../../src/core/streams/events';
import { ResponsesEventAdapter } from '../../src/core/streams/responsesStreamAdapter';
import { DEEPSEEK_REASONING_CONTENT } from '../support/fixtures/chatStreams';
import { ERROR_EVENT_FIRST, FAILED_AFTER_TEXT, INCOMPLETE_AT_LIMIT, O3_PRO_COMPLETED } from '../support/fixtures/responsesStreams';

function run(items: readonly unknown[]): ChatStreamEvent[] {
  const adapter = new ResponsesEventAdapter({ model: 'o3-pro' });
  return [...items.flatMap((item) => adapter.push(item)), ...adapter.end()];
}

function textOf(events: readonly ChatStreamEvent[], kind: 'text' | 'reasoning'): string {
  return events.map((event) => (event.kind === kind ? event.text : '')).join('');
}

describe('ResponsesEventAdapter', () => {
  it('maps summary, text and response.completed usage to the same events the chat adapter yields', () => {
    const events = run(O3_PRO_COMPLETED);
    assert.deepEqual(events[0], { kind: 'model', model: 'o3-pro-2025-06-10' });
    assert.equal(textOf(events, 'reasoning'), '**Adding numbers** 2 and 2 make 4.');
    assert.equal(textOf(events, 'text'), 'The answer is 4.');
    assert.deepEqual(events.slice(-2), [
      { kind: 'usage', usage: { promptTokens: 14, completionTokens: 120, totalTokens: 134, reasoningTokens: 112 } },
      { kind: 'finish', reason: 'stop' },
    ]);
  });

  it('produces the same kinds in the same order as a chat stream with reasoning', () => {
    const chat = new ChatChunkAdapter();
    const chatKinds = [...DEEPSEEK_REASONING_CONTENT.flatMap((chunk) => chat.push(chunk)), ...chat.end()].map((event) => event.kind);
    const responseKinds = run(O3_PRO_COMPLETED).map((event) => event.kind);
    const collapse = (kinds: string[]): string[] => kinds.filter((kind, index) => kind !== kinds[index - 1]);
    assert.deepEqual(collapse(responseKinds), collapse(chatKinds));
  });

  it('an answer cut at max_output_tokens finishes with reason length (as chat completions would say)', () => {
    const events = run(INCOMPLETE_AT_LIMIT);
    assert.equal(textOf(events, 'text'), 'A long ans');
    assert.deepEqual(events[events.length - 1], { kind: 'finish', reason: 'length' });
  });

  it('response.failed after text -> streamBroken with the request id, text kept', () => {
    const events = run(FAILED_AFTER_TEXT);
    assert.equal(textOf(events, 'text'), 'Partial');
    const last = events[events.length - 1];
    assert.equal(last.kind === 'error' && last.error.kind, 'streamBroken');
    assert.equal(last.kind === 'error' && last.error.requestId, '20250826100700123456abcdEFGH');
  });

  it('an error event before text is classified by its words', () => {
    const last = run(ERROR_EVENT_FIRST).at(-1);
    assert.equal(last?.kind === 'error' && last.error.kind, 'rateLimit');
  });

  it('a stream that stops without response.completed is reported as cut off, not finished', () => {
    const events = run(O3_PRO_COMPLETED.slice(0, 10));
    const last = events[events.length - 1];
    assert.equal(last.kind === 'error' && last.error.kind, 'streamBroken');
    assert.equal(events.filter((event) => event.kind === 'finish').length, 0);
  });
});
