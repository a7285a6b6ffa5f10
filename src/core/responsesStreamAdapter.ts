// Turns Responses API stream events (used for o1-pro, o3-pro and codex models) into the same ChatStreamEvents
// the chat completions adapter yields, so the chat view cannot tell which endpoint answered.
import type { ErrorContext } from './errors';
import { errorInfo } from './errors';
import type { ChatStreamEvent } from './events';
import { asRecord, emptyStreamEvent, streamErrorEvent, usageFrom, type StreamAdapter } from './chatStreamAdapter';

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

export class ResponsesEventAdapter implements StreamAdapter {
  private output = false;
  private done = false;
  private items = 0;
  private modelSent = false;

  constructor(private readonly context: ErrorContext = {}) {}

  get sawOutput(): boolean {
    return this.output;
  }

  get terminated(): boolean {
    return this.done;
  }

  push(item: unknown): ChatStreamEvent[] {
    const event = asRecord(item);
    if (this.done || !event) {
      return [];
    }
    this.items += 1;
    const response = asRecord(event.response);
    const events: ChatStreamEvent[] = [];
    const model = typeof response?.model === 'string' && response.model !== '' ? response.model : undefined;
    if (model && !this.modelSent) {
      this.modelSent = true;
      events.push({ kind: 'model', model });
    }
    const delta = typeof event.delta === 'string' && event.delta !== '' ? event.delta : undefined;
    switch (event.type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        if (delta) {
          this.output = true;
          events.push({ kind: 'text', text: delta });
        }
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        if (delta) {
          this.output = true;
          events.push({ kind: 'reasoning', text: delta });
        }
        break;
      case 'response.completed':
      case 'response.incomplete': {
        this.done = true;
        const usage = usageFrom(response?.usage);
        events.push(...(usage ? [{ kind: 'usage', usage } as const] : []), { kind: 'finish', reason: finishReasonOf(response) });
        break;
      }
      case 'response.failed':
        this.done = true;
        events.push(streamErrorEvent(response?.error ?? { message: 'The model failed to finish the answer.' }, { ...this.context, afterFirstToken: this.output }));
        break;
      case 'error':
        this.done = true;
        events.push(streamErrorEvent(event, { ...this.context, afterFirstToken: this.output }));
        break;
      default:
        // response.created, output_item.added, *.done and the like carry nothing new for the person.
        break;
    }
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
    // The Responses API always closes with response.completed/failed; a stream that just stops was cut.
    const message = this.output
      ? 'The answer was cut off before the server finished it. The text so far is kept.'
      : 'CometAPI ended the answer before sending any text. Retry in a moment.';
    return [{ kind: 'error', error: errorInfo(this.output ? 'streamBroken' : 'server', message) }];
  }
}
