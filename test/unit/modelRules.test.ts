import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatRequest } from '../../src/core/streams/events';
import { buildChatCompletionBody, buildResponsesBody, rulesForModel } from '../../src/core/requests/modelRules';

/** A request with every optional knob set, so each row shows what it keeps and what it drops. */
function fullRequest(model: string, temperature = 1.5): ChatRequest {
  return {
    model,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: 'What is 2+2?' },
    ],
    temperature,
    maxOutputTokens: 500,
    reasoningEffort: 'high',
  };
}

function roles(body: Record<string, unknown>): string[] {
  return (body.messages as { role: string }[]).map((message) => message.role);
}

interface RowCase {
  readonly ids: readonly string[];
  readonly family: string;
  readonly endpoint: 'chat' | 'responses' | 'messages';
  /** Fields expected in the chat body (for chat rows) beyond model/messages/stream. */
  readonly expect?: Record<string, unknown>;
  readonly instructionRole?: 'developer' | 'system';
  readonly absent?: readonly string[];
}

const ROW_CASES: readonly RowCase[] = [
  { ids: ['o3-pro', 'o3-pro-2025-06-10', 'o1-pro', 'gpt-5-pro', 'gpt-5.2-pro'], family: 'openai-pro', endpoint: 'responses' },
  { ids: ['codex-mini-latest', 'gpt-5-codex', 'gpt-5.1-codex-max'], family: 'openai-codex', endpoint: 'responses' },
  {
    ids: ['gpt-5-chat-latest', 'gpt-5.1-chat-latest'],
    family: 'gpt-5-chat',
    endpoint: 'chat',
    instructionRole: 'developer',
    expect: { max_completion_tokens: 500, temperature: 1.5 },
    absent: ['max_tokens', 'reasoning_effort'],
  },
  {
    ids: ['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5.1', 'gpt-5.4', 'GPT-5-Mini'],
    family: 'gpt-5',
    endpoint: 'chat',
    instructionRole: 'developer',
    expect: { max_completion_tokens: 500, reasoning_effort: 'high' },
    absent: ['max_tokens', 'temperature'],
  },
  {
    ids: ['o1', 'o3', 'o3-mini', 'o4-mini', 'o4-mini-2025-04-16'],
    family: 'o-series',
    endpoint: 'chat',
    instructionRole: 'developer',
    expect: { max_completion_tokens: 500, reasoning_effort: 'high' },
    absent: ['max_tokens', 'temperature'],
  },
  {
    ids: ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano-2025-04-14'],
    family: 'gpt-4.1',
    endpoint: 'chat',
    instructionRole: 'developer',
    expect: { max_completion_tokens: 500, temperature: 1.5 },
    absent: ['max_tokens', 'reasoning_effort'],
  },
  {
    ids: ['gpt-4o', 'chatgpt-4o-latest', 'gpt-3.5-turbo'],
    family: 'openai-legacy',
    endpoint: 'chat',
    instructionRole: 'system',
    expect: { max_tokens: 500, temperature: 1.5 },
    absent: ['max_completion_tokens', 'reasoning_effort'],
  },
  {
    ids: ['claude-sonnet-4-20250514-thinking'],
    family: 'claude-thinking',
    endpoint: 'messages',
    instructionRole: 'system',
    expect: { max_tokens: 500 },
    absent: ['temperature', 'reasoning_effort', 'max_completion_tokens'],
  },
  {
    ids: ['claude-sonnet-4-20250514', 'claude-3-7-sonnet-latest', 'claude-opus-4-1-20250805'],
    family: 'claude',
    endpoint: 'messages',
    instructionRole: 'system',
    // 1.5 is fine for OpenAI but out of Claude's 0-1 range: clamped, not rejected.
    expect: { max_tokens: 500, temperature: 1 },
    absent: ['reasoning_effort', 'max_completion_tokens'],
  },
  {
    ids: ['gemini-2.5-pro', 'gemini-3-pro-preview', 'gemma-3-27b-it'],
    family: 'gemini',
    endpoint: 'chat',
    instructionRole: 'system',
    expect: { max_tokens: 500, temperature: 1.5 },
    absent: ['reasoning_effort', 'max_completion_tokens'],
  },
  {
    ids: ['deepseek-v3.1', 'deepseek-reasoner', 'grok-4-0709', 'qwen3-coder-plus', 'kimi-k2', 'some-new-model', 'omni-moderation-latest'],
    family: 'unknown',
    endpoint: 'chat',
    instructionRole: 'system',
    expect: { max_tokens: 500, temperature: 1.5 },
    absent: ['reasoning_effort', 'max_completion_tokens', 'n', 'top_p'],
  },
];

describe('rulesForModel and buildChatCompletionBody, one table row each', () => {
  for (const row of ROW_CASES) {
    it(`${row.family}: ${row.ids.join(', ')}`, () => {
      for (const id of row.ids) {
        const rules = rulesForModel(id);
        assert.equal(rules.family, row.family, id);
        assert.equal(rules.endpoint, row.endpoint, id);
        if (row.endpoint !== 'chat') {
          continue;
        }
        const body = buildChatCompletionBody(fullRequest(id));
        assert.equal(body.model, id);
        assert.deepEqual(roles(body), [row.instructionRole, 'user', 'assistant', 'user'], id);
        assert.equal(body.stream, true);
        assert.deepEqual(body.stream_options, { include_usage: true });
        for (const [field, value] of Object.entries(row.expect ?? {})) {
          assert.deepEqual(body[field], value, `${id}: ${field}`);
        }
        for (const field of [...(row.absent ?? []), 'n']) {
          assert.equal(field in body, false, `${id} must not send ${field}`);
        }
      }
    });
  }
});

describe('buildChatCompletionBody leaves out what was not set', () => {
  it('no temperature, limit or effort: none sent, even to models that take them', () => {
    const body = buildChatCompletionBody({ model: 'gpt-5', messages: [{ role: 'user', content: 'Hi' }] });
    assert.deepEqual(body, { model: 'gpt-5', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } });
  });

  it('temperature 0 is a setting, not "unset"', () => {
    assert.equal(buildChatCompletionBody(fullRequest('gpt-4o', 0)).temperature, 0);
  });

  it('a developer message becomes system for models that only know system', () => {
    const body = buildChatCompletionBody({
      model: 'claude-sonnet-4-20250514',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    assert.deepEqual(roles(body), ['system', 'user']);
  });
});

describe('buildResponsesBody (pro and codex models)', () => {
  it('moves instructions out of the turns and uses the Responses field names', () => {
    const body = buildResponsesBody(fullRequest('o3-pro'));
    assert.deepEqual(body, {
      model: 'o3-pro',
      input: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'What is 2+2?' },
      ],
      stream: true,
      instructions: 'Be brief.',
      max_output_tokens: 500,
      reasoning: { effort: 'high' },
    });
  });

  it('sends only model, input and stream when nothing else was set', () => {
    assert.deepEqual(buildResponsesBody({ model: 'codex-mini-latest', messages: [{ role: 'user', content: 'Hi' }] }), {
      model: 'codex-mini-latest',
      input: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
  });
});
