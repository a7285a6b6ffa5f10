// Wording and number formatting for what the person reads: token counts, line ranges, relative times.
import type { CodeContext, Usage } from '../../shared/conversation';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return integer.format(value);
}

/** "1,234 tokens · 56 prompt · 78 completion". */
export function formatUsage(usage: Usage): string {
  return `${formatCount(usage.totalTokens)} tokens · ${formatCount(usage.promptTokens)} prompt · ${formatCount(usage.completionTokens)} completion`;
}

/** "lines 10-24", or "line 7" for a single line. */
export function formatLineRange(context: Pick<CodeContext, 'startLine' | 'endLine'>): string {
  return context.startLine === context.endLine
    ? `line ${formatCount(context.startLine)}`
    : `lines ${formatCount(context.startLine)}-${formatCount(context.endLine)}`;
}

/** "lines 1-2,300 of 9,000 included" when the selection was cut to fit, else undefined. */
export function formatTruncation(context: CodeContext): string | undefined {
  if (context.truncatedAtLine === undefined || context.totalLines === undefined) {
    return undefined;
  }
  return `lines ${formatCount(context.startLine)}-${formatCount(context.truncatedAtLine)} of ${formatCount(context.totalLines)} included`;
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
