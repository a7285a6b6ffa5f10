// Plain sentences for what happens around an answer (retries, trimmed history, cut-off answers).
import type { ChatErrorInfo } from '../../shared/conversation';
import { formatCount } from '../../shared/selectionText';

function retryReason(error: ChatErrorInfo): string {
  switch (error.kind) {
    case 'rateLimit':
      return 'Rate limited by CometAPI';
    case 'timeout':
      return 'The server did not answer in time';
    case 'network':
      return 'Could not reach CometAPI';
    default:
      return 'CometAPI had a server error';
  }
}

/** "CometAPI had a server error. Retrying in 3 s (retry 1 of 3)." `retry` counts retries, not requests. */
export function describeRetry(retry: number, maxRetries: number, remainingMs: number, error: ChatErrorInfo): string {
  const seconds = Math.ceil(Math.max(0, remainingMs) / 1000);
  const when = seconds > 0 ? `Retrying in ${seconds} s` : 'Retrying now';
  return `${retryReason(error)}. ${when} (retry ${retry} of ${maxRetries}).`;
}

function failureNoun(kind: ChatErrorInfo['kind'], plural: boolean): string {
  switch (kind) {
    case 'rateLimit':
      return plural ? 'rate limits' : 'a rate limit';
    case 'timeout':
      return plural ? 'timeouts' : 'a timeout';
    case 'network':
      return plural ? 'network errors' : 'a network error';
    default:
      return plural ? 'server errors' : 'a server error';
  }
}

/** What the retries were, once the answer came: "Retried twice after server errors." */
export function describeRetried(failures: readonly ChatErrorInfo[]): string {
  const count = failures.length;
  const times = count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
  const kinds = new Set(failures.map((failure) => (failure.kind === 'rateLimit' || failure.kind === 'timeout' || failure.kind === 'network' ? failure.kind : 'server')));
  const [only] = kinds;
  const after = kinds.size === 1 && only ? failureNoun(only, count > 1) : 'errors';
  return `Retried ${times} after ${after}.`;
}

/** Said in the chat when Retry or Edit on an earlier turn continued in a new conversation. */
export function describeFork(how: 'retry' | 'edit', forkTitle: string, original: { readonly title: string; readonly messageCount: number }): string {
  const what = how === 'retry' ? 'Retrying an earlier answer' : 'Editing an earlier question';
  return `${what} started a new chat, “${forkTitle}”. The original, “${original.title}”, keeps all ${original.messageCount} messages in the history.`;
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
