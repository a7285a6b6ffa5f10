// POST /v1/chat/completions of the mock CometAPI: streams chunks exactly as docs/cometapi-wire.md shows
// (role chunk, content chunks, finish chunk, usage chunk with `choices: []`, `[DONE]`), or misbehaves the way
// the named scenario says.
import type { ServerResponse } from 'node:http';
import {
  MULTIBYTE_TEXT,
  REASONING_TEXT,
  approxTokens,
  conversationFacts,
  longReply,
  markdownReply,
  servedModelFor,
  type ConversationFacts,
} from './mockCometReplies';
import type { ScenarioName } from './mockCometScenarios';
import { DEMO_REASONING_TEXT, demoReply, isDemoReasoningModel } from './mockCometDemo';
import { plannedToolCalls, streamToolCalls, toolResultReply, trailingToolResults } from './mockCometTools';
import { SseWriter, newRequestId, sendJson, splitIntoPieces, type JsonObject, type TimerSet } from './mockCometWire';

export interface StreamHandlerContext {
  readonly res: ServerResponse;
  readonly body: JsonObject;
  readonly requestId: string;
  readonly timers: TimerSet;
  /** Pause between chunks of normal scenarios (the slow one uses its own, longer pause). */
  readonly chunkDelayMs: number;
  /** Demo answers (`npm start`) instead of the plain ones tests check. */
  readonly demoAnswers?: boolean;
  /** Wait after the first chunk before any text (MockCometServer.firstTokenDelayMs). */
  readonly firstTokenDelayMs?: number;
}

/** Builds chunk objects that share one id, model and timestamp, with the extra fields real streams carry. */
class ChunkMaker {
  private readonly id = `chatcmpl-${newRequestId().slice(-12)}`;
  private readonly created = Math.floor(Date.now() / 1000);

  constructor(private readonly model: string) {}

  choice(delta: JsonObject, finishReason: string | null = null): JsonObject {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      system_fingerprint: 'fp_mock',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      // OpenAI pads chunks with a random `obfuscation` field; clients must ignore it.
      obfuscation: 'x7Qp',
    };
  }

  usage(promptTokens: number, completionTokens: number, reasoningTokens?: number): JsonObject {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      choices: [],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: reasoningTokens ?? 0 },
        // CometAPI adds fields of its own; clients must ignore them.
        latency_checkpoint: 12,
      },
    };
  }
}

function wantsUsage(body: JsonObject): boolean {
  const options = body.stream_options as JsonObject | undefined;
  return options?.include_usage === true;
}

interface StreamPlan {
  readonly reasoning?: { readonly field: 'reasoning_content' | 'reasoning'; readonly text: string };
  readonly text: string;
  readonly pieceSize: number;
  readonly delayMs: number;
  /** What happens after the text: a normal end, or one of the failure modes. */
  readonly ending: 'done' | 'no-done' | 'error' | 'drop' | 'stall' | 'end-without-finish' | 'malformed';
  /** Stop after this many content pieces (failure modes that cut an answer short). */
  readonly maxPieces?: number;
}

function planFor(scenario: ScenarioName, facts: ConversationFacts, chunkDelayMs: number, demo: DemoOptions): StreamPlan {
  const text = demo.enabled ? demoReply(facts) : markdownReply(facts);
  switch (scenario) {
    case 'slow':
      // About 200 chunks of 50 ms: ten seconds, time enough to press Stop.
      return { text: longReply(facts, 14), pieceSize: 8, delayMs: 50, ending: 'done' };
    case 'reasoning':
      return { reasoning: { field: 'reasoning_content', text: REASONING_TEXT }, text, pieceSize: 6, delayMs: chunkDelayMs, ending: 'done' };
    case 'reasoning-alt':
      return { reasoning: { field: 'reasoning', text: REASONING_TEXT }, text, pieceSize: 6, delayMs: chunkDelayMs, ending: 'done' };
    case 'no-done':
      return { text, pieceSize: 6, delayMs: chunkDelayMs, ending: 'no-done' };
    case 'error-in-stream':
      return { text, pieceSize: 6, delayMs: chunkDelayMs, ending: 'error', maxPieces: 4 };
    case 'drop':
      return { text, pieceSize: 6, delayMs: chunkDelayMs, ending: 'drop', maxPieces: 5 };
    case 'stall':
      return { text, pieceSize: 6, delayMs: chunkDelayMs, ending: 'stall', maxPieces: 3 };
    case 'end-without-finish':
      return { text, pieceSize: 6, delayMs: chunkDelayMs, ending: 'end-without-finish', maxPieces: 4 };
    case 'malformed-after-text':
      return { text, pieceSize: 6, delayMs: chunkDelayMs, ending: 'malformed', maxPieces: 4 };
    default:
      // A demo shows a reasoning model thinking first, as CometAPI streams it.
      if (demo.enabled && isDemoReasoningModel(demo.model)) {
        return { reasoning: { field: 'reasoning_content', text: DEMO_REASONING_TEXT }, text, pieceSize: 6, delayMs: chunkDelayMs, ending: 'done' };
      }
      return { text, pieceSize: 6, delayMs: chunkDelayMs, ending: 'done' };
  }
}

interface DemoOptions {
  readonly enabled: boolean;
  readonly model: unknown;
}

