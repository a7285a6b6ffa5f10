// A GFM table that is still open grows by appending rows: each line that a newline completes is rendered on
// its own (its cells' inline markdown, with the table's column count and alignment, through the same marked
// setup and sanitiser as everything else) and its <tr> goes at the end of the table's <tbody>. No lexing of
// the whole table per frame, and no render of it again later: the rows appended are the rows a one-shot render
// gives, because marked builds each body row from its own line alone (the header decides the column count
// and alignment, nothing else crosses rows). The unfinished last line waits as plain text after the table
// (see tailPreview.ts). A line it cannot vouch for (one that ends the table, or raw HTML, which could close
// the table in the browser's parser and so change the rows after it) hands the tail back to the normal
// rendering, which lexes it once. See docs/architecture.md.
import type { Links, Token } from 'marked';
import type { RenderTarget } from './blockRenderer';
import { lexMarkdown, tokensToHtml } from './markedSetup';
import { sanitizeHtmlParts } from './sanitize';

/**
 * Raw HTML in a row could end the table or its body in the browser's parser, which would move every later
 * row of a one-shot render; a row rendered alone cannot show that. A line break tag is the one HTML models
 * put in cells, and it cannot change the parser's context.
 */
function mayHoldStructuralHtml(line: string): boolean {
  return line.replace(/<br\s*\/?>/gi, '').includes('<');
}

/** The two lines that make a table: header and delimiter, each with its "\n". */
export type Growth = 'grown' | 'ended' | 'unsure';

function headerLines(source: string): string | undefined {
  const first = source.indexOf('\n');
  const second = first < 0 ? -1 : source.indexOf('\n', first + 1);
  return second < 0 ? undefined : source.slice(0, second + 1);
}

export class OpenTable {
  /** The complete lines shown as rows, with the header: the table's markdown as far as the DOM shows it. */
  private shown: string;
  /** The unfinished last line, not in the table yet. */
  private line: string;
  /**
   * Rows rendered but not in the table yet, and their lines. Adding a row makes the browser lay the whole
   * table out again (a column's width depends on every cell in it), so a giant table takes its new rows in
   * batches (see incrementalRenderer.ts); rendering them as their lines complete keeps each frame small.
   */
  private waiting: ChildNode[] = [];
  private waitingLines = '';

  private constructor(
    private readonly header: string,
    private readonly body: HTMLTableSectionElement,
    private readonly links: Links,
    private readonly target: RenderTarget,
    shown: string,
    line: string,
  ) {
    this.shown = shown;
    this.line = line;
  }

  /**
   * Takes over the tail when it is exactly one table with at least one complete body row, shown as `nodes`.
   * The row of an unfinished last line is taken out of the table (it becomes `pending`). `links`: the
   * reference definitions the tail was rendered with.
   */
  static start(tail: string, token: Token, nodes: readonly ChildNode[], links: Links, target: RenderTarget): OpenTable | undefined {
    const header = headerLines(tail);
    const table = nodes.find((node): node is HTMLTableElement => node.nodeName === 'TABLE');
    const body = table?.tBodies.length === 1 ? table.tBodies[0] : undefined;
    if (token.type !== 'table' || token.raw !== tail || header === undefined || !body || body !== table?.lastElementChild) {
      return undefined;
    }
    const rows = token.rows as unknown[];
    if (body.rows.length !== rows.length || body.lastChild?.nodeType !== 3) {
      return undefined;
    }
    const lineStart = tail.lastIndexOf('\n') + 1;
    const line = tail.slice(lineStart);
    // marked makes a row of the last line unless it is blank; a blank unfinished line is not in the DOM.
    const lineIsRow = line.trim() !== '';
    // An unfinished tag in the line's row may have made the browser's parser swallow what follows it.
    if (rows.length - (lineIsRow ? 1 : 0) < 1 || mayHoldStructuralHtml(line)) {
      return undefined;
    }
    if (lineIsRow) {
      // The row and the "\n" text after it (marked writes "</tr>\n").
      body.lastChild.remove();
      body.lastChild?.remove();
    }
    return new OpenTable(header, body, links, target, tail.slice(0, lineStart), line);
  }

  /** Puts the rows rendered so far into the table. */
  attach(): void {
    this.body.append(...this.waiting);
    this.shown += this.waitingLines;
    this.waiting = [];
    this.waitingLines = '';
  }

  /** The markdown the table element shows: header, delimiter and the rows attached. */
  get raw(): string {
    return this.shown;
  }

  /** The unfinished last line. */
  get pending(): string {
    return this.line;
  }

  /**
   * Renders the rows that `delta` (the markdown since the last frame) completes, to attach. 'grown': every
   * completed line was a row. 'ended': a completed line does not continue the table; the rows before it were
   * rendered, and the tail must be rendered as usual now (a new block starts). 'unsure': nothing changed,
   * the lines are not ones a row rendered alone can vouch for. `complete`: no more text comes, so the last
   * line is a row now if marked makes one of it.
   */
  grow(delta: string, complete = false): Growth {
    const text = this.line + delta;
    const end = complete ? text.length : text.lastIndexOf('\n') + 1;
    const lines = text.slice(0, end);
    if (lines.length === 0) {
      this.line = text;
      return 'grown';
    }
    const added = (lines.endsWith('\n') ? lines.slice(0, -1) : lines).split('\n');
    if ((complete && added.at(-1)?.trim() === '') || added.some(mayHoldStructuralHtml)) {
      // marked drops a blank last line (its raw would differ from the rows'); HTML: see mayHoldStructuralHtml.
      return 'unsure';
    }
    if (this.append(lines, added.length)) {
      this.line = text.slice(end);
      return 'grown';
    }
    // Whether a line continues a table depends on that line alone, so marked's rows are the lines before the
    // first one that does not.
    const { tokens } = lexMarkdown(this.header + lines, this.links);
    const rows = tokens[0]?.type === 'table' ? (tokens[0].rows as unknown[]).length : 0;
    if (rows >= added.length || (rows > 0 && !this.append(`${added.slice(0, rows).join('\n')}\n`, rows))) {
      return 'unsure';
    }
    return 'ended';
  }

  /** Renders the rows of `lines` (`count` lines), if marked makes exactly that many rows of them. */
  private append(lines: string, count: number): boolean {
    const source = this.header + lines;
    const { tokens } = lexMarkdown(source, this.links);
    const token = tokens[0];
    if (tokens.length !== 1 || token.type !== 'table' || token.raw !== source || (token.rows as unknown[]).length !== count) {
      return false;
    }
    const [holder] = sanitizeHtmlParts([tokensToHtml(tokens)], this.target.window);
    const rendered = holder.querySelector('tbody');
    if (!rendered || rendered.rows.length !== count) {
      return false;
    }
    this.waiting.push(...Array.from(rendered.childNodes));
    this.waitingLines += lines;
    return true;
  }
}
