// Reads one answer's stream of events into what the chat and a comparison keep of it: the text and reasoning go
// to the caller as they arrive, and the end is summed up once (usage, the model that served it, why it finished,
// or its error). How it ended (done, stopped, failed) follows from that summary and whether it was aborted.
import type { AnswerStatus, ChatErrorInfo, Usage } from '../../shared/conversation';
import type { ChatStreamEvent } from '../streams/events';

export interface AnswerSinks {
  readonly onText: (text: string) => void;
  readonly onReasoning?: (text: string) => void;
  /** Text, reasoning or the finish came: the model is answering (a retry countdown is over). */
  readonly onAnswering?: () => void;
  readonly onRetry?: (retry: Extract<ChatStreamEvent, { kind: 'retry' }>) => void;
}

export interface AnswerSummary {
  readonly usage?: Usage;
  readonly servedModel?: string;
  readonly finishReason?: string;
  readonly error?: ChatErrorInfo;
}

export async function consumeAnswer(events: AsyncIterable<ChatStreamEvent>, sinks: AnswerSinks): Promise<AnswerSummary> {
  let summary: { -readonly [K in keyof AnswerSummary]: AnswerSummary[K] } = {};
  for await (const event of events) {
    if (event.kind === 'text' || event.kind === 'reasoning' || event.kind === 'finish') {
      sinks.onAnswering?.();
    }
    switch (event.kind) {
      case 'text':
        sinks.onText(event.text);
        break;
      case 'reasoning':
        sinks.onReasoning?.(event.text);
        break;
      case 'usage':
        summary = { ...summary, usage: event.usage };
        break;
      case 'model':
        summary = { ...summary, servedModel: event.model };
        break;
      case 'retry':
        sinks.onRetry?.(event);
        break;
      case 'finish':
        summary = { ...summary, finishReason: event.reason };
        break;
      case 'error':
        summary = { ...summary, error: event.error };
        break;
      default:
        break;
    }
  }
  return summary;
}

/** Stopped when the person aborted it (a cancelled error is the same); otherwise failed or done. */
export function endStatus(summary: AnswerSummary, aborted: boolean): Extract<AnswerStatus, 'done' | 'stopped' | 'error'> {
  if (summary.error?.kind === 'cancelled' || (aborted && !summary.error)) {
    return 'stopped';
  }
  return summary.error ? 'error' : 'done';
}
