// Turns streamed deltas into the markdown source the renderer sees.
// Two things can be split across deltas and must not be rendered half-way: a CRLF pair (a lone "\r"
// rendered now and a "\n" later would count as two line breaks, i.e. a blank line) and a UTF-16 surrogate
// pair (a lone surrogate renders as garbage). Both are held back until the next delta or the end.

const REPLACEMENT_CHARACTER = '\uFFFD';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_ENDING = /\r\n?/g;

/** The markdown source of a finished text: "\n" line endings, lone surrogates replaced. */
export function normalizeMarkdownSource(text: string): string {
  return text.replace(LINE_ENDING, '\n').replace(LONE_SURROGATE, REPLACEMENT_CHARACTER);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Accumulates deltas and hands out the renderable markdown piece by piece: the pieces joined always equal
 * normalizeMarkdownSource of the text so far, minus a held-back last character.
 */
export class StreamedSource {
  private received = '';
  /** A trailing "\r" or high surrogate whose partner may come in the next delta. */
  private heldBack = '';

  /** Everything appended, exactly as received. */
  get text(): string {
    return this.received;
  }

  /** Takes a delta; returns the markdown that became renderable. */
  append(delta: string): string {
    if (delta.length === 0) {
      return '';
    }
    this.received += delta;
    let pending = this.heldBack + delta;
    this.heldBack = '';
    const last = pending.charCodeAt(pending.length - 1);
    if (last === 0x0d || isHighSurrogate(last)) {
      this.heldBack = pending.charAt(pending.length - 1);
      pending = pending.slice(0, -1);
    }
    // The held-back character was removed before normalizing, so a pair can never be split here.
    return normalizeMarkdownSource(pending);
  }

  /** No more deltas: returns whatever was held back, to be rendered as it stands. */
  finish(): string {
    const rest = normalizeMarkdownSource(this.heldBack);
    this.heldBack = '';
    return rest;
  }
}
