// Tool calls on Responses-only models (o3-pro, codex): function_call items streamed by the real mock through the
// real openai SDK come back as whole tool calls, the same as chat completions' tool_calls; and the adapter's
// reading of the item events on its own (arguments.done wins, a completed response closes unfinished items).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { streamChat } from '../../src/core/client/chatClient';
import type { ChatStreamEvent, ToolCallRequest } from '../../src/core/streams/events';
import { toApiMessages, toApiTools, toolChoiceFor, type LmMessage, type LmTool } from '../../src/core/lm/lmMessages';
import { ResponsesEventAdapter } from '../../src/core/streams/responsesStreamAdapter';
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
const user = (text: string): LmMessage => ({ role: 'user', parts: [{ kind: 'text', text }] });

interface Run {
  readonly text: string;
  readonly toolCalls: ToolCallRequest[];
  readonly terminal: ChatStreamEvent;
}

async function run(messages: readonly LmMessage[], tools: readonly LmTool[], mode: 'auto' | 'required' = 'auto'): Promise<Run> {
  const apiTools = toApiTools(tools);
  const choice = toolChoiceFor(mode, apiTools);
  const request = { model: 'o3-pro', messages: toApiMessages(messages), ...(apiTools ? { tools: apiTools } : {}), ...(choice ? { toolChoice: choice } : {}) };
  const events: ChatStreamEvent[] = [];
  const options = { baseUrl: server.url, apiKey: server.apiKey, timeoutMs: 5_000, maxRetries: 2, claudeEndpoint: 'chat' as const };
  for await (const event of streamChat(request, options, new AbortController().signal)) {
    events.push(event);
  }
  const terminal = events.at(-1);
  assert.ok(terminal && (terminal.kind === 'finish' || terminal.kind === 'error'), 'the last event ends the answer');
  return {
    terminal,
    text: events.map((event) => (event.kind === 'text' ? event.text : '')).join(''),
    toolCalls: events.flatMap((event) => (event.kind === 'toolCall' ? [event.call] : [])),
  };
}

function posts(): number {
  return server.requests.filter((request) => request.method === 'POST').length;
}

describe('tool calls on a Responses-only model, against the mock', () => {
  it('a function_call item whose arguments arrive in pieces comes back as one call with parsed input', async () => {
    const result = await run([user('Weather in Paris? scenario:tool-call')], [weatherTool]);
    assert.equal(server.requests.find((request) => request.method === 'POST')?.path, '/v1/responses');
    assert.equal(result.toolCalls.length, 1);
    assert.equal(result.toolCalls[0].name, 'get_weather');
    assert.deepEqual(result.toolCalls[0].input, { city: 'Paris' });
    assert.match(result.toolCalls[0].id, /^call_mock0/, 'the call_id, which the result must quote, not the item id');
    assert.deepEqual(result.terminal, { kind: 'finish', reason: 'tool_calls' });
    assert.equal(result.text, '');
  });

  it('two calls whose argument pieces interleave come back as two whole calls in output order', async () => {
    const result = await run([user('Both please scenario:tool-calls-parallel')], [weatherTool, timeTool]);
    assert.deepEqual(
      result.toolCalls.map((call) => [call.name, call.input]),
      [
        ['get_weather', { city: 'Paris' }],
        ['get_time', { zone: 'sample zone', hours: 3 }],
      ],
    );
  });

  it('arguments that are not valid JSON end the answer with the same clear error as chat completions, not retried', async () => {
    const result = await run([user('Weather? scenario:tool-call-bad-json')], [weatherTool]);
    assert.equal(result.toolCalls.length, 0);
    assert.equal(result.terminal.kind, 'error');
    const error = (result.terminal as Extract<ChatStreamEvent, { kind: 'error' }>).error;
    assert.equal(
      error.message,
      'The model called the tool "get_weather" with arguments that are not valid JSON, so it was not run. Try again, or pick another model.',
    );
    assert.equal(posts(), 1, 'not retried: a retry would bill the call again');
  });

  it('the call and its result go back as function_call and function_call_output, and the answer uses the result', async () => {
    const first = await run([user('Weather in Paris? scenario:tool-call')], [weatherTool]);
    const [call] = first.toolCalls;
    server.clearRequests();
    const second = await run(
      [
        user('Weather in Paris? scenario:tool-call'),
        { role: 'assistant', parts: [{ kind: 'toolCall', callId: call.id, name: call.name, input: call.input }] },
        { role: 'user', parts: [{ kind: 'toolResult', callId: call.id, text: 'Sunny, 24 °C' }] },
      ],
      [weatherTool],
    );
    const input = server.requests.find((request) => request.method === 'POST')?.body?.input as unknown[];
    assert.deepEqual(input.slice(1), [
      { type: 'function_call', call_id: call.id, name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call_output', call_id: call.id, output: 'Sunny, 24 °C' },
    ]);
    assert.match(second.text, /The tool answered: Sunny, 24 °C/);
    assert.equal(second.toolCalls.length, 0);
    assert.deepEqual(second.terminal, { kind: 'finish', reason: 'stop' });
  });

  it('Required mode with one tool names it in the Responses shape, and the mock calls it', async () => {
    const result = await run([user('Anything')], [weatherTool], 'required');
    assert.deepEqual(server.requests.find((request) => request.method === 'POST')?.body?.tool_choice, { type: 'function', name: 'get_weather' });
    assert.equal(result.toolCalls[0]?.name, 'get_weather');
  });
});

describe('ResponsesEventAdapter reading function_call items', () => {
  function adapt(items: readonly unknown[]): ChatStreamEvent[] {
    const adapter = new ResponsesEventAdapter({ model: 'o3-pro' });
    return [...items.flatMap((item) => adapter.push(item)), ...adapter.end()];
  }
  const added = {
    type: 'response.output_item.added',
    output_index: 0,
    item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '' },
  };
  const completed = { type: 'response.completed', response: { status: 'completed', usage: { input_tokens: 5, output_tokens: 7 } } };

  it('arguments.done replaces pieces that went missing, and the call is reported when its item is done', () => {
    const events = adapt([
      added,
      { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_1', delta: '{"ci' },
      { type: 'response.function_call_arguments.done', output_index: 0, item_id: 'fc_1', arguments: '{"city":"Oslo"}' },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      },
      completed,
    ]);
    assert.deepEqual(events, [
      { kind: 'toolCall', call: { id: 'call_1', name: 'get_weather', input: { city: 'Oslo' } } },
      { kind: 'usage', usage: { promptTokens: 5, completionTokens: 7, totalTokens: 12 } },
      { kind: 'finish', reason: 'tool_calls' },
    ]);
  });

  it('a response completed while an item was never closed still yields the call from its pieces', () => {
    const events = adapt([
      added,
      { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_1', delta: '{"city":' },
      { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_1', delta: '"Rome"}' },
      completed,
    ]);
    assert.deepEqual(events[0], { kind: 'toolCall', call: { id: 'call_1', name: 'get_weather', input: { city: 'Rome' } } });
    assert.deepEqual(events.at(-1), { kind: 'finish', reason: 'tool_calls' });
  });

  it('a stream cut after a finished call is incomplete, never a retryable empty answer', () => {
    const adapter = new ResponsesEventAdapter({ model: 'o3-pro' });
    adapter.push(added);
    const call = adapter.push({
      type: 'response.output_item.done',
      output_index: 0,
      item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{}' },
    });
    assert.equal(call[0]?.kind, 'toolCall');
    assert.equal(adapter.sawOutput, true, 'a call was made: sending the request again would make it twice');
    const [end] = adapter.end();
    assert.equal(end.kind, 'error');
  });
});
