// Wording for what the person reads in the chat: token usage, relative times, short summaries. Counts, line
// ranges and truncation notices come from src/shared/selectionText, so the card says what the model was told.
import type { Usage } from '../../shared/conversation';
import { formatCount } from '../../shared/selectionText';

/** "1,234 tokens · 56 prompt · 78 completion". */
export function formatUsage(usage: Usage): string {
  return `${formatCount(usage.totalTokens)} tokens · ${formatCount(usage.promptTokens)} prompt · ${formatCount(usage.completionTokens)} completion`;
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
    return 'just now';
  }
  if (elapsed < HOUR) {
    return `${Math.floor(elapsed / MINUTE)} min ago`;
  }
  if (elapsed < DAY) {
    return `${Math.floor(elapsed / HOUR)} h ago`;
  }
  if (elapsed < 2 * DAY) {
    return 'yesterday';
  }
  if (elapsed < 7 * DAY) {
    return `${Math.floor(elapsed / DAY)} days ago`;
  }
  return new Date(timestamp).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
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
