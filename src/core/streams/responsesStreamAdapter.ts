// Turns Responses API stream events (used for o1-pro, o3-pro and codex models) into the same ChatStreamEvents
// the chat completions adapter yields, so the chat view cannot tell which endpoint answered.
import type { ChatStreamEvent } from './events';
import { StreamAdapterBase, streamErrorEvent, unfinishedStreamEvent, usageFrom } from './streamAdapterBase';
import { asRecord } from '../../shared/looseValues';
import { t } from '../../shared/l10n';
import type { CompletedCall } from '../lm/toolCallAccumulator';
import { ResponsesToolCalls } from '../lm/responsesToolCalls';

/** Why a response stopped early, in chat completions' finish_reason words. */
function finishReasonOf(response: Record<string, unknown> | undefined): string {
  const reason = asRecord(response?.incomplete_details)?.reason;
  if (reason === 'max_output_tokens') {
    return 'length';
  }
  if (reason === 'content_filter') {
    return 'content_filter';
  }
  return 'stop';
}

export class ResponsesEventAdapter extends StreamAdapterBase {
  private readonly toolCalls = new ResponsesToolCalls();

  protected read(event: Record<string, unknown>, events: ChatStreamEvent[]): void {
    const response = asRecord(event.response);
    this.announceModel(typeof response?.model === 'string' && response.model !== '' ? response.model : undefined, events);
    const delta = typeof event.delta === 'string' && event.delta !== '' ? event.delta : undefined;
    switch (event.type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        this.emitOutput('text', delta, events);
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        this.emitOutput('reasoning', delta, events);
        break;
      case 'response.output_item.added':
        this.toolCalls.added(event, asRecord(event.item));
        break;
      case 'response.function_call_arguments.delta':
        this.toolCalls.delta(event);
        break;
      case 'response.function_call_arguments.done':
        this.toolCalls.argumentsDone(event);
        break;
      case 'response.output_item.done': {
        const done = this.toolCalls.itemDone(event, asRecord(event.item));
        if (done) {
          this.emitCalls([done], events);
        }
        break;
      }
      case 'response.completed':
      case 'response.incomplete': {
        if (!this.emitCalls(this.toolCalls.finishRest(), events)) {
          break;
        }
        this.terminate();
        const usage = usageFrom(response?.usage);
        const reason = finishReasonOf(response);
        // Chat completions say "tool_calls" when the answer is a call; the Responses API only says completed.
        const finish = reason === 'stop' && this.toolCalls.sawCall ? 'tool_calls' : reason;
        events.push(...(usage ? [{ kind: 'usage', usage } as const] : []), { kind: 'finish', reason: finish });
        break;
      }
      case 'response.failed':
        this.terminate();
        events.push(streamErrorEvent(response?.error ?? { message: t('The model failed to finish the answer.') }, this.errorContext()));
        break;
      case 'error':
        this.terminate();
        events.push(streamErrorEvent(event, this.errorContext()));
        break;
      default:
        // response.created, content_part.added, output_text.done and the like carry nothing new for the person.
        break;
    }
  }

  /**
   * A whole call becomes a toolCall event (and, like text, means the request must not be sent again); a call
   * that cannot be run ends the answer with the same error chat completions give. False once it ended.
   */
  private emitCalls(results: readonly CompletedCall[], events: ChatStreamEvent[]): boolean {
    for (const result of results) {
      if (!result.ok) {
        this.terminate();
        events.push({ kind: 'error', error: result.error });
        return false;
      }
      this.markOutput(true);
      events.push({ kind: 'toolCall', call: result.call });
    }
    return true;
  }

  protected endOfStream(): ChatStreamEvent[] {
    // The Responses API always closes with response.completed/failed; a stream that just stops was cut.
    return [unfinishedStreamEvent(this.sawOutput)];
  }
}
