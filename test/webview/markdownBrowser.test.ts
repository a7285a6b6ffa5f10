// The same hostile model output, rendered by the real bundled engine in headless Chromium: jsdom neither loads
// images nor runs a real HTML parser's quirks, a browser does. Nothing may be fetched, no script may run,
// and the streamed DOM must still equal the one-shot DOM.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { HOSTILE_MARKDOWN, generateLongAnswer, randomChunks } from '../support/markdownCorpus';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The page side: renders one text at once and streamed (given chunks), pokes every element, reports. */
const ENTRY = `
import { createMarkdownStream, renderMarkdown } from './src/webview/markdown/index';
const buttons = [{ action: 'copy', label: 'Copy', codicon: 'copy' }];
window.renderBoth = (text, chunks) => {
  const once = document.createElement('div');
  const streamed = document.createElement('div');
  document.body.append(once, streamed);
  renderMarkdown(once, text, { codeBlockButtons: buttons });
  let pending;
  const idle = [];
  const stream = createMarkdownStream(streamed, { codeBlockButtons: buttons, requestFrame: (cb) => ((pending = cb), 1), requestIdle: (cb) => idle.push(cb) });
  for (const chunk of chunks) { stream.append(chunk); const frame = pending; pending = undefined; frame?.(); }
  stream.end();
  while (idle.length > 0) idle.shift()();
  for (const element of [...once.querySelectorAll('*'), ...streamed.querySelectorAll('*')]) {
    for (const type of ['click', 'mouseover', 'focus', 'error', 'load', 'toggle', 'animationstart']) element.dispatchEvent(new Event(type));
  }
  return { equal: once.innerHTML === streamed.innerHTML, images: document.querySelectorAll('img, image, video, audio, iframe, object, embed').length };
};
`;

describe('in Chromium, rendered model output fetches nothing and runs nothing', { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}` }, () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    const bundled = await build({
      stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ content: bundled.outputFiles[0].text });
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  after(async () => {
    await browser?.close();
  });

  it(`renders ${HOSTILE_MARKDOWN.length} hostile inputs, at once and streamed, without a request, a dialog or a payload running`, async () => {
    for (const [index, text] of HOSTILE_MARKDOWN.entries()) {
      const result = await page.evaluate(
        ([source, chunks]) => (window as unknown as { renderBoth: (t: string, c: string[]) => { equal: boolean; images: number } }).renderBoth(source, chunks),
        [text, randomChunks(text, index + 1, 7)] as const,
      );
      assert.equal(result.equal, true, `streamed != one-shot for ${JSON.stringify(text)}`);
      assert.equal(result.images, 0, `a loading element survived ${JSON.stringify(text)}`);
    }
    // Give anything that did start loading (or a timer a payload set) the time to show up.
    await page.waitForTimeout(500);
    assert.deepEqual(requests, [], 'the page fetched something');
    assert.deepEqual(dialogs, []);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'a payload ran');
  });

  it('the harness notices a request and a payload that do get through', async () => {
    const probe = await browser.newPage();
    const seen: string[] = [];
    probe.on('request', (request) => seen.push(request.url()));
    await probe.setContent('<img src="https://evil.example/probe.png" onerror="window.__pwned=1">');
    await probe.waitForTimeout(500);
    assert.ok(seen.some((url) => url.includes('evil.example')));
    assert.equal(await probe.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), 1);
    await probe.close();
  });

  it('a long answer streamed in Chromium ends equal to a one-shot render', async () => {
    const text = generateLongAnswer(40_000, 21);
    const result = await page.evaluate(
      ([source, chunks]) => (window as unknown as { renderBoth: (t: string, c: string[]) => { equal: boolean } }).renderBoth(source, chunks),
      [text, randomChunks(text, 3, 25)] as const,
    );
    assert.equal(result.equal, true);
  });
});
