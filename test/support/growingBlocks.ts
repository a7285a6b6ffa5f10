// Documents whose last block grows by many rows or items while it streams: the shapes that the open table
// (src/webview/markdown/openTable.ts) appends to instead of rendering again. Each holds the GFM traps that
// could make a row rendered alone differ from the same row in a one-shot render. Deterministic per seed.
import { createRandom } from './markdownCorpus';

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Cell contents: inline markup, escaped pipes, pipes in code spans (which still split cells in GFM), HTML. */
const CELLS = [
  'plain',
  '**bold** and *em*',
  '`code`',
  '`a|b`',
  '`a\\|b`',
  'a \\| b',
  'tail \\\\',
  '[link](https://example.com/x)',
  '[ref link][guide]',
  'line<br>break',
  'two<br/>breaks<br />here',
  '<b>raw html</b>',
  'a </tbody> b',
  '~~struck~~',
  '',
  '  spaced  ',
  '😀 emoji',
  '&amp; &lt;entity&gt;',
  '1. not a list',
  '# not a heading',
];

/** Lines that are still rows in marked (no pipe at all, a lone dash, a tab) or that end the table. */
const ODD_ROWS = ['no pipe at all', '-', 'x | y', '|', '| a | b | c | d | e | f | g |', '\\|escaped start', '    | four spaces'];

function tableRow(random: Random, columns: number): string {
  const count = Math.max(1, columns + pick(random, [0, 0, 0, 0, -1, 1, 2, -2]));
  const cells = Array.from({ length: count }, () => pick(random, CELLS));
  const lead = random() < 0.8 ? '| ' : '';
  const trail = random() < 0.8 ? ' |' : '';
  return `${lead}${cells.join(' | ')}${trail}`;
}

const ENDINGS = [
  '',
  '\n\nA paragraph after the table.\n',
  '\n- a list item ends it\n- and another\n',
  '\n# A heading ends it\n',
  '\n> a quote ends it\n',
  '\n```\ncode after\n```\n',
  '\n---\n',
  '\n<div>html block</div>\n',
  '\n\n[guide]: https://example.com/guide\n',
];

/** A table of `rows` rows with alignment, ragged and odd rows, ended by `ending` (or the end of the text). */
export function growingTable(seed: number, rows: number): string {
  const random = createRandom(seed);
  const columns = 1 + Math.floor(random() * 5);
  const aligns = Array.from({ length: columns }, () => pick(random, ['---', ':--', '--:', ':-:', '-']));
  const header = `| ${Array.from({ length: columns }, (_, i) => `H${i} *${i}*`).join(' | ')} |`;
  const lines = [header, `|${aligns.join('|')}|`];
  for (let i = 0; i < rows; i++) {
    lines.push(random() < 0.08 ? pick(random, ODD_ROWS) : tableRow(random, columns));
  }
  const intro = random() < 0.5 ? 'Here is the table:\n\n' : '';
  const end = random() < 0.5 ? '\n' : '';
  return `${intro}${lines.join('\n')}${end}${pick(random, ENDINGS)}`;
}

/** Small tables, each streamed one character per delta in the tests. */
export const SMALL_TABLES: readonly string[] = [
  '| a | b |\n|:-|-:|\n| 1 | 2 |\n| 3 | 4 |\n| 5 |\n| 6 | 7 | 8 |\n',
  '| a \\| b | `c|d` |\n|---|---|\n| `x\\|y` | e \\| f |\n| `p|q` | r |\nlazy row\n\nafter\n',
  'a | b\n--|--\n1 | 2\n3 | 4\n- list ends it\n',
  '| h |\n|---|\n| <b>bold</b> |\n| x<br>y |\n| </table> |\n| after |\n',
  '| h | i |\n|---|:-:|\n| 1 | 2 |\n\n',
  '| h | i |\n|---|:-:|\n| 1 | 2 |\n   ',
  '| h | i |\n|---|:-:|\n| 1 | 2 |\n\t\n| 3 | 4 |',
  '| h |\n|---|\n| [a][r] |\n| b |\n\n[r]: https://example.com/r\n',
];

/** Item contents: inline markup, a nested list, a task box, a code block, a continuation line. */
const ITEMS = [
  'plain item',
  'item with *emphasis* and `code`',
  '[ ] open task',
  '[x] done task',
  'item\n  continued on an indented line',
  'item\nlazy continuation line',
  'parent\n  - nested a\n  - nested b',
  'parent\n  1. nested one\n  2. nested two',
  'with code\n  ```\n  code in item\n  ```',
  'a [link](https://example.com/y)',
  '<b>html</b> in item',
  '<b>unclosed bold',
  'key <kbd>Ctrl</',
  'a </ol> b',
  '---',
];

const LIST_ENDINGS = ['', '\n\nA paragraph after the list.\n', '\n# A heading ends it\n', '\n> a quote\n', '\n---\n', '\n\n    indented code\n'];

/**
 * A list of `items` items: bullet or ordered with a start number, tight, or loose from a blank line that
 * comes late (`looseAt`, an item index, or never), sometimes a different bullet that starts a new list.
 */
export function growingList(seed: number, items: number): string {
  const random = createRandom(seed);
  const ordered = random() < 0.4;
  const start = ordered ? pick(random, [1, 1, 3, 10, 99]) : 0;
  const bullet = pick(random, ['-', '*', '+']);
  const delimiter = pick(random, ['.', ')']);
  const looseAt = random() < 0.4 ? Math.floor(random() * items) : -1;
  const lines: string[] = [];
  for (let i = 0; i < items; i++) {
    const marker = ordered ? `${start + i}${delimiter}` : bullet;
    const odd = random() < 0.03 ? pick(random, [ordered ? '-' : '1.', ordered ? `${i})` : bullet === '-' ? '*' : '-']) : marker;
    const content = pick(random, ITEMS).replace(/\n {2}/g, `\n${' '.repeat(odd.length + 1)}`);
    lines.push(`${i === looseAt ? '\n' : ''}${odd} ${content}`);
  }
  const end = random() < 0.5 ? '\n' : '';
  return `${random() < 0.5 ? 'A list:\n\n' : ''}${lines.join('\n')}${end}${pick(random, LIST_ENDINGS)}`;
}

/** Small lists, each streamed one character per delta in the tests. */
export const SMALL_LISTS: readonly string[] = [
  '- a\n- b\n- c\n',
  '- a\n- b\n\n- c loose late\n- d\n',
  '3. three\n4. four\n5) other list\n6) more\n',
  '- [ ] task\n- [x] done\n- plain\n',
  '- a\n  - a1\n  - a2\n\n    a2 para\n- b\n',
  '- a\n- b\n* c new list\n* d\n\nafter\n',
  '- a\n- b\n- - -\n- c',
  '1. a\n1. b\n   lazy\ncontinued\n1. c\n\n\n',
  '- a <b>bold\n- b\n- c\n',
  '- a <!-- c\n- b\n- c -->\n- d\n',
  '- x </ul> y\n- b\n- c\n',
  '- a <kbd>Ctrl</\n- b\n- c <textarea>\n- d\n',
];
