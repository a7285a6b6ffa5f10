// A fenced code block that is still open grows by appending its new text to the DOM: no lexing and no rendering
// per frame, so a frame costs the same at the end of a 200 KB "whole file" answer as at its start. It only has
// to notice the line that closes the block; that line (or anything it cannot vouch for) hands the tail back to
// the normal rendering, which lexes it once. See docs/architecture.md.
import type { Token } from 'marked';
import { codeOfBlock } from './codeBlocks';

/** An opening fence with no indent (an indented one makes marked strip indent from every line). */
const OPENING_FENCE = /^(`{3,}|~{3,})[^\n]*\n/;

/**
 * marked's code text for the content of a fence that is not closed (everything after the opening line):
 * the content without its last "\n", unless that leaves nothing or a text ending in "\n", which marked
 * gives its "\n" back.
 */
export function openFenceText(content: string): string {
  return content.slice(0, content.length - droppedNewline(content.length, content.slice(-2)));
}

/** 1 when openFenceText drops the content's last "\n", from its length and last two characters. */
function droppedNewline(length: number, lastTwo: string): 0 | 1 {
  return lastTwo.endsWith('\n') && length > 1 && !lastTwo.startsWith('\n') ? 1 : 0;
}

/**
 * Past this many characters in its last group, the open code continues in a new group: an inline-block holding
 * the next lines, after a "\n" text node. The browser lays out only the group whose text changed, so a frame
 * does not cost more at the end of a 200 KB block than at its start; text, Copy and innerText are unchanged,
 * and the closing fence renders the block again as one text node (see docs/architecture.md).
 */
const GROUP_CHARS = 2_000;

function escapeRegExp(text: string): string {
  return text.replace(/[`~]/g, '\\$&');
}

export class OpenFence {
  /** The content's length and last two characters: all that decides what marked drops at its end. */
  private length: number;
  private lastTwo: string;
  /** The current line, while it could still become a closing fence; undefined once it cannot. */
  private line: string | undefined;
  /** The text node new code goes to: the code element's only child, then the last group's. */
  private last: Text | undefined;

  private constructor(
    private readonly code: HTMLElement,
    content: string,
    /** marked's closing fence: the opening fence's character at least as many times, then only spaces. */
    private readonly closing: RegExp,
    private readonly couldClose: RegExp,
  ) {
    this.length = content.length;
    this.lastTwo = content.slice(-2);
    const lineStart = content.lastIndexOf('\n') + 1;
    this.line = content.slice(lineStart);
    this.line = couldClose.test(this.line) ? this.line : undefined;
    this.last = (code.firstChild as Text | null) ?? undefined;
  }

  /**
   * Takes over the tail when it is exactly one open fenced code block, shown as `block` (the tail's only
   * node) with nothing but its text in the code element; undefined otherwise.
   */
  static start(tail: string, token: Token, block: ChildNode | null): OpenFence | undefined {
    const opening = OPENING_FENCE.exec(tail);
    const code = block ? codeOfBlock(block) : null;
    if (!opening || !code || token.type !== 'code' || token.raw !== tail || code.childNodes.length > 1) {
      return undefined;
    }
    const content = tail.slice(opening[0].length);
    if ((code.textContent ?? '') !== openFenceText(content) || token.text !== code.textContent) {
      return undefined;
    }
    const char = escapeRegExp(opening[1][0]);
    const count = opening[1].length;
    const closing = new RegExp(`^ {0,3}${char}{${count},} *$`);
    const couldClose = new RegExp(`^ {0,3}(?:${char}{0,${count - 1}}|${char}{${count},} *)$`);
    return new OpenFence(code, content, closing, couldClose);
  }

  /**
   * Appends `delta` (the markdown that arrived since the last frame) to the block; false, with nothing
   * changed, when it brings a line that closes the block (or the code element is no longer as it was left).
   */
  grow(delta: string): boolean {
    if (!this.intact()) {
      return false;
    }
    let line = this.line;
    for (let start = 0; ;) {
      const newline = delta.indexOf('\n', start);
      if (line !== undefined) {
        line += newline < 0 ? delta.slice(start) : delta.slice(start, newline);
        // marked closes a fence at a closing line even before its "\n" arrives.
        if (this.closing.test(line)) {
          return false;
        }
        line = this.couldClose.test(line) ? line : undefined;
      }
      if (newline < 0) {
        break;
      }
      line = '';
      start = newline + 1;
    }
    const droppedBefore = droppedNewline(this.length, this.lastTwo);
    this.length += delta.length;
    this.lastTwo = (this.lastTwo + delta).slice(-2);
    const droppedAfter = droppedNewline(this.length, this.lastTwo);
    const added = (droppedBefore ? '\n' : '') + delta.slice(0, delta.length - droppedAfter);
    if (added) {
      this.append(added);
    }
    this.line = line;
    return true;
  }

  /** Whether the code element ends as this left it (nothing replaced or highlighted it since). */
  private intact(): boolean {
    const last = this.last;
    if (!last) {
      return this.code.firstChild === null;
    }
    const holder = last.parentNode;
    const ownBox = holder === this.code ? last : holder;
    return holder !== null && holder.lastChild === last && ownBox?.parentNode === this.code && this.code.lastChild === ownBox;
  }

  private append(added: string): void {
    const last = this.last;
    const lineEnd = added.lastIndexOf('\n');
    if (!last || last.length + added.length < GROUP_CHARS || lineEnd < 0 || lineEnd === added.length - 1) {
      if (last) {
        last.appendData(added);
      } else {
        this.last = this.code.ownerDocument.createTextNode(added);
        this.code.append(this.last);
      }
      return;
    }
    const doc = this.code.ownerDocument;
    last.appendData(added.slice(0, lineEnd));
    const group = doc.createElement('span');
    // Its own layout box (set through CSSOM, which the webview's CSP allows); inline, so it adds no line break.
    group.style.display = 'inline-block';
    this.last = doc.createTextNode(added.slice(lineEnd + 1));
    group.append(this.last);
    this.code.append(doc.createTextNode('\n'), group);
  }
}
