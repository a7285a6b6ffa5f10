// VS Code language model messages through streamChat, with the real openai SDK against the real mock CometAPI:
// what is sent for text, images, tool calls, tool results and instructions, and how streamed tool_calls deltas
// come back as whole tool calls (or a clear error).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { streamChat, type StreamChatOptions } from '../../src/core/client/chatClient';
import type { ChatRequest, ChatStreamEvent, ToolCallRequest } from '../../src/core/streams/events';
import { estimateLmTokens, requestOptionsFrom, toApiMessages, toApiTools, toolChoiceFor, type LmMessage, type LmTool } from '../../src/core/lm/lmMessages';
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
});

const weatherTool: LmTool = {
  name: 'get_weather',
  description: 'The weather in a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const timeTool: LmTool = {
  name: 'get_time',
  description: 'The time in a city',
  inputSchema: { type: 'object', properties: { zone: { type: 'string' }, hours: { type: 'integer' } } },
};

interface Run {
  readonly text: string;
  readonly toolCalls: ToolCallRequest[];
  readonly terminal: ChatStreamEvent;
  readonly events: ChatStreamEvent[];
}

async function run(model: string, messages: readonly LmMessage[], tools: readonly LmTool[] = [], mode: 'auto' | 'required' = 'auto'): Promise<Run> {
  const apiTools = toApiTools(tools);
  const choice = toolChoiceFor(mode, apiTools);
  const request: ChatRequest = {
    model,
    messages: toApiMessages(messages),
    ...(apiTools ? { tools: apiTools } : {}),
    ...(choice ? { toolChoice: choice } : {}),
  };
  const options: StreamChatOptions = { baseUrl: server.url, apiKey: server.apiKey, timeoutMs: 5_000, maxRetries: 0, claudeEndpoint: 'chat' };
  const events: ChatStreamEvent[] = [];
  for await (const event of streamChat(request, options, new AbortController().signal)) {
    events.push(event);
  }
  const terminal = events.at(-1);
  assert.ok(terminal && (terminal.kind === 'finish' || terminal.kind === 'error'), 'the last event ends the answer');
  return {
    events,
    terminal,
    text: events.map((event) => (event.kind === 'text' ? event.text : '')).join(''),
    toolCalls: events.flatMap((event) => (event.kind === 'toolCall' ? [event.call] : [])),
  };
}

function sent(): RecordedRequest {
  const posts = server.requests.filter((request) => request.method === 'POST');
  assert.equal(posts.length, 1, 'one request was sent');
  return posts[0];
}

const user = (text: string): LmMessage => ({ role: 'user', parts: [{ kind: 'text', text }] });
const system = (text: string): LmMessage => ({ role: 'system', parts: [{ kind: 'text', text }] });

describe('VS Code messages to CometAPI requests', () => {
  it('text turns go out as plain messages and the answer streams back as text', async () => {
    const result = await run('gpt-4o', [user('What is 2+2?'), { role: 'assistant', parts: [{ kind: 'text', text: 'Four.' }] }, user('And 3+3?')]);
    assert.deepEqual(sent().body?.messages, [
      { role: 'user', content: 'What is 2+2?' },
      { role: 'assistant', content: 'Four.' },
      { role: 'user', content: 'And 3+3?' },
    ]);
    assert.match(result.text, /You said: And 3\+3\?/);
    assert.deepEqual(result.terminal, { kind: 'finish', reason: 'stop' });
    assert.equal(sent().body?.tools, undefined, 'no tools field without tools');
  });

  it('the system message goes as developer for gpt-4.1 and as system for gpt-4o, per the rules table', async () => {
    await run('gpt-4.1', [system('You are VS Code.'), user('Hi')]);
    assert.deepEqual((sent().body?.messages as unknown[])[0], { role: 'developer', content: 'You are VS Code.' });
    server.clearRequests();
    await run('gpt-4o', [system('You are VS Code.'), user('Hi')]);
    assert.deepEqual((sent().body?.messages as unknown[])[0], { role: 'system', content: 'You are VS Code.' });
  });

  it('a Responses-only model gets the system message as instructions and tools in the Responses shape', async () => {
    await run('o3-pro', [system('You are VS Code.'), user('Hi')], [weatherTool]);
    const body = sent().body;
    assert.equal(sent().path, '/v1/responses');
    assert.equal(body?.instructions, 'You are VS Code.');
    assert.deepEqual(body?.tools, [{ type: 'function', name: 'get_weather', description: 'The weather in a city', parameters: weatherTool.inputSchema }]);
  });

  it('an image part is sent as an image_url data URL beside the text, in order', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    await run('gpt-4o', [
      {
        role: 'user',
        parts: [
          { kind: 'text', text: 'What is this?' },
          { kind: 'image', mimeType: 'image/png', data: png },
        ],
      },
    ]);
    assert.deepEqual((sent().body?.messages as unknown[])[0], {
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==', detail: 'auto' } },
      ],
    });
  });
});

