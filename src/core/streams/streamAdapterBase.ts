// The stream adapters' common ground: the StreamAdapter contract, loose-item readers (usage in either API's
// field names, an error object inside a stream), and a base class holding the terminal-event guard, whether
// output reached the person yet (which decides whether a failure may still be retried), and announcing the
// served model once. Subclasses only read their own item shapes.
import type { Usage } from '../../shared/conversation';
import { classifyError, errorInfo, type ErrorContext } from '../errors/errors';
import type { ChatStreamEvent } from './events';
import { t } from '../../shared/l10n';
import { asRecord, nonEmptyString } from '../../shared/looseValues';

/** What chatClient needs from either adapter (chat completions or Responses API). */
export interface StreamAdapter {
  /** Events for one streamed item. After a terminal event, further items are ignored. */
  push(item: unknown): ChatStreamEvent[];
  /** Events for the end of the stream: usage and the terminal `finish` (or an error if nothing came). */
  end(): ChatStreamEvent[];
  /** True once text or reasoning was produced: from then on a failure breaks a visible answer. */
  readonly sawOutput: boolean;
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
  // OpenAI-style prompt caching: part of prompt_tokens (input_tokens) was read from cache.
  const cached = count((asRecord(usage.prompt_tokens_details) ?? asRecord(usage.input_tokens_details))?.cached_tokens);
  return {
    promptTokens: prompt ?? 0,
    completionTokens: completion ?? 0,
    totalTokens: count(usage.total_tokens) ?? (prompt ?? 0) + (completion ?? 0),
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
    ...(cached !== undefined && cached > 0 ? { cacheReadTokens: cached } : {}),
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

/**
 * A stream that closed without saying the answer was finished (no finish_reason, no response.completed): a
 * proxy or provider that gave up mid-answer looks exactly like this. Never a complete answer. With text shown,
 * it is kept and marked incomplete (retrying would repeat it); without, the request is worth another try.
 */
export function unfinishedStreamEvent(sawOutput: boolean): ChatStreamEvent {
  return sawOutput
    ? {
        kind: 'error',
        error: errorInfo(
          'streamBroken',
          t('The answer is incomplete: the stream ended before the server finished it. The text so far is kept; retry for a full answer.'),
        ),
      }
    : { kind: 'error', error: errorInfo('server', 'CometAPI ended the answer before sending any text. Retry in a moment.') };
}

export abstract class StreamAdapterBase implements StreamAdapter {
  private output = false;
  private done = false;
  private items = 0;
  private modelSent = false;

  constructor(protected readonly context: ErrorContext = {}) {}

  get sawOutput(): boolean {
    return this.output;
  }

  push(item: unknown): ChatStreamEvent[] {
    const record = asRecord(item);
    if (this.done || !record) {
      return [];
    }
    this.items += 1;
    const events: ChatStreamEvent[] = [];
    this.read(record, events);
    return events;
  }

  end(): ChatStreamEvent[] {
    if (this.done) {
      return [];
    }
    this.done = true;
    return this.items === 0 ? [emptyStreamEvent()] : this.endOfStream();
  }

  /** Turns one streamed item into events (appended to `events`). */
  protected abstract read(item: Record<string, unknown>, events: ChatStreamEvent[]): void;

  /** The events for a stream that closed after at least one item without a terminal event of its own. */
  protected abstract endOfStream(): ChatStreamEvent[];

  protected terminate(): void {
    this.done = true;
  }

  /** The error context with whether the person has already seen output. */
  protected errorContext(): ErrorContext {
    return { ...this.context, afterFirstToken: this.output };
  }

  protected announceModel(model: string | undefined, events: ChatStreamEvent[]): void {
    if (model && !this.modelSent) {
      this.modelSent = true;
      events.push({ kind: 'model', model });
    }
  }

  /** Output that is not streamed text (a finished tool call) also means the request must not be sent again. */
  protected markOutput(produced: boolean): void {
    this.output = this.output || produced;
  }

  protected emitOutput(kind: 'text' | 'reasoning', text: string | undefined, events: ChatStreamEvent[]): void {
    if (text) {
      this.output = true;
      events.push({ kind, text });
    }
  }
}
