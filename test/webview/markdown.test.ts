// What a person sees of the markdown engine: code blocks with working toolbars, text appearing per frame,
// finished blocks left alone while the answer grows, highlighting once a block is complete.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { createMarkdownStream, renderMarkdown, type MarkdownStream, type MarkdownStreamOptions } from '../../src/webview/markdown/index';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
const { document } = dom.window;
const buttons: MarkdownStreamOptions['codeBlockButtons'] = [
  { action: 'copy', label: 'Copy', codicon: 'copy' },
  { action: 'insert', label: 'Insert at Cursor', codicon: 'insert' },
];

interface Harness {
  readonly container: HTMLElement;
  readonly stream: MarkdownStream;
  /** Runs the frame the stream asked for, if any; returns whether there was one. */
  frame(): boolean;
  /** Runs the idle time the stream asked for (highlighting), until it asks for no more. */
  idle(): void;
  readonly frameRequests: () => number;
}

/** `now`: the clock the stream measures its renders with (real time unless a test makes renders look costly). */
function harness(now?: () => number): Harness {
  const container = document.createElement('div');
  document.body.append(container);
  let pending: (() => void) | undefined;
  let requests = 0;
  let idle: (() => void)[] = [];
  const stream = createMarkdownStream(container, {
    codeBlockButtons: buttons,
    requestFrame: (callback) => {
      requests++;
      pending = callback;
      return requests;
    },
    requestIdle: (callback) => idle.push(callback),
    now,
  });
  return {
    container,
    stream,
    frame: () => {
      const callback = pending;
      pending = undefined;
      callback?.();
      return callback !== undefined;
    },
    frameRequests: () => requests,
    idle: () => {
      while (idle.length > 0) {
        const due = idle;
        idle = [];
        due.forEach((callback) => callback());
      }
    },
  };
}

function isHighlighted(code: Element): boolean {
  return code.querySelector('span[class^="hljs-"]') !== null;
}

describe('code blocks', () => {
  const source = 'Intro\n\n```ts\nconst html = "<b>&amp;</b>";\nif (a < b) { return; }\n```\n';

  it('have a toolbar with the language and one keyboard-reachable button per action, above the code', () => {
    const container = document.createElement('div');
    renderMarkdown(container, source, { codeBlockButtons: buttons });
    const block = container.querySelector('.code-block');
    assert.ok(block);
    assert.equal(block.getAttribute('data-language'), 'ts');
    assert.equal(block.querySelector('.code-toolbar > .code-language')?.textContent, 'ts');
    const rendered = Array.from(block.querySelectorAll<HTMLButtonElement>('.code-toolbar > button.code-action'));
    assert.deepEqual(
      rendered.map((b) => [b.type, b.dataset.codeAction, b.title, b.getAttribute('aria-label'), b.querySelector('.codicon')?.className, b.textContent]),
      [
        ['button', 'copy', 'Copy', 'Copy', 'codicon codicon-copy', 'Copy'],
        ['button', 'insert', 'Insert at Cursor', 'Insert at Cursor', 'codicon codicon-insert', 'Insert at Cursor'],
      ],
    );
    assert.ok(
      rendered.every((b) => !b.disabled && b.tabIndex >= 0),
      'buttons can be reached with Tab',
    );
    assert.equal(block.querySelector(':scope > pre > code')?.className, 'hljs language-ts');
  });

  it('keep the exact code as the code element text, highlighted', () => {
    const container = document.createElement('div');
    renderMarkdown(container, source, { codeBlockButtons: buttons });
    const code = container.querySelector('.code-block code');
    assert.ok(code);
    assert.equal(code.textContent, 'const html = "<b>&amp;</b>";\nif (a < b) { return; }');
    assert.ok(isHighlighted(code));
  });

  it('nested in a list also get a toolbar and highlighting', () => {
    const container = document.createElement('div');
    renderMarkdown(container, '1. Step\n\n   ```python\n   print("x")\n   ```\n2. Next\n', { codeBlockButtons: buttons });
    const code = container.querySelector('ol li .code-block[data-language="python"] code');
    assert.equal(code?.textContent, 'print("x")');
    assert.ok(code && isHighlighted(code));
  });

  it('without a language say "text" and keep their code', () => {
    const container = document.createElement('div');
    renderMarkdown(container, '```\nplain words here\n```', { codeBlockButtons: buttons });
    assert.equal(container.querySelector('.code-language')?.textContent, 'text');
    assert.equal(container.querySelector('.code-block')?.getAttribute('data-language'), '');
    assert.equal(container.querySelector('code')?.textContent, 'plain words here');
    assert.equal(isHighlighted(container.querySelector('code')!), false, 'no guessing at a language');
  });
});

