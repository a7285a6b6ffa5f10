// Wording about attached code that both sides show: the host puts it in the prompt, the webview on the selection
// card and chips. One formatter means the person reads the same "lines 1-2,300 of 9,000 included" as the model.
import type { CodeContext } from './conversation';
import { t } from './l10n';

/**
 * 9000 -> "9,000". Grouped by hand rather than with toLocaleString so the prompt text (and the tests) do not
 * change with the machine's locale, and the card says exactly what the model was told.
 */
export function formatCount(value: number): string {
  const digits = String(Math.trunc(Math.abs(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `-${grouped}` : grouped;
}

/** "line 7" for one line, "lines 1-2,300" for several (1-based, inclusive). */
export function formatLineRange(startLine: number, endLine: number): string {
  if (endLine <= startLine) {
    return `line ${formatCount(startLine)}`;
  }
  return `lines ${formatCount(startLine)}-${formatCount(endLine)}`;
}

/** formatLineRange in the person's language, for what the UI says (the prompt keeps formatLineRange's English). */
export function shownLineRange(startLine: number, endLine: number): string {
  return endLine <= startLine ? t('line {0}', formatCount(startLine)) : t('lines {0}-{1}', formatCount(startLine), formatCount(endLine));
}

/** contextLabel in the person's language: "src/app.ts, lines 3-9". */
export function shownContextLabel(context: Pick<CodeContext, 'path' | 'startLine' | 'endLine'>): string {
  return t('{0}, {1}', context.path, shownLineRange(context.startLine, context.endLine));
}

/** truncationNotice in the person's language, for the card and chips. */
export function shownTruncationNotice(context: Pick<CodeContext, 'startLine' | 'endLine' | 'truncatedAtLine' | 'totalLines'>): string | undefined {
  if (context.truncatedAtLine === undefined) {
    return undefined;
  }
  const included = shownLineRange(context.startLine, context.truncatedAtLine);
  const of = context.startLine === 1 ? formatCount(context.totalLines ?? context.endLine) : `${formatCount(context.startLine)}-${formatCount(context.endLine)}`;
  return t('{0} of {1} included', included, of);
}

/** "src/app.ts, lines 3-9": what the code is, for card titles, chips and the prompt header. */
export function contextLabel(context: Pick<CodeContext, 'path' | 'startLine' | 'endLine'>): string {
  return `${context.path}, ${formatLineRange(context.startLine, context.endLine)}`;
}

/**
 * The visible notice for a selection that was cut to fit, or undefined when it was sent whole.
 * A selection from line 1 reads "lines 1-2,300 of 9,000 included"; one starting further down names the original
 * range instead of a bare count ("lines 101-2,400 of 101-9,100 included"), since "of 9,000" would then
 * read as a line number.
 */
export function truncationNotice(context: Pick<CodeContext, 'startLine' | 'endLine' | 'truncatedAtLine' | 'totalLines'>): string | undefined {
  if (context.truncatedAtLine === undefined) {
    return undefined;
  }
  const included = formatLineRange(context.startLine, context.truncatedAtLine);
  if (context.startLine === 1) {
    const total = context.totalLines ?? context.endLine;
    return `${included} of ${formatCount(total)} included`;
  }
  const original = `${formatCount(context.startLine)}-${formatCount(context.endLine)}`;
  return `${included} of ${original} included`;
}