describe('tool calls', () => {
  it('tool_calls split across many chunks come back as one call with parsed JSON input', async () => {
    const result = await run('gpt-4.1', [user('Weather in Paris? scenario:tool-call')], [weatherTool]);
    assert.equal(result.toolCalls.length, 1);
    assert.equal(result.toolCalls[0].name, 'get_weather');
    assert.deepEqual(result.toolCalls[0].input, { city: 'Paris' });
    assert.match(result.toolCalls[0].id, /^call_mock0/);
    assert.deepEqual(result.terminal, { kind: 'finish', reason: 'tool_calls' });
    assert.equal(result.text, '');
    const body = sent().body;
    assert.deepEqual(body?.tools, [
      { type: 'function', function: { name: 'get_weather', description: 'The weather in a city', parameters: weatherTool.inputSchema } },
    ]);
    assert.equal(body?.tool_choice, undefined, 'auto is the default and is not sent');
  });

  it('two calls whose fragments interleave come back as two whole calls in index order', async () => {
    const result = await run('gpt-4.1', [user('Both please scenario:tool-calls-parallel')], [weatherTool, timeTool]);
    assert.deepEqual(
      result.toolCalls.map((call) => [call.name, call.input]),
      [
        ['get_weather', { city: 'Paris' }],
        ['get_time', { zone: 'sample zone', hours: 3 }],
      ],
    );
  });

  it('arguments that are not valid JSON end the answer with a clear error, not a crash or a dropped call', async () => {
    const result = await run('gpt-4.1', [user('Weather? scenario:tool-call-bad-json')], [weatherTool]);
    assert.equal(result.toolCalls.length, 0);
    assert.equal(result.terminal.kind, 'error');
    const error = (result.terminal as Extract<ChatStreamEvent, { kind: 'error' }>).error;
    assert.match(error.message, /"get_weather" with arguments that are not valid JSON/);
    assert.equal(server.requests.filter((request) => request.method === 'POST').length, 1, 'not retried: a retry would bill the call again');
  });

  it('the tool call and its result go back to the API, and the answer uses the result', async () => {
    const first = await run('gpt-4.1', [user('Weather in Paris? scenario:tool-call')], [weatherTool]);
    const [call] = first.toolCalls;
    server.clearRequests();
    const second = await run(
      'gpt-4.1',
      [
        user('Weather in Paris? scenario:tool-call'),
        { role: 'assistant', parts: [{ kind: 'toolCall', callId: call.id, name: call.name, input: call.input }] },
        { role: 'user', parts: [{ kind: 'toolResult', callId: call.id, text: 'Sunny, 24 °C' }] },
      ],
      [weatherTool],
    );
    assert.deepEqual((sent().body?.messages as unknown[]).slice(1), [
      { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: call.id, content: 'Sunny, 24 °C' },
    ]);
    assert.match(second.text, /The tool answered: Sunny, 24 °C/);
    assert.equal(second.toolCalls.length, 0);
  });

  it('Required tool mode names the only tool, or asks for any tool when there are several', async () => {
    const forced = await run('gpt-4.1', [user('Anything')], [weatherTool], 'required');
    assert.deepEqual(sent().body?.tool_choice, { type: 'function', function: { name: 'get_weather' } });
    assert.equal(forced.toolCalls[0]?.name, 'get_weather', 'the mock honours the named tool');
    server.clearRequests();
    await run('gpt-4.1', [user('Anything')], [weatherTool, timeTool], 'required');
    assert.equal(sent().body?.tool_choice, 'required');
  });
});

describe('model options and token counts', () => {
  it('only known model options are taken; VS Code private keys starting with _ never are', () => {
    const options = requestOptionsFrom({
      temperature: 0.2,
      maxOutputTokens: 500,
      reasoningEffort: 'low',
      _capturingTokenCorrelationId: 'abc',
      _internal: { a: 1 },
      top_k: 3,
    });
    assert.deepEqual(options, { temperature: 0.2, maxOutputTokens: 500, reasoningEffort: 'low' });
    assert.deepEqual(requestOptionsFrom({ temperature: 'hot', max_tokens: -1, reasoning_effort: 'max' }), {});
  });

  it('a message with a tool call and an image counts more than its text alone', () => {
    const text = estimateLmTokens(user('Hello there, how are you?'));
    const withCall = estimateLmTokens({
      role: 'assistant',
      parts: [
        { kind: 'text', text: 'Hello there, how are you?' },
        { kind: 'toolCall', callId: 'c', name: 'get_weather', input: { city: 'Paris' } },
      ],
    });
    const withImage = estimateLmTokens({
      role: 'user',
      parts: [
        { kind: 'text', text: 'Hello there, how are you?' },
        { kind: 'image', mimeType: 'image/png', data: new Uint8Array(4) },
      ],
    });
    assert.ok(text > 0 && withCall > text && withImage >= text + 500);
  });
});
