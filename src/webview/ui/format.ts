// Wording for what the person reads in the chat: token usage, relative times, short summaries, in the display
// language (numbers and dates through Intl, see localization.ts). Line ranges and truncation notices come from
// src/shared/selectionText, so the card says what the model was told.
import { usdFormatOptions } from '../../shared/moneyFormat';
import type { AnswerCost, Usage } from '../../shared/conversation';
import { t } from '../../shared/l10n';
import { formatCurrency, formatDate, formatNumber } from './localization';

/** "1,234 tokens · 56 prompt · 78 completion", with "(40 from cache)" after the prompt when the cache served some. */
export function formatUsage(usage: Usage): string {
  const total = formatNumber(usage.totalTokens);
  const prompt = formatNumber(usage.promptTokens);
  const completion = formatNumber(usage.completionTokens);
  if (usage.cacheReadTokens !== undefined && usage.cacheReadTokens > 0) {
    return t('{0} tokens · {1} prompt ({2} from cache) · {3} completion', total, prompt, formatNumber(usage.cacheReadTokens), completion);
  }
  return t('{0} tokens · {1} prompt · {2} completion', total, prompt, completion);
}

/** "$0.0042 · 1,234 tokens", or why there is no price: never a guessed number. */
export function formatCost(cost: AnswerCost): string {
  switch (cost.kind) {
    case 'priced':
      return t('{0} · {1} tokens', formatUsd(cost.usd), formatNumber(cost.tokens));
    case 'priceUnknown':
      return t('Price unknown');
    case 'usageNotReported':
      return t('Usage not reported');
  }
}

/** Two significant digits below a dollar, cents above (src/shared/moneyFormat.ts). */
export function formatUsd(usd: number): string {
  return formatCurrency(usd, usdFormatOptions(usd));
}

/** The file name of a path or URI-like string, for compact chips. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter((part) => part.length > 0);
  return parts.length > 0 ? parts[parts.length - 1] : path;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then a date. */
export function formatRelativeTime(timestamp: number, now: number): string {
  const elapsed = Math.max(0, now - timestamp);
  if (elapsed < MINUTE) {
    return t('just now');
  }
  if (elapsed < HOUR) {
    return t('{0} min ago', formatNumber(Math.floor(elapsed / MINUTE)));
  }
  if (elapsed < DAY) {
    return t('{0} h ago', formatNumber(Math.floor(elapsed / HOUR)));
  }
  if (elapsed < 2 * DAY) {
    return t('yesterday');
  }
  if (elapsed < 7 * DAY) {
    return t('{0} days ago', formatNumber(Math.floor(elapsed / DAY)));
  }
  return formatDate(timestamp);
}

/** Collapses whitespace and cuts to about `limit` characters at a word boundary, for announcements. */
export function summarise(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) {
    return flat;
  }
  const cut = flat.slice(0, limit);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > limit * 0.6 ? cut.slice(0, lastSpace) : cut}…`;
}
