// Model output is hostile. Whatever it contains, nothing rendered may run script, load a resource, or pass
// itself off as the chat's own controls. Rendered in a jsdom that *does* run scripts, so a payload that
// survived would actually fire.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { createMarkdownStream, renderMarkdown, type MarkdownStreamOptions } from '../../src/webview/markdown/index';
import { HOSTILE_MARKDOWN as HOSTILE, PWN, randomChunks } from '../support/markdownCorpus';

/** Tags a rendering may contain: markdown's inert formatting plus the code block chrome we build ourselves. */
const SAFE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'button',
  'caption',
  'cite',
  'code',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  'rt',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
]);
const SAFE_ATTRIBUTES = new Set(['href', 'title', 'class', 'align', 'start', 'reversed', 'colspan', 'rowspan', 'scope', 'open', 'id']);
/** Attributes only our own code block chrome carries. */
const CHROME_ATTRIBUTES = new Set(['type', 'data-code-action', 'data-language', 'aria-label', 'aria-hidden']);
const SAFE_HREF = /^(?:https?:|mailto:|#)/i;
const UI_CLASSES = ['code-block', 'code-toolbar', 'code-action', 'code-language'];
const buttons: MarkdownStreamOptions['codeBlockButtons'] = [
  { action: 'copy', label: 'Copy', codicon: 'copy' },
  { action: 'newFile', label: 'New File', codicon: 'new-file' },
];

function createDom(): JSDOM {
  return new JSDOM('<!doctype html><html><body></body></html>', { runScripts: 'dangerously' });
}

/** True for elements of the code block chrome that renderMarkdown builds (not model HTML claiming to be one). */
function isOurChrome(element: Element): boolean {
  const block = element.closest('.code-block');
  return (
    block !== null &&
    block.firstElementChild?.classList.contains('code-toolbar') === true &&
    block.querySelector(':scope > pre > code') !== null &&
    element.closest('pre') === null
  );
}

function assertInert(container: HTMLElement, source: string): void {
  const where = `in the rendering of ${JSON.stringify(source)}`;
  for (const element of Array.from(container.querySelectorAll('*'))) {
    const tag = element.localName;
    assert.equal(element.namespaceURI, 'http://www.w3.org/1999/xhtml', `${tag} is not HTML ${where}`);
    assert.ok(SAFE_TAGS.has(tag), `<${tag}> survived ${where}`);
    if (tag === 'button') {
      assert.ok(isOurChrome(element) && element.parentElement?.classList.contains('code-toolbar'), `a model-made <button> survived ${where}`);
    }
    for (const { name, value } of Array.from(element.attributes)) {
      const allowed = SAFE_ATTRIBUTES.has(name) || (CHROME_ATTRIBUTES.has(name) && isOurChrome(element));
      assert.ok(allowed, `attribute ${name}="${value}" on <${tag}> survived ${where}`);
      if (name === 'href') {
        assert.match(value, SAFE_HREF, `unsafe href ${value} ${where}`);
      }
      if (name === 'id') {
        assert.match(value, /^user-content-/, `model id ${value} could clobber the UI's ids ${where}`);
      }
    }
    for (const uiClass of UI_CLASSES) {
      if (element.classList.contains(uiClass)) {
        assert.ok(isOurChrome(element), `model HTML dressed up as .${uiClass} ${where}`);
      }
    }
  }
  assert.equal(
    container.querySelectorAll('[data-code-action]').length,
    container.querySelectorAll('.code-block').length * buttons.length,
    `a fake code action ${where}`,
  );
}

/** Fires the events inline handlers listen for on every element; a surviving handler would set __pwned. */
function poke(dom: JSDOM, container: HTMLElement): void {
  for (const element of Array.from(container.querySelectorAll('*'))) {
    for (const type of ['click', 'mouseover', 'focus', 'error', 'load', 'toggle', 'start']) {
      element.dispatchEvent(new dom.window.Event(type));
    }
  }
}

function renderStreamed(dom: JSDOM, source: string, seed: number): HTMLElement {
  const container = dom.window.document.createElement('div');
  dom.window.document.body.append(container);
  let pending: (() => void) | undefined;
  const stream = createMarkdownStream(container, { codeBlockButtons: buttons, requestFrame: (cb) => ((pending = cb), 1) });
  for (const chunk of randomChunks(source, seed, 5)) {
    stream.append(chunk);
    pending?.();
    pending = undefined;
    assertInert(container, source);
  }
  stream.end();
  return container;
}

describe('rendered model output is inert', () => {
  it(`renders ${HOSTILE.length} hostile inputs without anything that could run or load, at once and streamed`, () => {
    const dom = createDom();
    for (const [index, source] of HOSTILE.entries()) {
      const container = dom.window.document.createElement('div');
      dom.window.document.body.append(container);
      renderMarkdown(container, source, { codeBlockButtons: buttons });
      assertInert(container, source);
      poke(dom, container);
      const streamed = renderStreamed(dom, source, index + 1);
      assertInert(streamed, source);
      poke(dom, streamed);
    }
    assert.equal((dom.window as unknown as { __pwned?: number }).__pwned, undefined, 'a payload ran');
    assert.equal(dom.window.document.head.children.length, 0, 'something reached the <head>');
  });

  it('the harness notices a payload that does get through', () => {
    const dom = createDom();
    const container = dom.window.document.createElement('div');
    dom.window.document.body.append(container);
    container.innerHTML = `<span onclick="${PWN}">x</span>`;
    assert.throws(() => assertInert(container, 'raw'), /onclick/);
    poke(dom, container);
    assert.equal((dom.window as unknown as { __pwned?: number }).__pwned, 1);
  });

  it('keeps safe links, with no target, and drops unsafe ones but keeps their text', () => {
    const { document } = createDom().window;
    const container = document.createElement('div');
    renderMarkdown(container, HOSTILE[24], { codeBlockButtons: buttons });
    const hrefs = Array.from(container.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href')]);
    assert.deepEqual(hrefs, [
      ['relative', null],
      ['protocol-relative', null],
      ['anchor', '#section'],
      ['mail', 'mailto:someone@example.com'],
      ['web', 'https://example.com/ok'],
    ]);
    renderMarkdown(container, HOSTILE[23], { codeBlockButtons: buttons });
    assert.equal(container.querySelector('[target]'), null);
    const kept = Array.from(container.querySelectorAll('a')).find((a) => a.textContent === 'target');
    assert.equal(kept?.getAttribute('href'), 'https://ok.example');
    assert.equal(kept?.hasAttribute('rel') || kept?.hasAttribute('ping'), false);
  });

  it('shows images as placeholders with their alt text and address, loading nothing', () => {
    const { document } = createDom().window;
    const container = document.createElement('div');
    renderMarkdown(container, HOSTILE[25], { codeBlockButtons: buttons });
    assert.equal(container.querySelector('img'), null);
    const placeholders = Array.from(container.querySelectorAll('.md-image'));
    assert.deepEqual(
      placeholders.map((p) => [p.localName, p.querySelector('.md-image-alt')?.textContent, p.getAttribute('href')]),
      [
        ['a', 'tracking pixel', 'https://evil.example/track.png?secret=KEY'],
        ['span', 'data image', null],
        ['span', 'js image', null],
      ],
    );
    assert.match(placeholders[0].textContent ?? '', /evil\.example\/track\.png/);
  });

  it('keeps the visible text of removed markup', () => {
    const { document } = createDom().window;
    const container = document.createElement('div');
    renderMarkdown(container, HOSTILE[31], { codeBlockButtons: buttons });
    assert.match(container.textContent ?? '', /Fake action/);
    assert.equal(container.querySelector('button'), null);
  });
});
