// The body of POST /v1/messages for Claude, and which endpoint a request goes to.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiMessage, ChatRequest } from '../../src/core/streams/events';
import { DEFAULT_MAX_TOKENS, MIN_CACHED_PREFIX_TOKENS, THINKING_BUDGET_TOKENS, buildMessagesBody } from '../../src/core/requests/messagesRequest';
import { endpointFor } from '../../src/core/requests/modelRules';

type Block = { type: string; text?: string; cache_control?: unknown; source?: Record<string, unknown> };
type Turn = { role: string; content: Block[] };

const LONG_FILE = `${'const answer = compute(input, options);\n'.repeat(200)}`;

function request(messages: ApiMessage[], extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'claude-sonnet-4-20250514', messages, ...extra };
}

function turnsOf(body: Record<string, unknown>): Turn[] {
  return body.messages as Turn[];
}

function marks(body: Record<string, unknown>): string[] {
  const system = ((body.system as Block[] | undefined) ?? []).filter((block) => block.cache_control).map(() => 'system');
  const turns = turnsOf(body).flatMap((turn, index) => turn.content.filter((block) => block.cache_control).map(() => `${turn.role}#${index}`));
  return [...system, ...turns];
}

describe('buildMessagesBody', () => {
  it('sends the system prompt as a top-level block marked for caching, never as a message', () => {
    const body = buildMessagesBody(
      request([
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ]),
    );
    assert.deepEqual(body.system, [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }]);
    assert.deepEqual(turnsOf(body), [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
    assert.equal(body.stream, true);
  });

  it('always sends max_tokens: the setting when set, else the model default', () => {
    assert.equal(buildMessagesBody(request([{ role: 'user', content: 'Hi' }], { maxOutputTokens: 300 })).max_tokens, 300);
    assert.equal(buildMessagesBody(request([{ role: 'user', content: 'Hi' }])).max_tokens, DEFAULT_MAX_TOKENS);
    assert.equal(buildMessagesBody({ model: 'claude-3-haiku-20240307', messages: [{ role: 'user', content: 'Hi' }] }).max_tokens, 4096);
  });

  it('a short conversation marks only the system prompt (the provider would not cache the rest)', () => {
    const body = buildMessagesBody(
      request([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ]),
    );
    assert.deepEqual(marks(body), ['system']);
  });

  it('an attached file marks the newest question, so the follow-up reads it from cache', () => {
    const body = buildMessagesBody(
      request([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: `Explain this\n\n${LONG_FILE}` },
      ]),
    );
    assert.deepEqual(marks(body), ['system', 'user#0']);
  });

  it('a long conversation marks the newest question, which ends the conversation so far', () => {
    const messages: ApiMessage[] = [];
    for (let turn = 0; turn < 12; turn += 1) {
      messages.push({ role: 'user', content: `Question ${turn}: ${'why does this work the way it does? '.repeat(10)}` });
      messages.push({ role: 'assistant', content: `Answer ${turn}: ${'because of the way the parts fit together. '.repeat(10)}` });
    }
    messages.push({ role: 'user', content: 'And now?' });
    const body = buildMessagesBody(request(messages));
    assert.deepEqual(marks(body), [`user#${turnsOf(body).length - 1}`]);
    assert.ok(MIN_CACHED_PREFIX_TOKENS > 0);
  });

  it('the same history gives the same blocks on the next turn (only the marks move), so the cached prefix matches', () => {
    const first: ApiMessage[] = [{ role: 'user', content: `Explain this\n\n${LONG_FILE}` }];
    const second: ApiMessage[] = [...first, { role: 'assistant', content: 'It computes.' }, { role: 'user', content: 'Why?' }];
    const strip = (turns: Turn[]): unknown =>
      turns.map((turn) => ({ role: turn.role, content: turn.content.map(({ cache_control: _mark, ...block }) => block) }));
    const before = strip(turnsOf(buildMessagesBody(request(first))));
    const after = strip(turnsOf(buildMessagesBody(request(second))).slice(0, 1));
    assert.deepEqual(after, before);
  });

  it('two questions in a row (the first answer failed) become one user turn with two blocks; empty text is left out', () => {
    const body = buildMessagesBody(
      request([
        { role: 'user', content: 'First' },
        { role: 'assistant', content: '  ' },
        { role: 'user', content: 'Second' },
      ]),
    );
    assert.deepEqual(turnsOf(body), [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'First' },
          { type: 'text', text: 'Second' },
        ],
      },
    ]);
  });

  it('images become base64 image blocks in their place among the text', () => {
    const body = buildMessagesBody(
      request([
        {
          role: 'user',
          content: 'What is this?',
          parts: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', mimeType: 'image/png', base64: 'iVBORw0KGgo=' },
          ],
        },
      ]),
    );
    assert.deepEqual(turnsOf(body)[0].content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    ]);
  });

  it('temperature is clamped to Claude range without thinking', () => {
    const body = buildMessagesBody(request([{ role: 'user', content: 'Hi' }], { temperature: 1.5 }));
    assert.equal(body.temperature, 1);
    assert.equal('thinking' in body, false);
  });

  it('a -thinking id thinks with the medium budget, max_tokens above it, and no temperature', () => {
    const body = buildMessagesBody({
      model: 'claude-sonnet-4-20250514-thinking',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.5,
      maxOutputTokens: 1000,
    });
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: THINKING_BUDGET_TOKENS.medium });
    assert.equal(body.max_tokens, THINKING_BUDGET_TOKENS.medium + 1000);
    assert.equal('temperature' in body, false);
  });

  it('cometapi.reasoningEffort turns thinking on for a Claude model that can think, with its budget', () => {
    for (const effort of ['low', 'medium', 'high'] as const) {
      const body = buildMessagesBody(request([{ role: 'user', content: 'Hi' }], { reasoningEffort: effort, temperature: 0.3 }));
      assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: THINKING_BUDGET_TOKENS[effort] });
      assert.ok((body.max_tokens as number) > THINKING_BUDGET_TOKENS[effort]);
      assert.equal('temperature' in body, false);
    }
    assert.ok(THINKING_BUDGET_TOKENS.low >= 1024, "Anthropic's smallest budget");
  });

  it('models from before extended thinking never get it (the request would be refused)', () => {
    const body = buildMessagesBody({
      model: 'claude-3-5-sonnet-20241022',
      messages: [{ role: 'user', content: 'Hi' }],
      reasoningEffort: 'high',
      temperature: 0.2,
    });
    assert.equal('thinking' in body, false);
    assert.equal(body.temperature, 0.2);
  });
});