async function streamPlan(plan: StreamPlan, context: StreamHandlerContext, facts: ConversationFacts): Promise<void> {
  const { body } = context;
  const maker = new ChunkMaker(servedModelFor(body.model));
  const sse = new SseWriter(context.res, context.timers, context.requestId);
  sse.send(maker.choice({ role: 'assistant', content: '' }));
  if (context.firstTokenDelayMs) {
    await sse.pause(context.firstTokenDelayMs);
  }
  let completionPieces = 0;
  if (plan.reasoning) {
    for (const piece of splitIntoPieces(plan.reasoning.text, plan.pieceSize)) {
      await sse.pause(plan.delayMs);
      sse.send(maker.choice({ [plan.reasoning.field]: piece }));
      completionPieces += 1;
    }
  }
  const pieces = splitIntoPieces(plan.text, plan.pieceSize).slice(0, plan.maxPieces);
  for (const piece of pieces) {
    await sse.pause(plan.delayMs);
    if (sse.gone) {
      return;
    }
    sse.send(maker.choice({ content: piece }));
    completionPieces += 1;
  }
  await sse.pause(plan.delayMs);
  switch (plan.ending) {
    case 'error':
      sse.send({
        error: {
          message: `upstream error: stream interrupted by provider (request id: ${context.requestId})`,
          type: 'comet_api_error',
          param: '',
          code: 'upstream_error',
        },
      });
      sse.end();
      return;
    case 'drop':
      sse.drop();
      return;
    case 'stall':
      // Say nothing more and keep the connection open: only the client's idle timer can end this.
      return;
    case 'end-without-finish':
      sse.end();
      return;
    case 'malformed':
      sse.writeRaw(Buffer.from(`data: ${JSON.stringify(maker.choice({ content: ' and then' })).slice(0, 60)}\n\n`));
      sse.end();
      return;
    default:
      break;
  }
  sse.send(maker.choice({}, 'stop'));
  if (plan.ending === 'no-done') {
    sse.end();
    return;
  }
  if (wantsUsage(body)) {
    const reasoningTokens = plan.reasoning ? approxTokens(plan.reasoning.text.length) : undefined;
    sse.send(maker.usage(approxTokens(facts.inputChars), completionPieces, reasoningTokens));
  }
  sse.send('[DONE]');
  sse.end();
}

/**
 * Byte offsets that fall inside a multi-byte UTF-8 character (on a continuation byte), at least `gap` bytes
 * apart: writing the stream cut there makes every TCP write end in the middle of a character.
 */
function cutsInsideCharacters(bytes: Uint8Array, gap: number): number[] {
  const cuts: number[] = [];
  let last = 0;
  for (let offset = 1; offset < bytes.length; offset += 1) {
    const isContinuationByte = (bytes[offset] & 0b1100_0000) === 0b1000_0000;
    if (isContinuationByte && offset - last >= gap) {
      cuts.push(offset);
      last = offset;
    }
  }
  return cuts;
}

/** The whole stream as one byte string, written in pieces that each end inside a character. */
async function streamMultibyte(context: StreamHandlerContext, facts: ConversationFacts): Promise<void> {
  const maker = new ChunkMaker(servedModelFor(context.body.model));
  const events = [maker.choice({ role: 'assistant', content: '' })];
  for (const piece of splitIntoPieces(MULTIBYTE_TEXT, 3)) {
    events.push(maker.choice({ content: piece }));
  }
  events.push(maker.choice({}, 'stop'));
  if (wantsUsage(context.body)) {
    events.push(maker.usage(approxTokens(facts.inputChars), approxTokens(MULTIBYTE_TEXT.length)));
  }
  const text = `${events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')}data: [DONE]\n\n`;
  const bytes = Buffer.from(text, 'utf8');
  const sse = new SseWriter(context.res, context.timers, context.requestId);
  let start = 0;
  for (const cut of [...cutsInsideCharacters(bytes, 80), bytes.length]) {
    sse.writeRaw(bytes.subarray(start, cut));
    start = cut;
    await sse.pause(1);
  }
  sse.end();
}

/** `stream: false`: one chat.completion object. */
function answerWhole(context: StreamHandlerContext, facts: ConversationFacts): void {
  const text = context.demoAnswers ? demoReply(facts) : markdownReply(facts);
  const promptTokens = approxTokens(facts.inputChars);
  const completionTokens = approxTokens(text.length);
  sendJson(
    context.res,
    200,
    {
      id: `chatcmpl-${context.requestId.slice(-12)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: servedModelFor(context.body.model),
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        completion_tokens_details: { reasoning_tokens: 0 },
      },
      system_fingerprint: 'fp_mock',
    },
    context.requestId,
  );
}

/** Answers a chat completion request with a streaming scenario (status scenarios are handled before). */
export async function answerChatCompletion(scenario: ScenarioName, context: StreamHandlerContext): Promise<void> {
  const facts = conversationFacts(context.body);
  if (context.body.stream !== true) {
    answerWhole(context, facts);
    return;
  }
  if (scenario === 'multibyte') {
    await streamMultibyte(context, facts);
    return;
  }
  const toolResults = trailingToolResults(context.body);
  if (toolResults !== undefined) {
    await streamPlan({ text: toolResultReply(toolResults), pieceSize: 6, delayMs: context.chunkDelayMs, ending: 'done' }, context, facts);
    return;
  }
  const calls = plannedToolCalls(scenario, context.body);
  if (calls !== undefined) {
    const sse = new SseWriter(context.res, context.timers, context.requestId);
    const usage = wantsUsage(context.body) ? { promptTokens: approxTokens(facts.inputChars) } : undefined;
    await streamToolCalls(calls, sse, new ChunkMaker(servedModelFor(context.body.model)), context.chunkDelayMs, usage);
    return;
  }
  await streamPlan(planFor(scenario, facts, context.chunkDelayMs, { enabled: context.demoAnswers === true, model: context.body.model }), context, facts);
}
