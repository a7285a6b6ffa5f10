// Plain sentences for what happens around an answer (retries, trimmed history, cut-off answers).
import type { ChatErrorInfo } from '../../shared/conversation';
import { formatCount } from '../../shared/selectionText';

export function describeRetry(attempt: number, maxRetries: number, delayMs: number, error: ChatErrorInfo): string {
  const seconds = Math.max(1, Math.round(delayMs / 1000));
  const reason = error.kind === 'rateLimit' ? 'Rate limited by CometAPI' : error.kind === 'timeout' ? 'The server did not answer in time' : error.kind === 'network' ? 'Could not reach CometAPI' : 'CometAPI had a server error';
  return `${reason}. Retrying in ${seconds} s (attempt ${attempt} of ${maxRetries}).`;
}

export function describeTrimmedHistory(droppedTurns: number, maxContextTokens: number): string {
  const turns = droppedTurns === 1 ? '1 earlier turn was' : `${droppedTurns} earlier turns were`;
  return `${turns} left out of this request to fit the context budget (cometapi.maxContextTokens = ${formatCount(maxContextTokens)} tokens).`;
}

export function describeFinishReason(reason: string | undefined): string | undefined {
  switch (reason) {
    case 'length':
      return 'The answer was cut off at the output token limit (cometapi.maxOutputTokens or the model’s own limit).';
    case 'content_filter':
      return 'The provider’s content filter stopped this answer.';
    default:
      return undefined;
  }
}
