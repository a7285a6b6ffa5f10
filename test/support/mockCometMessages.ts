// POST /v1/messages of the mock CometAPI: Anthropic's Messages format for Claude (docs/cometapi-wire.md,
// "Anthropic format"). Checks the request the way Anthropic does (anthropic-version, max_tokens, no system
// role, thinking budget below max_tokens and no temperature with it) and answers in Anthropic's error shape,
// streams `event:` + `data:` events (message_start ... message_stop, with pings), thinking deltas when thinking
// is enabled, and usage with prompt-cache fields from a PromptCache that remembers the prefixes a request marked
// with cache_control, so a second request with the same prefix reports cache_read_input_tokens.
import { createHash } from 'node:crypto';
import type { StreamHandlerContext } from './mockCometChat';
import { REASONING_TEXT, approxTokens, conversationFacts, longReply, markdownReply, servedModelFor } from './mockCometReplies';
import { DEMO_REASONING_TEXT, demoReply } from './mockCometDemo';
import type { ScenarioName } from './mockCometScenarios';
import { SseWriter, sendJson, splitIntoPieces, type JsonObject } from './mockCometWire';

/** Anthropic caches no prefix shorter than this (Sonnet and Opus). */
export const MIN_CACHEABLE_TOKENS = 1024;
/** Anthropic looks this many blocks back from a cache mark for a prefix it already holds. */
const LOOKBACK_BLOCKS = 20;
const CACHE_TTL_MS = 5 * 60 * 1000;
/** What an image block counts as, roughly (Anthropic: width × height / 750). */
const IMAGE_TOKENS = 800;

/** Anthropic's error body: `{"type":"error","error":{"type","message"}}`. */
export function sendAnthropicError(
  context: Pick<StreamHandlerContext, 'res' | 'requestId'>,
  status: number,
  type: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(context.res, status, { type: 'error', error: { type, message: `${message} (request id: ${context.requestId})` } }, context.requestId, headers);
}

/** Anthropic's error type for an HTTP status. */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 429:
      return 'rate_limit_error';
    case 529:
      return 'overloaded_error';
    default:
      return 'api_error';
  }
}

interface Block {
  /** The block without its cache mark: what decides whether two prefixes are the same. */
  readonly key: string;
  readonly tokens: number;
  readonly marked: boolean;
}

function blockOf(raw: unknown): Block {
  const record = (typeof raw === 'object' && raw !== null ? raw : { type: 'text', text: String(raw) }) as JsonObject;
  const { cache_control: mark, ...rest } = record;
  const tokens = rest.type === 'image' ? IMAGE_TOKENS : approxTokens(typeof rest.text === 'string' ? rest.text.length : JSON.stringify(rest).length);
  return { key: JSON.stringify(rest), tokens, marked: mark !== undefined };
}

/** The request as Anthropic caches it: system blocks, then each message's blocks, in order. */
function blocksOf(body: JsonObject): Block[] {
  const blocks: Block[] = [];
  if (typeof body.system === 'string') {
    blocks.push(blockOf({ type: 'text', text: body.system }));
  } else if (Array.isArray(body.system)) {
    blocks.push(...body.system.map(blockOf));
  }
  for (const message of Array.isArray(body.messages) ? (body.messages as JsonObject[]) : []) {
    const content = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : Array.isArray(message.content) ? message.content : [];
    // The role is part of what is cached: the same text as a question and as an answer are different prefixes.
    blocks.push(
      ...content.map((block: unknown, index: number) => {
        const one = blockOf(block);
        return index === 0 ? { ...one, key: `${String(message.role)}:${one.key}` } : one;
      }),
    );
  }
  return blocks;
}

export interface CacheUsage {
  readonly input_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
}

