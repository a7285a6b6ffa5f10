// The real chat page in headless Chromium: the HTML the host builds (with its exact CSP), the webview bundle
// and both stylesheets, served from one origin as a webview's resources are. Checks what jsdom cannot: that
// the CSP lets the page work and blocks nothing it uses, and that a code block's text as Chromium lays it
// out (innerText, with the real CSS) is exactly what Copy and Insert at Cursor hand to the host.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildChatHtml } from '../../src/core/chatPage/chatHtml';
import type { ChatMessage } from '../../src/shared/conversation';
import { HIDDEN_CODE_CASES } from '../support/hiddenCodeCorpus';
import { randomChunks } from '../support/markdownCorpus';
import { answer, stateMessage, userMessage } from './uiHarness';

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
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY';

/** Stands in for VS Code's webview API; records what the page posts and any CSP violation. */
const INIT_SCRIPT = `
window.__posted = [];
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))), getState: () => undefined, setState: () => {} });
`;

interface Posted {
  readonly type: string;
  readonly text?: string;
  readonly code?: string;
}

describe('the real chat page in Chromium', { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}` }, () => {
  let server: Server;
  let origin = '';
  const served: string[] = [];
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  before(async () => {
    const bundle = await build({
      entryPoints: ['src/webview/main.ts'],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    });
    const files: Record<string, [string, string]> = {
      '/webview.js': ['text/javascript', bundle.outputFiles[0].text],
      '/markdown.css': ['text/css', readFileSync('media/markdown.css', 'utf8')],
      '/chat.css': ['text/css', readFileSync('media/chat.css', 'utf8')],
    };
    server = createServer((request, response) => {
      const url = request.url ?? '/';
      served.push(url);
      if (url === '/') {
        const html = buildChatHtml({
          cspSource: origin,
          nonce: NONCE,
          scriptUri: `${origin}/webview.js`,
          styleUris: [`${origin}/markdown.css`, `${origin}/chat.css`],
        });
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
        return;
      }
      const file = files[url];
      if (file) {
        response.writeHead(200, { 'content-type': file[0] }).end(file[1]);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    page = await browser.newPage({ viewport: { width: 900, height: 4000 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(INIT_SCRIPT);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'ready'));
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const host = (message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);
  const posted = () => page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);

  /** For every code block of the answer: [what Chromium shows in it, what Copy posted, what Insert posted]. */
  async function showAndTake(messageId: string): Promise<Array<[string, string | undefined, string | undefined]>> {
    const blocks = page.locator(`.message.assistant[data-message-id="${messageId}"] .code-block`);
    const result: Array<[string, string | undefined, string | undefined]> = [];
    for (let i = 0; i < (await blocks.count()); i++) {
      const block = blocks.nth(i);
      await block.scrollIntoViewIfNeeded();
      // Finished messages use content-visibility: auto; on screen, their content is laid out by the next frame.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const shown = await block.locator('pre').evaluate((pre) => (pre as HTMLElement).innerText);
      const before = (await posted()).length;
      await block.locator('[data-code-action="copy"]').click();
      await block.locator('[data-code-action="insert"]').click();
      const sent = (await posted()).slice(before);
      result.push([shown, sent.find((m) => m.type === 'copy')?.text, sent.find((m) => m.type === 'codeAction')?.code]);
    }
    return result;
  }

  it('loads under its CSP with its script and both stylesheets, and nothing is blocked', async () => {
    const markdown =
      '# Title\n\n```ts\nconst x: number = 1;\n```\n\n![pixel](https://evil.example/p.png) and [a link](https://example.com)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
    await host(stateMessage([userMessage('u0', 'q'), answer('a0', markdown)]));
    await page.waitForSelector('.message.assistant[data-message-id="a0"] .hljs-keyword');
    const styled = await page.evaluate(() => ({
      sheets: document.styleSheets.length,
      toolbar: getComputedStyle(document.querySelector('.code-toolbar') as Element).display,
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
      violations: (window as unknown as { __violations: string[] }).__violations,
    }));
    assert.equal(styled.sheets, 2, 'both stylesheets applied');
    assert.notEqual(styled.toolbar, 'inline', 'the chat CSS styles the code toolbar');
    assert.equal(styled.csp, `default-src 'none'; script-src 'nonce-${NONCE}'; style-src ${origin}; base-uri 'none'; form-action 'none'`);
    assert.deepEqual(styled.violations, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(`${origin}/`)),
      [],
      'the page reached out of its origin',
    );
    assert.deepEqual([...served].sort(), ['/', '/chat.css', '/markdown.css', '/webview.js']);
  });

  it('the CSP blocks what it should: an inline script and an image added to the page', async () => {
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
      const image = document.createElement('img');
      image.src = 'data:image/png;base64,iVBORw0KGgo=';
      document.body.append(image);
    });
    await page.waitForFunction(() => (window as unknown as { __violations: string[] }).__violations.length >= 2);
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations.splice(0));
    assert.equal(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline), undefined);
    assert.ok(violations.some((v) => v.startsWith('script-src')) && violations.some((v) => v.startsWith('img-src')), violations.join(', '));
  });

  it(`what Chromium shows in a code block is what Copy and Insert take (${HIDDEN_CODE_CASES.length} hostile blocks, one-shot)`, async () => {
    const messages: ChatMessage[] = HIDDEN_CODE_CASES.flatMap((testCase, i) => [userMessage(`q${i}`, testCase.name), answer(`h${i}`, testCase.markdown)]);
    await host(stateMessage(messages));
    await page.waitForSelector(`.message.assistant[data-message-id="h${HIDDEN_CODE_CASES.length - 1}"] .code-block`);
    for (const [i, testCase] of HIDDEN_CODE_CASES.entries()) {
      const blocks = await showAndTake(`h${i}`);
      assert.equal(blocks.length, 1, testCase.name);
      const [shown, copied, inserted] = blocks[0];
      assert.equal(shown, testCase.shows, `shown: ${testCase.name}`);
      assert.equal(copied, shown, `Copy: ${testCase.name}`);
      assert.equal(inserted, shown, `Insert: ${testCase.name}`);
    }
  });

  it('and the same when the answers stream in', async () => {
    await host(stateMessage([]));
    for (const [i, testCase] of HIDDEN_CODE_CASES.entries()) {
      const id = `s${i}`;
      await host({ type: 'messageAdded', message: userMessage(`sq${i}`, testCase.name) });
      await host({ type: 'messageAdded', message: answer(id, '', { status: 'streaming' }) });
      for (const chunk of randomChunks(testCase.markdown, i + 1, 9)) {
        await host({ type: 'delta', messageId: id, text: chunk });
      }
      await host({ type: 'answerEnded', messageId: id, status: 'done' });
      await page.waitForSelector(`.message.assistant[data-message-id="${id}"][data-status="done"] .code-block`);
      const [[shown, copied, inserted]] = await showAndTake(id);
      assert.equal(shown, testCase.shows, `shown: ${testCase.name}`);
      assert.equal(copied, shown, `Copy: ${testCase.name}`);
      assert.equal(inserted, shown, `Insert: ${testCase.name}`);
    }
    assert.deepEqual(errors, []);
  });
});
