// What a code action takes is exactly what the block shows. Model HTML inside `<pre><code>` could hide text
// (rp, a closed details, a second code element) that Copy and Insert would still hand over; the chat shows
// every character a block holds, as plain text, and hands over exactly that. Driven through the real chat UI
// (click router included), one-shot and streamed. test/webview/codeBlockTextBrowser.test.ts checks the same
// table against what Chromium actually lays out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../src/webview/markdown/index';
import { HIDDEN_CODE_CASES, type HiddenCodeCase } from '../support/hiddenCodeCorpus';
import { randomChunks } from '../support/markdownCorpus';
import { answer, createHarness, startStreaming, stateMessage, userMessage, type Harness } from './uiHarness';

/** Inside a code block only highlight.js's own spans may remain: nothing that could hide or reorder text. */
function assertPlainCode(h: Harness, where: string): void {
  const pres = h.all('.message.assistant pre');
  assert.equal(pres.length, 1, `one code block ${where}`);
  const pre = pres[0];
  assert.deepEqual(
    Array.from(pre.childNodes).map((node) => node.nodeName),
    ['CODE'],
    `pre holds only its code element ${where}`,
  );
  for (const element of Array.from(pre.querySelectorAll('code *'))) {
    assert.equal(element.localName, 'span', `<${element.localName}> left inside the code ${where}`);
    assert.match(element.className, /^hljs-/, `a span that is not highlighting ${where}`);
  }
}

/** Clicks Copy and Insert at Cursor of the only code block; returns what each posted to the host. */
function takeWithActions(h: Harness): { copied: string; inserted: string } {
  const before = h.posted.length;
  h.$('.code-block [data-code-action="copy"]').click();
  h.$('.code-block [data-code-action="insert"]').click();
  const posted = h.posted.slice(before);
  const copy = posted.find((message) => message.type === 'copy');
  const insert = posted.find((message) => message.type === 'codeAction');
  assert.ok(copy && copy.type === 'copy' && insert && insert.type === 'codeAction');
  return { copied: copy.text, inserted: insert.code };
}

function check(h: Harness, testCase: HiddenCodeCase, how: string): void {
  const where = `(${testCase.name}, ${how})`;
  assertPlainCode(h, where);
  const shown = h.$('.message.assistant pre').textContent;
  assert.equal(shown, testCase.shows, `what the block shows ${where}`);
  const { copied, inserted } = takeWithActions(h);
  assert.equal(copied, shown, `Copy ${where}`);
  assert.equal(inserted, shown, `Insert at Cursor ${where}`);
}

describe('a code block hands over exactly the text it shows', () => {
  for (const testCase of HIDDEN_CODE_CASES) {
    it(`${testCase.name}: one-shot`, () => {
      const h = createHarness();
      h.host(stateMessage([userMessage('u1', 'q'), answer('a1', testCase.markdown)]));
      check(h, testCase, 'one-shot');
    });

    it(`${testCase.name}: streamed`, () => {
      for (const seed of [1, 2, 3]) {
        const h = createHarness();
        startStreaming(h);
        for (const chunk of randomChunks(testCase.markdown, seed, 6)) {
          h.host({ type: 'delta', messageId: 'a1', text: chunk });
          h.flushFrames();
          // Mid-stream too: a half-received block never shows less than a click would take.
          for (const pre of h.all('.message.assistant .code-block pre')) {
            assert.deepEqual(
              Array.from(pre.childNodes).map((node) => node.nodeName),
              ['CODE'],
            );
            assert.equal(pre.querySelector('code *:not(span[class^="hljs-"])'), null);
          }
        }
        h.host({ type: 'answerEnded', messageId: 'a1', status: 'done' });
        h.flushFrames();
        check(h, testCase, `streamed, seed ${seed}`);
      }
    });
  }

  it('drops rp from prose too, keeping its text visible', async () => {
    const { JSDOM } = await import('jsdom');
    const { document } = new JSDOM('<!doctype html><body></body>').window;
    const container = document.createElement('div');
    renderMarkdown(container, '<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>', { codeBlockButtons: [] });
    assert.equal(container.querySelector('rp'), null);
    assert.equal(container.textContent?.trim(), '漢(kan)');
  });
});
