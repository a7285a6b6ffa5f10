import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatChunkAdapter } from '../../src/core/streams/chatStreamAdapter';
import type { ChatStreamEvent } from '../../src/core/streams/events';
import {
  DEEPSEEK_REASONING_CONTENT,
  ERROR_AFTER_TEXT,
  ERROR_FIRST,
  GEMINI_NO_DONE,
  OPENAI_WITH_USAGE_CHUNK,
  REASONING_FIELD,
  SURROGATE_SPLIT,
} from '../support/fixtures/chatStreams';

function run(chunks: readonly unknown[]): ChatStreamEvent[] {
  const adapter = new ChatChunkAdapter({ model: 'asked-model' });
  const events = chunks.flatMap((chunk) => adapter.push(chunk));
  return [...events, ...adapter.end()];
}

function textOf(events: readonly ChatStreamEvent[], kind: 'text' | 'reasoning'): string {
  return events.map((event) => (event.kind === kind ? event.text : '')).join('');
}

function terminal(events: readonly ChatStreamEvent[]): ChatStreamEvent {
  const last = events[events.length - 1];
  assert.equal(events.filter((event) => event.kind === 'finish' || event.kind === 'error').length, 1, 'exactly one terminal event');
  return last;
}

describe('ChatChunkAdapter on recorded chunk shapes', () => {
  it('OpenAI stream with extra fields and a usage chunk with choices []', () => {
    const events = run(OPENAI_WITH_USAGE_CHUNK);
    assert.deepEqual(events[0], { kind: 'model', model: 'gpt-4.1-2025-04-14' });
    assert.equal(textOf(events, 'text'), 'Two plus two is **4**.');
    assert.deepEqual(events.slice(-2), [
      { kind: 'usage', usage: { promptTokens: 29, completionTokens: 9, totalTokens: 38, reasoningTokens: 0 } },
      { kind: 'finish', reason: 'stop' },
    ]);
    assert.equal(events.filter((event) => event.kind === 'model').length, 1, 'the served model is reported once');
  });

  it('reasoning_content comes out as reasoning, before the text, with reasoning tokens', () => {
    const events = run(DEEPSEEK_REASONING_CONTENT);
    assert.equal(textOf(events, 'reasoning'), 'The user asks 2+2. That is 4.');
    assert.equal(textOf(events, 'text'), '4');
    const firstText = events.findIndex((event) => event.kind === 'text');
    const lastReasoning = events.map((event) => event.kind).lastIndexOf('reasoning');
    assert.ok(lastReasoning < firstText);
    assert.deepEqual(
      events.find((event) => event.kind === 'usage'),
      { kind: 'usage', usage: { promptTokens: 12, completionTokens: 40, totalTokens: 52, reasoningTokens: 38 } },
    );
    assert.deepEqual(terminal(events), { kind: 'finish', reason: 'stop' });
  });

  it('delta.reasoning works too, and a chunk carrying both fields is not shown twice', () => {
    const events = run(REASONING_FIELD);
    assert.equal(textOf(events, 'reasoning'), 'Thinking hard.');
    assert.equal(textOf(events, 'text'), 'Done.');
    assert.deepEqual(terminal(events), { kind: 'finish', reason: 'length' });
  });

  it('no [DONE] and usage beside the finish reason: still a normal finish with usage', () => {
    const events = run(GEMINI_NO_DONE);
    assert.equal(textOf(events, 'text'), 'Hello there!');
    assert.deepEqual(events.slice(-2), [
      { kind: 'usage', usage: { promptTokens: 5, completionTokens: 3, totalTokens: 8 } },
      { kind: 'finish', reason: 'stop' },
    ]);
  });

  it('closing without any finish_reason is not a finish: with text it is incomplete, without it worth a retry', () => {
    const cut = OPENAI_WITH_USAGE_CHUNK.slice(0, 3);
    const events = run(cut);
    assert.equal(textOf(events, 'text'), 'Two plus two is **4**.');
    const end = terminal(events);
    assert.equal(end.kind === 'error' && end.error.kind, 'streamBroken');
    assert.match(end.kind === 'error' ? end.error.message : '', /incomplete.*text so far is kept/);
    const roleOnly = terminal(run(OPENAI_WITH_USAGE_CHUNK.slice(0, 1)));
    assert.equal(roleOnly.kind === 'error' && roleOnly.error.kind, 'server');
    // A usage chunk is not a finish either.
    const usageButNoFinish = terminal(run([...cut, OPENAI_WITH_USAGE_CHUNK[4]]));
    assert.equal(usageButNoFinish.kind === 'error' && usageButNoFinish.error.kind, 'streamBroken');
  });

  it('an error object after text ends the answer as streamBroken; text so far stays, later chunks are ignored', () => {
    const events = run(ERROR_AFTER_TEXT);
    assert.equal(textOf(events, 'text'), 'Let me explain');
    const last = terminal(events);
    assert.equal(last.kind, 'error');
    assert.equal(last.kind === 'error' && last.error.kind, 'streamBroken');
    assert.equal(last.kind === 'error' && last.error.requestId, '20250826100400123456abcdEFGH');
    assert.deepEqual(last.kind === 'error' && last.error.actions, ['retry']);
  });

  it('an error object before any text is classified by what it says', () => {
    const last = terminal(run(ERROR_FIRST));
    assert.equal(last.kind === 'error' && last.error.kind, 'quota');
  });

  it('an emoji split into UTF-16 halves across chunks joins back intact', () => {
    assert.equal(textOf(run(SURROGATE_SPLIT), 'text'), 'Launch 🚀 now');
  });

  it('a stream with no chunks at all is an error worth retrying, not an empty answer', () => {
    const last = terminal(run([]));
    assert.equal(last.kind === 'error' && last.error.kind, 'server');
  });

  it('ignores junk items instead of throwing', () => {
    const events = run([null, 42, 'data', { choices: 'nope' }, { choices: [{ delta: { content: 'ok' } }] }]);
    assert.equal(textOf(events, 'text'), 'ok');
  });

  it('tracks whether output was seen (decides streamBroken vs retry)', () => {
    const adapter = new ChatChunkAdapter();
    adapter.push(OPENAI_WITH_USAGE_CHUNK[0]);
    assert.equal(adapter.sawOutput, false, 'a role chunk with empty content is not output');
    adapter.push(OPENAI_WITH_USAGE_CHUNK[1]);
    assert.equal(adapter.sawOutput, true);
  });
});
