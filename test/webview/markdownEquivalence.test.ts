// A streamed answer must end up exactly as if it had been rendered at once: same DOM, whatever the chunking.
// Documents: hand-picked block-boundary traps plus seeded random documents; chunk boundaries fall anywhere,
// including inside surrogate pairs and CRLF pairs, and several deltas may share one frame.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { Lexer } from 'marked';
import { createMarkdownStream, renderMarkdown, type MarkdownStreamOptions } from '../../src/webview/markdown/index';
import { openFenceText } from '../../src/webview/markdown/openFence';
import { shapeText, type ShapeName } from '../support/worstShapes';
import { growingList, growingTable, SMALL_LISTS, SMALL_TABLES } from '../support/growingBlocks';
import { createRandom, generateDocument, generateLongAnswer, randomChunks, TRICKY_DOCUMENTS } from '../support/markdownCorpus';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
const buttons: MarkdownStreamOptions['codeBlockButtons'] = [
  { action: 'copy', label: 'Copy', codicon: 'copy' },
  { action: 'insert', label: 'Insert at Cursor', codicon: 'insert' },
];

const RANDOM_DOCUMENTS = 60;
const SPLITS_PER_DOCUMENT = 3;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function renderAtOnce(text: string): string {
  const container = document.createElement('div');
  renderMarkdown(container, text, { codeBlockButtons: buttons });
  return container.innerHTML;
}

/** Streams `chunks`, running the pending frame after a random number of deltas, and returns the final HTML. */
function renderStreamed(chunks: readonly string[], frameSeed: number): string {
  const container = document.createElement('div');
  const random = createRandom(frameSeed);
  let pending: (() => void) | undefined;
  const idle: (() => void)[] = [];
  const stream = createMarkdownStream(container, {
    codeBlockButtons: buttons,
    requestFrame: (callback) => {
      pending = callback;
      return 1;
    },
    requestIdle: (callback) => idle.push(callback),
  });
  // Sometimes every delta gets its frame, sometimes several deltas share one (the host coalesces too).
  const frameChance = 0.15 + random() * 0.6;
  for (const chunk of chunks) {
    stream.append(chunk);
    if (pending && random() < frameChance) {
      const frame = pending;
      pending = undefined;
      frame();
      assert.doesNotMatch(container.textContent ?? '', LONE_SURROGATE, 'a half surrogate pair reached the screen');
    }
    // Idle time comes now and then, between frames (highlighting of blocks that closed).
    if (idle.length > 0 && random() < 0.3) {
      idle.shift()?.();
    }
  }
  stream.end();
  while (idle.length > 0) {
    idle.shift()?.();
  }
  assert.equal(stream.text, chunks.join(''), 'text is everything appended');
  return container.innerHTML;
}

function assertEquivalent(text: string, seeds: readonly number[], maxChunk: (seed: number) => number): void {
  const expected = renderAtOnce(text);
  for (const seed of seeds) {
    const actual = renderStreamed(randomChunks(text, seed, maxChunk(seed)), seed * 31 + 1);
    assert.equal(actual, expected, `streamed != one-shot for seed ${seed} of:\n${JSON.stringify(text)}`);
  }
}

/**
 * Streams `text` in random deltas and checks that the element `selector` finds, once `readyAfter` has arrived, is
 * never rendered again: it is the same node in every later frame and in the final DOM, which equals a one-shot render.
 */
function assertFirstPartKept(text: string, readyAfter: string, selector: string, what: string): void {
  const container = document.createElement('div');
  let pending: (() => void) | undefined;
  // Renders cost nothing, so none waits (see incrementalRenderer.ts) and the block is appended to from the start.
  const stream = createMarkdownStream(container, { codeBlockButtons: buttons, requestFrame: (cb) => ((pending = cb), 1), now: () => 0 });
  let first: Element | null = null;
  let streamed = '';
  for (const chunk of randomChunks(text, 9, 20)) {
    stream.append(chunk);
    streamed += chunk;
    pending?.();
    pending = undefined;
    if (streamed.includes(readyAfter)) {
      first ??= container.querySelector(selector);
    }
    if (first) {
      assert.equal(container.querySelector(selector), first, `${what} was rendered again`);
    }
  }
  stream.end();
  assert.ok(first && container.contains(first), `${what} streamed is the one in the final DOM`);
  assert.equal(container.innerHTML, renderAtOnce(text));
}

