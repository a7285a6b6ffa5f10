// Plain sentences for what happens around an answer (retries, trimmed history, cut-off answers).
import type { ChatErrorInfo } from '../../shared/conversation';
import { formatCount } from '../../shared/selectionText';
import { t } from '../../shared/l10n';

function retryReason(error: ChatErrorInfo): string {
  switch (error.kind) {
    case 'rateLimit':
      return t('Rate limited by CometAPI.');
    case 'timeout':
      return t('The server did not answer in time.');
    case 'network':
      return t('Could not reach CometAPI.');
    default:
      return t('CometAPI had a server error.');
  }
}

/** "CometAPI had a server error. Retrying in 3 s (retry 1 of 3)." `retry` counts retries, not requests. */
export function describeRetry(retry: number, maxRetries: number, remainingMs: number, error: ChatErrorInfo): string {
  const seconds = Math.ceil(Math.max(0, remainingMs) / 1000);
  const when = seconds > 0 ? t('Retrying in {0} s (retry {1} of {2}).', seconds, retry, maxRetries) : t('Retrying now (retry {0} of {1}).', retry, maxRetries);
  return `${retryReason(error)} ${when}`;
}

type RetriedKind = 'rateLimit' | 'timeout' | 'network' | 'server' | 'mixed';

// Whole sentences per count and kind, so each language words them its own way.
function retriedOnce(kind: RetriedKind): string {
  switch (kind) {
    case 'rateLimit':
      return t('Retried once after a rate limit.');
    case 'timeout':
      return t('Retried once after a timeout.');
    case 'network':
      return t('Retried once after a network error.');
    case 'server':
      return t('Retried once after a server error.');
    case 'mixed':
      return t('Retried once after errors.');
  }
}

function retriedTimes(kind: RetriedKind, count: number): string {
  switch (kind) {
    case 'rateLimit':
      return count === 2 ? t('Retried twice after rate limits.') : t('Retried {0} times after rate limits.', count);
    case 'timeout':
      return count === 2 ? t('Retried twice after timeouts.') : t('Retried {0} times after timeouts.', count);
    case 'network':
      return count === 2 ? t('Retried twice after network errors.') : t('Retried {0} times after network errors.', count);
    case 'server':
      return count === 2 ? t('Retried twice after server errors.') : t('Retried {0} times after server errors.', count);
    case 'mixed':
      return count === 2 ? t('Retried twice after errors.') : t('Retried {0} times after errors.', count);
  }
}

/** What the retries were, once the answer came: "Retried twice after server errors." */
export function describeRetried(failures: readonly ChatErrorInfo[]): string {
  const count = failures.length;
  const kinds = new Set(
    failures.map((failure) => (failure.kind === 'rateLimit' || failure.kind === 'timeout' || failure.kind === 'network' ? failure.kind : 'server')),
  );
  const [only] = kinds;
  const kind: RetriedKind = kinds.size === 1 && only ? only : 'mixed';
  return count === 1 ? retriedOnce(kind) : retriedTimes(kind, count);
}

/** Said in the chat when Retry or Edit on an earlier turn continued in a new conversation. */
export function describeFork(how: 'retry' | 'edit', forkTitle: string, original: { readonly title: string; readonly messageCount: number }): string {
  return how === 'retry'
    ? t(
        'Retrying an earlier answer started a new chat, “{0}”. The original, “{1}”, keeps all {2} messages in the history.',
        forkTitle,
        original.title,
        original.messageCount,
      )
    : t(
        'Editing an earlier question started a new chat, “{0}”. The original, “{1}”, keeps all {2} messages in the history.',
        forkTitle,
        original.title,
        original.messageCount,
      );
}

export function describeTrimmedHistory(droppedTurns: number, maxContextTokens: number): string {
  return droppedTurns === 1
    ? t('1 earlier turn was left out of this request to fit the context budget (cometapi.maxContextTokens = {0} tokens).', formatCount(maxContextTokens))
    : t(
        '{0} earlier turns were left out of this request to fit the context budget (cometapi.maxContextTokens = {1} tokens).',
        droppedTurns,
        formatCount(maxContextTokens),
      );
}

export function describeFinishReason(reason: string | undefined): string | undefined {
  switch (reason) {
    case 'length':
      return t('The answer was cut off at the output token limit (cometapi.maxOutputTokens or the model’s own limit).');
    case 'content_filter':
      return t('The provider’s content filter stopped this answer.');
    default:
      return undefined;
  }
}
