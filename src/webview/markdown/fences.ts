// Knowing that a fenced code block is closed lets it be frozen and highlighted right away, instead of waiting
// for the next block to start.
import type { Token } from 'marked';

const OPENING_FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** marked's closing-fence rule: up to 3 spaces of indent, the fence, then only spaces. */
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,}) *$/;

export function isClosedFence(token: Token): boolean {
  if (token.type !== 'code' || token.codeBlockStyle === 'indented') {
    return false;
  }
  const lines = token.raw.replace(/\n+$/, '').split('\n');
  if (lines.length < 2) {
    return false;
  }
  const opening = OPENING_FENCE.exec(lines[0]);
  const closing = CLOSING_FENCE.exec(lines[lines.length - 1]);
  return opening !== null && closing !== null && closing[1][0] === opening[1][0] && closing[1].length >= opening[1].length;
}
