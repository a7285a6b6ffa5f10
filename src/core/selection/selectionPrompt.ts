// Turns selected code into the CodeContext a chat message carries, and a user message with its contexts into the
// text the model actually reads. Pure: the host reads editors, this decides what is sent and how it is fenced.
import type { CodeContext, UserMessage } from '../../shared/conversation';
import { contextLabel, formatCount, truncationNotice } from '../../shared/selectionText';
import { languageDisplayName } from './languageIds';
import { t } from '../../shared/l10n';

export interface SelectionInput {
  /** Workspace-relative path, or a label such as "Untitled-1" or "notebook.ipynb, cell 3". */
  readonly path: string;
  readonly languageId: string;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
  readonly uri?: string;
  /** cometapi.maxContextCharacters: the most characters of this selection that may be sent. */
  readonly maxChars: number;
}

export type BuildContextResult = { readonly ok: true; readonly context: CodeContext } | { readonly ok: false; readonly reason: string };

/** Share of control characters above which text is taken for binary that was opened as text. */
const binaryControlShare = 0.1;
/** Enough of the text to judge it by, without scanning a huge selection twice. */
const binarySampleLength = 64 * 1024;

/**
 * True for text that is most likely binary: any NUL, or more than a tenth of control characters (other than
 * tab, line breaks, form feed and escape, which real text files contain) or U+FFFD, which is what undecodable
 * bytes become when a binary file is opened as UTF-8.
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\0')) {
    return true;
  }
  const sample = text.slice(0, binarySampleLength);
  if (sample.length === 0) {
    return false;
  }
  let suspicious = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    const isC0Control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c && code !== 0x1b;
    const isC1Control = code >= 0x7f && code <= 0x9f;
    if (isC0Control || isC1Control || code === 0xfffd) {
      suspicious++;
    }
  }
  return suspicious / sample.length > binaryControlShare;
}

/**
 * The longest prefix of `text` made of whole lines (each with its line break) that fits in `maxChars`,
 * and how many lines that is.
 */
function wholeLinesWithin(text: string, maxChars: number): { readonly kept: string; readonly lines: number } {
  let end = 0;
  let lines = 0;
  while (end < text.length) {
    const newline = text.indexOf('\n', end);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    if (lineEnd > maxChars) {
      break;
    }
    end = lineEnd;
    lines++;
  }
  return { kept: text.slice(0, end), lines };
}

/**
 * A CodeContext for one selection, cut at a line boundary when longer than `maxChars` (with truncatedAtLine and
 * totalLines set so the cut is shown), or a reason it cannot be sent: binary content, nothing but whitespace,
 * or a single line already longer than the limit (cutting inside a line would hide that anything was cut).
 */
export function buildContext(input: SelectionInput): BuildContextResult {
  const { path, languageId, startLine, endLine, text, uri, maxChars } = input;
  const where = contextLabel({ path, startLine, endLine });
  if (text.trim() === '') {
    return { ok: false, reason: t('Nothing to send from {0}: the selection is empty or only whitespace.', where) };
  }
  if (looksBinary(text)) {
    return {
      ok: false,
      reason: t('{0} looks like binary content (control characters or NUL bytes), so it was not sent. Select text instead.', where),
    };
  }
  const base = { path, languageId, startLine, endLine, ...(uri === undefined ? {} : { uri }) };
  if (text.length <= maxChars) {
    return { ok: true, context: { ...base, code: text } };
  }
  const { kept, lines } = wholeLinesWithin(text, maxChars);
  if (lines === 0) {
    const firstLineLength = text.indexOf('\n') === -1 ? text.length : text.indexOf('\n');
    return {
      ok: false,
      reason: t(
        'Line {0} of {1} alone is {2} characters, more than the {3} allowed by the cometapi.maxContextCharacters setting. Select less, or raise the setting.',
        formatCount(startLine),
        path,
        formatCount(firstLineLength),
        formatCount(maxChars),
      ),
    };
  }
  return {
    ok: true,
    context: { ...base, code: kept, truncatedAtLine: startLine + lines - 1, totalLines: endLine - startLine + 1 },
  };
}

/** A backtick fence longer than any run of backticks in the code, so code containing ``` cannot close it early. */
export function fenceFor(code: string): string {
  let longestRun = 0;
  for (const run of code.match(/`+/g) ?? []) {
    longestRun = Math.max(longestRun, run.length);
  }
  return '`'.repeat(Math.max(3, longestRun + 1));
}

/** One attached context as the model sees it: a header naming file and lines (and any cut), then the fenced code. */
export function renderCodeContext(context: CodeContext): string {
  // One line of header: a path with a line break in it must not start a paragraph of its own.
  const header = (context.wholeFile ? wholeFileLabel(context) : contextLabel(context)).replace(/[\r\n]+/g, ' ');
  const notice = truncationNotice(context);
  const code = context.code.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const fence = fenceFor(code);
  // An info string may not contain backticks or spaces; language ids never do, but the fence must not depend on it.
  const tag = context.languageId.replace(/[`\s]/g, '');
  return `${header}${notice === undefined ? '' : ` (cut to fit: ${notice})`}:\n${fence}${tag}\n${code}\n${fence}`;
}

/** "src/app.ts (whole file, 120 lines)": an attached file is named as the file, not as a range of it. */
function wholeFileLabel(context: CodeContext): string {
  const lines = context.totalLines ?? context.endLine;
  return `${context.path} (whole file, ${formatCount(lines)} ${lines === 1 ? 'line' : 'lines'})`;
}

/** The text sent to the model for a user message: what the person wrote, then each attached context in order. */
export function renderUserMessage(message: Pick<UserMessage, 'text' | 'contexts'>): string {
  const parts: string[] = [];
  const text = message.text.trimEnd();
  if (text.trim() !== '') {
    parts.push(text);
  }
  for (const context of message.contexts ?? []) {
    parts.push(renderCodeContext(context));
  }
  return parts.join('\n\n');
}

/**
 * The instruction Explain Selection sends with the code. `languageId` is left out when the selections are in
 * different languages; `selectionCount` > 1 asks about the pieces together.
 */
export function explainInstruction(languageId?: string, selectionCount = 1): string {
  const language = languageId === undefined || languageId === 'plaintext' ? '' : `${languageDisplayName(languageId)} `;
  const subject = selectionCount > 1 ? `these ${selectionCount} pieces of ${language}code` : `this ${language}code`;
  return `Explain ${subject}: what it does, how it works, and anything surprising or risky in it. Be concise.`;
}
