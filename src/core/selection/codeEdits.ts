// Pure text decisions behind "Insert at Cursor" and "Replace Selection": where the code the person asked about
// sits now, and how a suggestion's indentation and line breaks are fitted to the place it goes, so it neither
// glues itself onto the next line, leaves a stray blank one, nor lands flush left inside an indented block.

export interface TextSpan {
  /** Offsets into the searched text, end exclusive. */
  readonly start: number;
  readonly end: number;
}

/**
 * Where `original` sits in `region` (the text of the lines it was taken from, as they are now), or undefined
 * when it is not there any more, or is there more than once so that replacing either would be a guess.
 */
export function locateOriginal(region: string, original: string): TextSpan | undefined {
  if (original === '') {
    return undefined;
  }
  const first = region.indexOf(original);
  if (first === -1 || region.indexOf(original, first + 1) !== -1) {
    return undefined;
  }
  return { start: first, end: first + original.length };
}

function endsWithLineBreak(text: string): boolean {
  return text.endsWith('\n') || text.endsWith('\r');
}

function linesOf(text: string): string[] {
  return text.replace(/\r?\n$|\r$/, '').split(/\r\n|\r|\n/);
}

function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** The indentation all non-blank lines share (the longest common prefix of their leading whitespace). */
function commonIndent(lines: readonly string[]): string {
  let common: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') {
      continue;
    }
    const indent = leadingWhitespace(line);
    if (common === undefined) {
      common = indent;
      continue;
    }
    let shared = 0;
    while (shared < common.length && shared < indent.length && common[shared] === indent[shared]) {
      shared++;
    }
    common = common.slice(0, shared);
  }
  return common ?? '';
}

/**
 * Models usually write code blocks flush left. Put where the code goes had indentation, such code gets it on
 * every line that does not already sit after `lineBefore`; code the model indented itself is left alone.
 */
function indentLike(suggestionLines: readonly string[], placeIndent: string, lineBefore: string): string[] {
  if (placeIndent === '' || commonIndent(suggestionLines) !== '') {
    return [...suggestionLines];
  }
  const firstIndented = lineBefore === '' ? 0 : 1;
  return suggestionLines.map((line, i) => (i >= firstIndented && line.trim() !== '' ? placeIndent + line : line));
}

/** Writes every line break as `eol`, the document's own, so a CRLF file does not end up with mixed endings. */
export function withLineBreaks(text: string, eol: '\n' | '\r\n'): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

/**
 * The suggestion as it should replace `replaced`, which starts after `lineBefore` on its first line: indented
 * like the replaced code, and ending in a line break exactly when the replaced text did (a whole-line selection
 * includes its last line break; the model's code block usually does not).
 */
export function fitReplacement(replaced: string, suggestion: string, lineBefore: string, eol: '\n' | '\r\n'): string {
  const replacedLines = linesOf(replaced);
  const placeIndent = commonIndent([lineBefore + (replacedLines[0] ?? ''), ...replacedLines.slice(1)]);
  const body = indentLike(linesOf(suggestion), placeIndent, lineBefore).join(eol);
  return endsWithLineBreak(replaced) ? body + eol : body;
}

/**
 * The suggestion as it should be inserted at a cursor with `lineBefore` / `lineAfter` the text of its line on
 * either side: following lines indented like the cursor's line, and, when the cursor is in a line's indentation
 * with text after it, a line break so that text moves below the code instead of being glued to its end.
 */
export function fitInsertion(suggestion: string, lineBefore: string, lineAfter: string, eol: '\n' | '\r\n'): string {
  const placeIndent = leadingWhitespace(lineBefore);
  const body = indentLike(linesOf(suggestion), placeIndent, lineBefore).join(eol);
  const inIndentation = lineBefore.trim() === '';
  return inIndentation && lineAfter.trim() !== '' ? body + eol + placeIndent : body;
}
