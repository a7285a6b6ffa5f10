// Turns Responses API stream events (used for o1-pro, o3-pro and codex models) into the same ChatStreamEvents
// the chat completions adapter yields, so the chat view cannot tell which endpoint answered.
import type { ChatStreamEvent } from './events';
import { StreamAdapterBase, asRecord, streamErrorEvent, unfinishedStreamEvent, usageFrom } from './streamAdapterBase';
import { t } from '../shared/l10n';

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
      case 'response.completed':
      case 'response.incomplete': {
        this.terminate();
        const usage = usageFrom(response?.usage);
        events.push(...(usage ? [{ kind: 'usage', usage } as const] : []), { kind: 'finish', reason: finishReasonOf(response) });
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
        // response.created, output_item.added, *.done and the like carry nothing new for the person.
        break;
    }
  }

  protected endOfStream(): ChatStreamEvent[] {
    // The Responses API always closes with response.completed/failed; a stream that just stops was cut.
    return [unfinishedStreamEvent(this.sawOutput)];
  }
}