describe('streaming', () => {
  it('renders at most once per frame, however many deltas arrive', () => {
    const { container, stream, frame, frameRequests } = harness();
    for (const word of ['Hello', ' wide', ' world', '!']) {
      stream.append(word);
    }
    assert.equal(frameRequests(), 1);
    assert.equal(container.textContent, '', 'nothing renders before the frame');
    frame();
    assert.equal(container.textContent?.trim(), 'Hello wide world!');
    assert.equal(frame(), false, 'no further frame was requested');
    assert.equal(container.classList.contains('markdown-body'), true);
  });

  it('renders a short tail again on every frame while rendering it is cheap', () => {
    // Each reading of the clock advances it 1 ms: every render looks like it took 1 ms.
    let time = 0;
    const { container, stream, frame } = harness(() => (time += 1));
    stream.append('Some *first* words');
    frame();
    stream.append(' and **strong** ones');
    frame();
    assert.equal(container.querySelector('strong')?.textContent, 'strong', 'the new markup is rendered at once');
  });

  it('renders a tail that is costly to render only after it grew enough to pay for it, plain text until then', () => {
    // Each reading of the clock advances it 30 ms: every render looks like it took 30 ms (marked on a hostile
    // shape). Rendering it on every frame would cost 30 ms a frame.
    let time = 0;
    const { container, stream, frame } = harness(() => (time += 30));
    stream.append('Some *first* words');
    frame();
    // The smaller of the last two costs counts, so one slow render alone holds nothing back.
    stream.append(' and *more*');
    frame();
    assert.equal(container.querySelectorAll('em').length, 2);
    stream.append(' and **strong** ones');
    frame();
    assert.equal(container.querySelector('strong'), null, 'the new text waits unrendered');
    assert.equal(container.querySelector('p')?.textContent, 'Some first words and more', 'outside the rendered block');
    // In a plain block after it: added inside a giant or deeply nested block, it would cost a layout of all of it.
    assert.equal(container.lastElementChild?.outerHTML, '<div> and **strong** ones</div>', 'but shows, as plain text, at once');
    stream.append(` ${'word '.repeat(700)}`);
    frame();
    assert.equal(container.querySelector('strong')?.textContent, 'strong', 'rendered once it grew by thousands of characters');
    stream.append(' *tail*');
    stream.end();
    assert.equal(container.querySelector('p em:last-of-type')?.textContent, 'tail', 'the end renders everything');
  });

  it('shows an unclosed code fence as a code block with its Copy button, and highlights it once closed', () => {
    const { container, stream, frame, idle } = harness();
    stream.append('Here:\n\n```ts\nconst answer = 42;\nlet x');
    frame();
    const block = container.querySelector('.code-block');
    assert.ok(block, 'the open fence already renders as a code block');
    const copy = block.querySelector<HTMLButtonElement>('[data-code-action="copy"]');
    assert.ok(copy);
    const code = block.querySelector('code');
    assert.equal(code?.textContent, 'const answer = 42;\nlet x');
    assert.equal(isHighlighted(code!), false, 'not highlighted while it streams');

    stream.append(' = 1;\n');
    frame();
    assert.equal(container.querySelector('.code-block'), block, 'the growing block (and a focused button) stays the same element');
    assert.equal(block.querySelector('[data-code-action="copy"]'), copy);
    assert.equal(code?.textContent, 'const answer = 42;\nlet x = 1;');

    copy.focus();
    stream.append('```\n');
    frame();
    const closed = container.querySelector('.code-block code');
    assert.equal(closed?.textContent, 'const answer = 42;\nlet x = 1;');
    assert.equal(isHighlighted(closed!), false, 'not highlighted in the frame that shows the closing fence');
    idle();
    assert.ok(isHighlighted(closed!), 'highlighted in the idle time after the fence closes, before the answer ends');
    assert.equal(closed?.textContent, 'const answer = 42;\nlet x = 1;');

    stream.append('\nAnd a paragraph after it.\n\nAnother.');
    frame();
    assert.equal(container.querySelector('.code-block'), block, 'the finished block is the element the person was looking at');
    assert.equal(document.activeElement, copy, 'keyboard focus stays on its Copy button');
  });

  it('grows a long open code block in groups of lines, leaving the earlier ones untouched, with the exact code text', () => {
    // The browser lays out again only what changed: one growing text node would make it lay out the whole
    // block in every frame.
    const { container, stream, frame } = harness();
    const lines = Array.from({ length: 600 }, (_, i) => `let line${i} = ${i};`);
    const answer = `\`\`\`ts\n${lines.join('\n')}\n`;
    let firstGroup: Element | undefined;
    let changedAfter = 0;
    const observer = new dom.window.MutationObserver((records) => (changedAfter += records.length));
    for (let i = 0; i < answer.length; i += 7) {
      stream.append(answer.slice(i, i + 7));
      frame();
      const code = container.querySelector('pre code');
      assert.equal(code?.textContent, answer.slice(6, i + 7).replace(/\n$/, ''), 'the code so far, exactly');
      if (!firstGroup && code?.querySelector('span')) {
        firstGroup = code.querySelector('span')!;
        observer.observe(firstGroup, { childList: true, characterData: true, subtree: true });
      }
    }
    const groups = container.querySelectorAll('pre code > span');
    assert.ok(groups.length >= 3, `several groups (${groups.length})`);
    observer.takeRecords();
    assert.equal(changedAfter, 0, 'the first group did not change once the next one started');
    observer.disconnect();
    stream.append('```\n');
    frame();
    const oneShot = document.createElement('div');
    renderMarkdown(oneShot, `${answer}\`\`\`\n`, { codeBlockButtons: buttons });
    const closed = container.querySelector('pre code');
    assert.equal(closed?.childNodes.length, 1, 'closed, the groups are gone: one text node, to be highlighted');
    assert.equal(closed?.textContent, oneShot.querySelector('pre code')?.textContent);
  });

  it('highlights a long closed code block in idle slices but changes what is shown once, when it is all done', () => {
    // Each change to a code element makes the browser lay the whole block out again: one change per slice
    // costs a 200 KB block a long frame in every slice.
    const container = document.createElement('div');
    document.body.append(container);
    let pending: (() => void) | undefined;
    const idle: (() => void)[] = [];
    const stream = createMarkdownStream(container, {
      codeBlockButtons: buttons,
      requestFrame: (callback) => ((pending = callback), 1),
      requestIdle: (callback) => idle.push(callback),
    });
    const code = Array.from({ length: 4_000 }, (_, i) => `const value${i} = compute(${i}, "text"); // line ${i}`).join('\n');
    stream.append(`\`\`\`ts\n${code}\n\`\`\`\n\nAfter.`);
    pending?.();
    const element = container.querySelector('pre code');
    assert.ok(element);
    const observer = new dom.window.MutationObserver(() => undefined);
    observer.observe(element, { childList: true, characterData: true, subtree: true });
    let slices = 0;
    let changed = 0;
    for (let slice = idle.shift(); slice; slice = idle.shift()) {
      slice();
      slices++;
      changed += observer.takeRecords().length > 0 ? 1 : 0;
    }
    observer.disconnect();
    assert.ok(slices > 1, `the work is spread over idle slices (${slices})`);
    assert.equal(changed, 1, 'the code element changed in one slice only');
    assert.ok(isHighlighted(element));
    assert.equal(element.textContent, code, 'the code text is unchanged');
    stream.dispose();
  });

  it('never touches a finished block again while the answer grows', () => {
    const { container, stream, frame } = harness();
    stream.append('# Title\n\nFirst paragraph with *emphasis*.\n\n```js\nlet done = true;\n```\n\nSecond');
    frame();
    const [heading, paragraph] = [container.querySelector('h1'), container.querySelector('p')];
    const code = container.querySelector('.code-block code');
    assert.ok(heading && paragraph && code);
    const codeHtml = code.innerHTML;
    const mutations: MutationRecord[] = [];
    const observer = new dom.window.MutationObserver((records) => mutations.push(...records));
    observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true });
    for (let i = 0; i < 40; i++) {
      stream.append(` more words ${i}${i % 7 === 6 ? '\n\n- item\n- item\n\nNext' : ''}`);
      frame();
    }
    stream.end();
    mutations.push(...observer.takeRecords());
    observer.disconnect();
    assert.equal(container.querySelector('h1'), heading);
    assert.equal(container.querySelector('p'), paragraph);
    assert.equal(container.querySelector('.code-block code'), code);
    assert.equal(code.innerHTML, codeHtml);
    const touched = mutations.filter((m) => [heading, paragraph, code.closest('.code-block')].some((frozen) => frozen?.contains(m.target)));
    assert.deepEqual(touched, [], 'no mutation inside a frozen block');
    assert.ok(mutations.length > 0, 'the observer did see the tail change');
  });

  it('holds back half of a surrogate pair until the other half arrives', () => {
    const { container, stream, frame } = harness();
    stream.append('Smile \uD83D');
    frame();
    assert.equal(container.textContent?.trim(), 'Smile');
    assert.doesNotMatch(container.textContent ?? '', /[\uD800-\uDFFF]/);
    stream.append('\uDE00 done');
    frame();
    assert.equal(container.textContent?.trim(), 'Smile \u{1F600} done');
  });

  it('treats a CRLF split across deltas as one line break', () => {
    const { container, stream, frame } = harness();
    stream.append('line one\r');
    frame();
    stream.append('\nline two');
    frame();
    stream.end();
    assert.equal(container.querySelectorAll('p').length, 1, 'not split into two paragraphs');
    assert.equal(container.querySelector('p')?.textContent, 'line one\nline two');
    assert.equal(stream.text, 'line one\r\nline two');
  });

  it('end() renders at once, and settles a setext heading that only the last line revealed', () => {
    const { container, stream } = harness();
    stream.append('Becomes a heading\n===');
    stream.end();
    assert.equal(container.querySelector('h1')?.textContent, 'Becomes a heading');
    stream.append('ignored after end');
    assert.equal(container.textContent?.trim(), 'Becomes a heading');
  });

  it('setText replaces everything at once, highlighted, and can keep streaming', () => {
    const { container, stream, frame } = harness();
    stream.append('old text');
    stream.setText('New\n\n```json\n{"a": 1}\n```');
    assert.equal(stream.text, 'New\n\n```json\n{"a": 1}\n```');
    assert.doesNotMatch(container.textContent ?? '', /old text/);
    assert.ok(isHighlighted(container.querySelector('code')!));
    stream.append('\n\nMore');
    frame();
    assert.equal(container.lastElementChild?.textContent, 'More');
  });

  it('dispose stops rendering', () => {
    const { container, stream, frame } = harness();
    stream.append('before');
    frame();
    stream.append(' after');
    stream.dispose();
    frame();
    assert.equal(container.textContent?.trim(), 'before');
  });
});

describe('markdown rendering', () => {
  it('renders GFM: tables with alignment, task lists as glyphs, strikethrough, autolinks', () => {
    const container = document.createElement('div');
    renderMarkdown(container, '| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ https://example.com', { codeBlockButtons: buttons });
    assert.deepEqual(
      Array.from(container.querySelectorAll('th')).map((th) => th.getAttribute('align')),
      ['left', 'right'],
    );
    assert.equal(container.querySelector('input'), null);
    assert.deepEqual(
      Array.from(container.querySelectorAll('li')).map((li) => li.textContent),
      ['\u2611 done', '\u2610 todo'],
    );
    assert.equal(container.querySelector('del')?.textContent, 'old');
    assert.equal(container.querySelector('a')?.getAttribute('href'), 'https://example.com');
  });

  it('keeps unclosed model HTML inside its own block', () => {
    const container = document.createElement('div');
    renderMarkdown(container, '<div>\n\nunclosed *div*\n\nparagraph after', { codeBlockButtons: buttons });
    const after = Array.from(container.querySelectorAll('p')).find((p) => p.textContent === 'paragraph after');
    assert.ok(after);
    assert.equal(after.parentElement?.classList.contains('md-chunk'), true, "not swallowed by the model's <div>");
  });
});
