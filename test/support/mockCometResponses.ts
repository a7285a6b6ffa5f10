// POST /v1/responses of the mock CometAPI, for models served only there (o1-pro, o3-pro, codex). Streams typed
// events (`event: <type>` + `data:`), ending with `response.completed` (which carries usage) or, in the
// failure scenarios, `response.failed` / `error`. No `[DONE]`: the Responses API does not send one.
import type { StreamHandlerContext } from './mockCometChat';
import { REASONING_TEXT, approxTokens, conversationFacts, longReply, markdownReply, servedModelFor } from './mockCometReplies';
import type { ScenarioName } from './mockCometScenarios';
import { demoReply } from './mockCometDemo';
import { SseWriter, sendJson, splitIntoPieces, type JsonObject } from './mockCometWire';
import { plannedToolCalls, toolResultReply, trailingToolResults } from './mockCometTools';
import { streamResponsesToolCalls } from './mockCometResponsesTools';

interface ResponseShape {
  readonly id: string;
  readonly model: string;
  readonly createdAt: number;
}

function responseObject(shape: ResponseShape, status: string, extra: JsonObject = {}): JsonObject {
  return { id: shape.id, object: 'response', created_at: shape.createdAt, status, model: shape.model, output: [], ...extra };
}

function completedOutput(text: string, reasoning: string): unknown[] {
  return [
    { id: 'rs_mock', type: 'reasoning', summary: [{ type: 'summary_text', text: reasoning }] },
    { id: 'msg_mock', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] },
  ];
}

function usageOf(inputChars: number, text: string, reasoning: string): JsonObject {
  const input = approxTokens(inputChars);
  const reasoningTokens = approxTokens(reasoning.length);
  const output = approxTokens(text.length) + reasoningTokens;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: input + output,
  };
}

export async function answerResponses(scenario: ScenarioName, context: StreamHandlerContext): Promise<void> {
  const facts = conversationFacts(context.body);
  const shape: ResponseShape = {
    id: `resp_${context.requestId.slice(-16)}`,
    model: servedModelFor(context.body.model),
    createdAt: Math.floor(Date.now() / 1000),
  };
  const toolResults = trailingToolResults(context.body);
  const calls = toolResults === undefined && context.body.stream === true ? plannedToolCalls(scenario, context.body) : undefined;
  const text =
    toolResults !== undefined
      ? toolResultReply(toolResults)
      : scenario === 'slow'
        ? longReply(facts, 14)
        : context.demoAnswers
          ? demoReply(facts)
          : markdownReply(facts);
  if (context.body.stream !== true) {
    sendJson(
      context.res,
      200,
      responseObject(shape, 'completed', { output: completedOutput(text, REASONING_TEXT), usage: usageOf(facts.inputChars, text, REASONING_TEXT) }),
      context.requestId,
    );
    return;
  }
  const delayMs = scenario === 'slow' ? 50 : context.chunkDelayMs;
  const sse = new SseWriter(context.res, context.timers, context.requestId);
  let sequence = 0;
  const send = (type: string, fields: JsonObject): void => {
    sse.send({ type, sequence_number: sequence++, ...fields }, type);
  };
  send('response.created', { response: responseObject(shape, 'in_progress') });
  send('response.in_progress', { response: responseObject(shape, 'in_progress') });
  send('response.output_item.added', { output_index: 0, item: { id: 'rs_mock', type: 'reasoning', summary: [] } });
  for (const piece of splitIntoPieces(REASONING_TEXT, 8)) {
    await sse.pause(delayMs);
    send('response.reasoning_summary_text.delta', { item_id: 'rs_mock', output_index: 0, summary_index: 0, delta: piece });
  }
  send('response.reasoning_summary_text.done', { item_id: 'rs_mock', output_index: 0, summary_index: 0, text: REASONING_TEXT });
  if (calls !== undefined) {
    const items = await streamResponsesToolCalls(calls, sse, send, delayMs, 1);
    if (items !== undefined) {
      const reasoning = { id: 'rs_mock', type: 'reasoning', summary: [{ type: 'summary_text', text: REASONING_TEXT }] };
      send('response.completed', {
        response: responseObject(shape, 'completed', { output: [reasoning, ...items], usage: usageOf(facts.inputChars, '', REASONING_TEXT) }),
      });
      sse.end();
    }
    return;
  }
  send('response.output_item.added', { output_index: 1, item: { id: 'msg_mock', type: 'message', role: 'assistant', status: 'in_progress', content: [] } });
  const cutShort = ['response-failed', 'error-in-stream', 'drop', 'stall', 'end-without-finish', 'malformed-after-text'].includes(scenario);
  const pieces = splitIntoPieces(text, 6).slice(0, cutShort ? 4 : undefined);
  for (const piece of pieces) {
    await sse.pause(delayMs);
    if (sse.gone) {
      return;
    }
    send('response.output_text.delta', { item_id: 'msg_mock', output_index: 1, content_index: 0, delta: piece, logprobs: [] });
  }
  await sse.pause(delayMs);
  switch (scenario) {
    case 'response-failed':
      send('response.failed', {
        response: responseObject(shape, 'failed', {
          error: { code: 'server_error', message: `The model failed to finish the answer (request id: ${context.requestId})` },
        }),
      });
      sse.end();
      return;
    case 'error-in-stream':
      send('error', { code: 'upstream_error', message: `upstream error: stream interrupted by provider (request id: ${context.requestId})`, param: null });
      sse.end();
      return;
    case 'drop':
      sse.drop();
      return;
    case 'stall':
      return;
    case 'end-without-finish':
      sse.end();
      return;
    case 'malformed-after-text':
      sse.writeRaw(Buffer.from(`event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":" and th\n\n`));
      sse.end();
      return;
    default:
      break;
  }
  send('response.output_text.done', { item_id: 'msg_mock', output_index: 1, content_index: 0, text });
  send('response.completed', {
    response: responseObject(shape, 'completed', { output: completedOutput(text, REASONING_TEXT), usage: usageOf(facts.inputChars, text, REASONING_TEXT) }),
  });
  sse.end();
}