describe('streamed markdown equals a one-shot render', () => {
  it('for the worst shapes: one giant code block, table, paragraph, list and quote, and the nested-list bomb', () => {
    // Big enough that the open code block grows without lexing and the other giant tails wait as plain text
    // between renders (past incrementalRenderer.ts's LARGE_TAIL), small enough for jsdom.
    const shapes: Array<[ShapeName, number]> = [
      ['code', 12_000],
      ['table', 300],
      ['paragraph', 9_000],
      ['list', 9_000],
      ['quote', 9_000],
      ['nestedList', 120],
    ];
    for (const [name, size] of shapes) {
      const text = shapeText(name, size);
      assertEquivalent(text, [1, 2], (seed) => [8, 40][seed - 1]);
      // Cut inside and right after the closing fence, or in the middle of a table row.
      assertEquivalent(`${text}\nAfter it.\n`, [3], () => 25);
    }
  });

  it('an open fence shows the code text marked gives it, whatever the cut', () => {
    const random = createRandom(77);
    const pieces = ['a', ' ', '\n', '\n\n', '``', '```', '~~~', '````', '    ', 'x = 1;'];
    for (let round = 0; round < 400; round++) {
      let content = '';
      for (let i = 0; i < 1 + Math.floor(random() * 8); i++) {
        content += pieces[Math.floor(random() * pieces.length)];
      }
      const fence = random() < 0.5 ? '```' : '~~~~';
      const source = `${fence}ts\n${content}`;
      const token = new Lexer({ gfm: true }).lex(source)[0];
      // A closed fence leaves text after it outside the code.
      const closes = new Lexer({ gfm: true }).lex(`${source}\n\nafter`).filter((t) => t.type !== 'space').length > 1;
      if (!closes) {
        assert.equal(openFenceText(content), (token as { text?: string }).text, JSON.stringify(content));
      }
    }
  });

  it('for every hand-picked block-boundary trap, split many ways', () => {
    for (const text of TRICKY_DOCUMENTS) {
      assertEquivalent(
        text,
        Array.from({ length: 8 }, (_, i) => i + 1),
        (seed) => 1 + (seed % 9),
      );
    }
  });

  it(`for ${RANDOM_DOCUMENTS} random documents, each split ${SPLITS_PER_DOCUMENT} ways`, () => {
    for (let documentSeed = 1; documentSeed <= RANDOM_DOCUMENTS; documentSeed++) {
      const text = generateDocument(documentSeed);
      assertEquivalent(
        text,
        Array.from({ length: SPLITS_PER_DOCUMENT }, (_, i) => documentSeed * 100 + i),
        (seed) => [1, 3, 8, 20, 40, 80][seed % 6],
      );
    }
  });

  it('one UTF-16 unit per delta (every surrogate pair split), and the whole text in one delta', () => {
    for (const text of [...TRICKY_DOCUMENTS, generateDocument(4242)]) {
      const expected = renderAtOnce(text);
      assert.equal(renderStreamed(text.split(''), 5), expected);
      assert.equal(renderStreamed([text], 9), expected);
    }
  });

  it('for a long answer with many code blocks', () => {
    const text = generateLongAnswer(12_000, 3);
    assertEquivalent(text, [1], () => 30);
  });

  it('when a reference definition arrives after blocks that use it were frozen', () => {
    const text = `Use [the guide][guide] here.\n\n${'Filler paragraph.\n\n'.repeat(5)}[guide]: https://example.com/guide\n`;
    const container = document.createElement('div');
    let pending: (() => void) | undefined;
    const stream = createMarkdownStream(container, { codeBlockButtons: buttons, requestFrame: (cb) => ((pending = cb), 1) });
    stream.append(text.slice(0, text.indexOf('[guide]:')));
    pending?.();
    assert.equal(container.querySelector('a'), null, 'no link before the definition exists');
    stream.append(text.slice(text.indexOf('[guide]:')));
    stream.end();
    assert.equal(container.querySelector('a')?.getAttribute('href'), 'https://example.com/guide');
    assert.equal(container.innerHTML, renderAtOnce(text));
  });

  it('when late definitions change blocks spread over many chunks of frozen blocks', () => {
    const paragraphs = Array.from({ length: 90 }, (_, i) =>
      i % 3 === 0 ? `Block ${i} cites [Source][src] and [other].` : i % 10 === 5 ? '<!-- nothing -->' : `Block ${i}.`,
    );
    const text = `${paragraphs.join('\n\n')}\n\n[src]: https://example.com/src\n[other]: https://example.com/other "Other"\n`;
    assertEquivalent(text, [1, 2, 3], (seed) => [5, 40, 200][seed - 1]);
    const container = document.createElement('div');
    renderMarkdown(container, text, { codeBlockButtons: buttons });
    assert.equal(container.querySelectorAll('a[href="https://example.com/src"]').length, 30);
    assert.ok(container.querySelectorAll('.md-chunk').length >= 2, 'the blocks span several chunks');
  });

  it('setText then end equals a one-shot render, and streaming can continue after setText', () => {
    const text = TRICKY_DOCUMENTS[14];
    const container = document.createElement('div');
    let pending: (() => void) | undefined;
    const stream = createMarkdownStream(container, { codeBlockButtons: buttons, requestFrame: (cb) => ((pending = cb), 1) });
    stream.append('something else entirely\n\n```\nold');
    pending?.();
    stream.setText(text.slice(0, 40));
    stream.append(text.slice(40));
    pending?.();
    stream.end();
    assert.equal(container.innerHTML, renderAtOnce(text));
  });

  it('for tables that grow by many rows (alignment, escaped pipes, pipes in code, ragged rows, HTML, endings)', () => {
    for (let seed = 1; seed <= 24; seed++) {
      const text = growingTable(seed, 20 + ((seed * 37) % 180));
      assertEquivalent(text, [seed * 10, seed * 10 + 1, seed * 10 + 2], (chunkSeed) => [1, 5, 20, 60][chunkSeed % 4]);
    }
  });

  it('for small tables streamed one character per delta, and cut at every point into two deltas', () => {
    for (const text of SMALL_TABLES) {
      const expected = renderAtOnce(text);
      assert.equal(renderStreamed(text.split(''), 3), expected, JSON.stringify(text));
      for (let cut = 1; cut < text.length; cut++) {
        assert.equal(renderStreamed([text.slice(0, cut), text.slice(cut)], 0), expected, `${JSON.stringify(text)} cut at ${cut}`);
      }
    }
  });

  it('an open table keeps its element and its rows while rows are appended', () => {
    const rows = Array.from({ length: 150 }, (_, i) => `| ${i} | **b${i}** | \`c|d\` | x\\|y |`).join('\n');
    // Once the first row's line is complete (before, its row shows an unfinished line and is replaced).
    assertFirstPartKept(`Intro.\n\n| a | b | c |\n|:-|:-:|-:|\n${rows}\n\nAfter.\n`, '\n| 1 |', 'tbody > tr', 'the first row');
  });

  it('for lists that grow by many items (tight, loose late, nested, ordered with a start, tasks, other bullets)', () => {
    for (let seed = 1; seed <= 24; seed++) {
      const text = growingList(seed, 20 + ((seed * 41) % 160));
      assertEquivalent(text, [seed * 10, seed * 10 + 1, seed * 10 + 2], (chunkSeed) => [1, 5, 20, 60][chunkSeed % 4]);
    }
  });

  it('for small lists streamed one character per delta, and cut at every point into two deltas', () => {
    for (const text of SMALL_LISTS) {
      const expected = renderAtOnce(text);
      assert.equal(renderStreamed(text.split(''), 3), expected, JSON.stringify(text));
      for (let cut = 1; cut < text.length; cut++) {
        assert.equal(renderStreamed([text.slice(0, cut), text.slice(cut)], 0), expected, `${JSON.stringify(text)} cut at ${cut}`);
      }
    }
  });

  it('an open list keeps the elements of its complete items', () => {
    const items = Array.from({ length: 150 }, (_, i) => `- item ${i} with *em* and \`code\``).join('\n');
    assertFirstPartKept(`Intro.\n\n${items}\n\nAfter.\n`, '\n- item 2 ', 'ul > li', 'the first item');
  });
});
