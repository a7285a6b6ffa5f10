// Turns Anthropic Messages stream events (POST /v1/messages, docs/cometapi-wire.md#anthropic-format-post-v1messages)
// into the same ChatStreamEvents as the other endpoints: text, reasoning (the Thinking block), usage with the
// tokens read from and written to the prompt cache, the finish reason in chat completions' words, errors.
// Only `message_stop` says the answer is whole; a stream that closes before it was cut short.
import type { Usage } from '../../shared/conversation';
import type { ChatStreamEvent } from './events';
import { StreamAdapterBase, streamErrorEvent, unfinishedStreamEvent } from './streamAdapterBase';
import { asRecord, nonEmptyString } from '../../shared/looseValues';
import { t } from '../../shared/l10n';

/** Anthropic's stop_reason in chat completions' finish_reason words, which the chat view understands. */
const FINISH_REASONS: Readonly<Record<string, string>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Token counts as Anthropic reports them; message_delta repeats or updates some of message_start's. */
interface AnthropicUsage {
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
}

/** An Anthropic error (`{type, message}`) with its type where the classifier reads a code. */
function errorBody(raw: unknown): Record<string, unknown> {
  const error = asRecord(raw) ?? { message: t('The model failed to finish the answer.') };
  return { ...error, code: nonEmptyString(error.code) ?? nonEmptyString(error.type) };
}

export class MessagesEventAdapter extends StreamAdapterBase {
  private readonly tokens: AnthropicUsage = {};
  private stopReason: string | undefined;

  protected read(event: Record<string, unknown>, events: ChatStreamEvent[]): void {
    switch (event.type) {
      case 'message_start': {
        const message = asRecord(event.message);
        this.announceModel(nonEmptyString(message?.model), events);
        this.noteUsage(message?.usage);
        break;
      }
      case 'content_block_start': {
        // A block may start with text already in it; usually it is empty and the deltas follow.
        const block = asRecord(event.content_block);
        if (block?.type === 'text') {
          this.emitOutput('text', nonEmptyString(block.text), events);
        } else if (block?.type === 'thinking') {
          this.emitOutput('reasoning', nonEmptyString(block.thinking), events);
        }
        break;
      }
      case 'content_block_delta': {
        const delta = asRecord(event.delta);
        if (delta?.type === 'text_delta') {
          this.emitOutput('text', nonEmptyString(delta.text), events);
        } else if (delta?.type === 'thinking_delta') {
          this.emitOutput('reasoning', nonEmptyString(delta.thinking), events);
        }
        // signature_delta and input_json_delta carry nothing a person reads.
        break;
      }
      case 'message_delta':
        this.stopReason = nonEmptyString(asRecord(event.delta)?.stop_reason) ?? this.stopReason;
        this.noteUsage(event.usage);
        break;
      case 'message_stop': {
        this.terminate();
        const usage = this.usage();
        events.push(...(usage ? [{ kind: 'usage', usage } as const] : []), { kind: 'finish', reason: FINISH_REASONS[this.stopReason ?? 'end_turn'] ?? 'stop' });
        break;
      }
      case 'error':
        this.terminate();
        events.push(streamErrorEvent(errorBody(event.error ?? event), this.errorContext()));
        break;
      default:
        // ping, content_block_stop and event types added later carry nothing new for the person.
        break;
    }
  }

  protected endOfStream(): ChatStreamEvent[] {
    return [unfinishedStreamEvent(this.sawOutput)];
  }

  private noteUsage(raw: unknown): void {
    const usage = asRecord(raw);
    if (!usage) {
      return;
    }
    this.tokens.input = count(usage.input_tokens) ?? this.tokens.input;
    this.tokens.output = count(usage.output_tokens) ?? this.tokens.output;
    this.tokens.cacheRead = count(usage.cache_read_input_tokens) ?? this.tokens.cacheRead;
    this.tokens.cacheWrite = count(usage.cache_creation_input_tokens) ?? this.tokens.cacheWrite;
  }

  /**
   * Anthropic's input_tokens leaves out what was read from or written to the cache; the prompt the person
   * sent is all three together, and the footer says how much of it came from cache.
   */
  private usage(): Usage | undefined {
    const { input, output, cacheRead, cacheWrite } = this.tokens;
    if (input === undefined && output === undefined) {
      return undefined;
    }
    const prompt = (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
    return {
      promptTokens: prompt,
      completionTokens: output ?? 0,
      totalTokens: prompt + (output ?? 0),
      ...(cacheRead ? { cacheReadTokens: cacheRead } : {}),
      ...(cacheWrite ? { cacheWriteTokens: cacheWrite } : {}),
    };
  }
}