describe('endpointFor', () => {
  const hi: ApiMessage[] = [{ role: 'user', content: 'Hi' }];

  it('Claude goes to /v1/messages by default, to chat completions when cometapi.claudeEndpoint is "chat"', () => {
    assert.equal(endpointFor({ model: 'claude-sonnet-4-20250514', messages: hi }), 'messages');
    assert.equal(endpointFor({ model: 'claude-sonnet-4-20250514-thinking', messages: hi }, 'messages'), 'messages');
    assert.equal(endpointFor({ model: 'claude-sonnet-4-20250514', messages: hi }, 'chat'), 'chat');
  });

  it('other families keep their endpoint whatever the Claude setting', () => {
    assert.equal(endpointFor({ model: 'gpt-4.1', messages: hi }, 'messages'), 'chat');
    assert.equal(endpointFor({ model: 'o3-pro', messages: hi }, 'chat'), 'responses');
  });

  it('Claude with tools or tool results stays on chat completions, where tool calls round-trip', () => {
    const tools = [{ name: 'get_weather', description: 'Weather for a city' }];
    assert.equal(endpointFor({ model: 'claude-sonnet-4-20250514', messages: hi, tools }), 'chat');
    const history: ApiMessage[] = [
      ...hi,
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{}' }] },
      { role: 'tool', content: 'Sunny', toolCallId: 'call_1' },
    ];
    assert.equal(endpointFor({ model: 'claude-sonnet-4-20250514', messages: history }), 'chat');
  });
});
