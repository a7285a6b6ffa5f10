// The speed figures under each answer of a comparison. Times come from one monotonic clock read by the host when
// the request went out, when the first token arrived and when the stream ended; tokens per second counts the
// completion tokens the server reported over the span they streamed in, so a slow first token does not lower it.
import type { AnswerTimings } from '../../shared/compareProtocol';
import type { Usage } from '../../shared/conversation';

export function answerTimings(startedAt: number, firstTokenAt: number | undefined, endedAt: number, usage: Usage | undefined): AnswerTimings {
  const totalMs = Math.max(0, endedAt - startedAt);
  if (firstTokenAt === undefined) {
    return { totalMs };
  }
  const firstTokenMs = Math.max(0, firstTokenAt - startedAt);
  const streamingMs = endedAt - firstTokenAt;
  // Under a millisecond of streaming (everything in one chunk) gives no meaningful rate.
  const measurable = usage !== undefined && usage.completionTokens > 0 && streamingMs >= 1;
  return measurable ? { firstTokenMs, totalMs, tokensPerSecond: usage.completionTokens / (streamingMs / 1000) } : { firstTokenMs, totalMs };
}
