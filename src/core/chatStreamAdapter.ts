// Turns chat.completions stream chunks into ChatStreamEvents. Pure: fed chunk objects (as the SDK yields them,
// or from recorded fixtures), no I/O. Tolerant of what real streams do (cometapi-wire.md): extra fields,
// a usage chunk with `choices: []`, `delta.reasoning_content` or `delta.reasoning`, an `{"error":{...}}`
// chunk after a 200, and a final chunk with `finish_reason` but no `[DONE]`.
import type { Usage } from '../shared/conversation';
import { classifyError, errorInfo, type ErrorContext } from './errors';
import type { ChatStreamEvent } from './events';

/** What chatClient needs from either adapter (chat completions or Responses API). */
export interface StreamAdapter {
  /** Events for one streamed item. After a terminal event, further items are ignored. */
  push(item: unknown): ChatStreamEvent[];
  /** Events for the end of the stream: usage and the terminal `finish` (or an error if nothing came). */
  end(): ChatStreamEvent[];
  /** True once text or reasoning was produced: from then on a failure breaks a visible answer. */
  readonly sawOutput: boolean;
  /** True once a terminal event was produced. */
  readonly terminated: boolean;
}

type Loose = Record<string, unknown>;

export function asRecord(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Usage from either API's field names; undefined when the object does not hold token counts. */
export function usageFrom(raw: unknown): Usage | undefined {
  const usage = asRecord(raw);
  if (!usage) {
    return undefined;
  }
  const prompt = count(usage.prompt_tokens) ?? count(usage.input_tokens);
  const completion = count(usage.completion_tokens) ?? count(usage.output_tokens);
  if (prompt === undefined && completion === undefined) {
    return undefined;
  }
  const details = asRecord(usage.completion_tokens_details) ?? asRecord(usage.output_tokens_details);
  const reasoning = count(details?.reasoning_tokens);
  return {
    promptTokens: prompt ?? 0,
    completionTokens: completion ?? 0,
    totalTokens: count(usage.total_tokens) ?? (prompt ?? 0) + (completion ?? 0),
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
  };
}

/** An error object the server put inside the stream, classified like any other failure. */
export function streamErrorEvent(serverError: unknown, context: ErrorContext): ChatStreamEvent {
  const body = asRecord(serverError) ?? { message: String(serverError) };
  return { kind: 'error', error: classifyError({ error: body, message: nonEmptyString(body.message) ?? '' }, context) };
}

/** A stream that ended without a single item: nothing to show, and worth another try. */
export function emptyStreamEvent(): ChatStreamEvent {
  return { kind: 'error', error: errorInfo('server', 'CometAPI ended the answer without sending anything. Retry in a moment.') };
}

export class ChatChunkAdapter implements StreamAdapter {
  private output = false;
  private done = false;
  private items = 0;
  private modelSent = false;
  private finishReason: string | undefined;
  private usage: Usage | undefined;

  constructor(private readonly context: ErrorContext = {}) {}

  get sawOutput(): boolean {
    return this.output;
  }

  get terminated(): boolean {
    return this.done;
  }

  push(item: unknown): ChatStreamEvent[] {
    const chunk = asRecord(item);
    if (this.done || !chunk) {
      return [];
    }
    this.items += 1;
    if (asRecord(chunk.error)) {
      this.done = true;
      return [streamErrorEvent(chunk.error, { ...this.context, afterFirstToken: this.output })];
    }
    const events: ChatStreamEvent[] = [];
    const model = nonEmptyString(chunk.model);
    if (model && !this.modelSent) {
      this.modelSent = true;
      events.push({ kind: 'model', model });
    }
    // We always ask for one choice; a usage chunk has none.
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    const choice = asRecord(choices.find((candidate) => (asRecord(candidate)?.index ?? 0) === 0));
    const delta = asRecord(choice?.delta);
    // Some providers send both fields with the same text; reasoning_content wins.
    const reasoning = nonEmptyString(delta?.reasoning_content) ?? nonEmptyString(delta?.reasoning);
    if (reasoning) {
      this.output = true;
      events.push({ kind: 'reasoning', text: reasoning });
    }
    const text = nonEmptyString(delta?.content) ?? nonEmptyString(delta?.refusal);
    if (text) {
      this.output = true;
      events.push({ kind: 'text', text });
    }
    this.finishReason = nonEmptyString(choice?.finish_reason) ?? this.finishReason;
    // Usage may come in its own chunk or beside the finish reason (Gemini); the last one counts.
    this.usage = usageFrom(chunk.usage) ?? this.usage;
    return events;
  }

  end(): ChatStreamEvent[] {
    if (this.done) {
      return [];
    }
    this.done = true;
    if (this.items === 0) {
      return [emptyStreamEvent()];
    }
    // Without [DONE] or a finish_reason the stream still closed cleanly: treat it as a normal end.
    return [...(this.usage ? [{ kind: 'usage', usage: this.usage } as const] : []), { kind: 'finish', reason: this.finishReason ?? 'stop' }];
  }
}