/** Prefixes marked with cache_control in earlier requests, per model, for five minutes. */
export class PromptCache {
  private readonly entries = new Map<string, { tokens: number; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Reads and writes the cache for one request; returns the usage fields Anthropic would report. */
  use(body: JsonObject): CacheUsage {
    const blocks = blocksOf(body);
    const model = String(body.model);
    const hashes: string[] = [];
    const totals: number[] = [];
    const hash = createHash('sha256').update(model);
    let running = 0;
    for (const block of blocks) {
      hash.update(`\u0000${block.key}`);
      hashes.push(hash.copy().digest('hex'));
      running += block.tokens;
      totals.push(running);
    }
    const total = running;
    const now = this.now();
    const live = (index: number): boolean => (this.entries.get(hashes[index])?.until ?? 0) > now;
    let read = 0;
    const marks = blocks.flatMap((block, index) => (block.marked ? [index] : []));
    for (const mark of marks) {
      for (let index = mark; index >= Math.max(0, mark - LOOKBACK_BLOCKS); index -= 1) {
        if (live(index)) {
          read = Math.max(read, totals[index]);
          this.entries.set(hashes[index], { tokens: totals[index], until: now + CACHE_TTL_MS });
          break;
        }
      }
    }
    let written = 0;
    for (const mark of marks) {
      if (totals[mark] >= MIN_CACHEABLE_TOKENS && totals[mark] > read && !live(mark)) {
        this.entries.set(hashes[mark], { tokens: totals[mark], until: now + CACHE_TTL_MS });
        written = Math.max(written, totals[mark] - read);
      }
    }
    return { input_tokens: total - read - written, cache_creation_input_tokens: written, cache_read_input_tokens: read };
  }
}

/** What Anthropic refuses before answering; undefined when the request is acceptable. */
function invalidRequest(body: JsonObject, headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  if (typeof headers['anthropic-version'] !== 'string') {
    return 'anthropic-version: header is required';
  }
  if (typeof body.model !== 'string' || body.model === '') {
    return 'model: Field required';
  }
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
    return 'max_tokens: Field required';
  }
  const messages = Array.isArray(body.messages) ? (body.messages as JsonObject[]) : undefined;
  if (!messages || messages.length === 0) {
    return 'messages: Field required';
  }
  if (messages.some((message) => message.role !== 'user' && message.role !== 'assistant')) {
    return 'messages: roles must be "user" or "assistant" (put instructions in the top-level system field)';
  }
  if (messages[0].role !== 'user') {
    return 'messages: first message must use the "user" role';
  }
  const thinking = body.thinking as JsonObject | undefined;
  if (thinking?.type === 'enabled') {
    const budget = thinking.budget_tokens;
    if (typeof budget !== 'number' || budget < 1024) {
      return 'thinking.budget_tokens: Input should be greater than or equal to 1024';
    }
    if (body.max_tokens <= budget) {
      return '`max_tokens` must be greater than `thinking.budget_tokens`';
    }
    if (body.temperature !== undefined && body.temperature !== 1) {
      return '`temperature` may only be set to 1 when thinking is enabled';
    }
  }
  return undefined;
}

type Ending = 'done' | 'error' | 'overloaded' | 'drop' | 'stall' | 'end-without-finish' | 'malformed';

function endingOf(scenario: ScenarioName): Ending {
  switch (scenario) {
    case 'error-in-stream':
      return 'error';
    case 'overloaded-in-stream':
      return 'overloaded';
    case 'drop':
    case 'stall':
    case 'end-without-finish':
      return scenario;
    case 'malformed-after-text':
      return 'malformed';
    default:
      return 'done';
  }
}

export async function answerMessages(scenario: ScenarioName, context: StreamHandlerContext, cache: PromptCache): Promise<void> {
  const { body } = context;
  const invalid = invalidRequest(body, context.res.req.headers);
  if (invalid) {
    sendAnthropicError(context, 400, 'invalid_request_error', invalid);
    return;
  }
  const facts = conversationFacts(body);
  const text = scenario === 'slow' ? longReply(facts, 14) : context.demoAnswers ? demoReply(facts) : markdownReply(facts);
  const thinks = (body.thinking as JsonObject | undefined)?.type === 'enabled' || scenario === 'reasoning';
  const thinking = context.demoAnswers ? DEMO_REASONING_TEXT : REASONING_TEXT;
  const usage = cache.use(body);
  const model = servedModelFor(body.model);
  const id = `msg_${context.requestId.slice(-16)}`;
  const ending = endingOf(scenario);
  const outputTokens = approxTokens(text.length) + (thinks ? approxTokens(thinking.length) : 0);
  if (body.stream !== true) {
    const content = [...(thinks ? [{ type: 'thinking', thinking, signature: 'sig_mock' }] : []), { type: 'text', text }];
    sendJson(
      context.res,
      200,
      {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { ...usage, output_tokens: outputTokens },
      },
      context.requestId,
    );
    return;
  }
  const delayMs = scenario === 'slow' ? 50 : context.chunkDelayMs;
  const sse = new SseWriter(context.res, context.timers, context.requestId);
  const send = (type: string, fields: JsonObject = {}): void => sse.send({ type, ...fields }, type);
  send('message_start', {
    message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
  });
  send('ping');
  let index = 0;
  if (thinks) {
    send('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
    for (const piece of splitIntoPieces(thinking, 8)) {
      await sse.pause(delayMs);
      send('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } });
    }
    send('content_block_delta', { index, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' } });
    send('content_block_stop', { index });
    index += 1;
  }
  if (ending === 'overloaded') {
    await sse.pause(delayMs);
    send('error', { error: { type: 'overloaded_error', message: 'Overloaded' } });
    sse.end();
    return;
  }
  send('content_block_start', { index, content_block: { type: 'text', text: '' } });
  const pieces = splitIntoPieces(text, 6).slice(0, ending === 'done' ? undefined : 4);
  for (const piece of pieces) {
    await sse.pause(delayMs);
    if (sse.gone) {
      return;
    }
    send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
  }
  await sse.pause(delayMs);
  switch (ending) {
    case 'error':
      send('error', { error: { type: 'api_error', message: `upstream error: stream interrupted by provider (request id: ${context.requestId})` } });
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
    case 'malformed':
      sse.writeRaw(Buffer.from('event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" and th\n\n'));
      sse.end();
      return;
    default:
      break;
  }
  send('content_block_stop', { index });
  send('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: outputTokens } });
  send('message_stop');
  sse.end();
}
