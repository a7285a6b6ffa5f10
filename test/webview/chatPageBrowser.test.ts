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
    assert.equal(styled.csp, `default-src 'none'; img-src blob:; script-src 'nonce-${NONCE}'; style-src ${origin}; base-uri 'none'; form-action 'none'`);
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

  /** Pastes a picture the page draws itself (width × height of noise, as PNG) into the input; resolves with what was posted. */
  async function pasteDrawnPng(width: number, height: number, name: string): Promise<{ size: number; posted: Posted[] }> {
    const before = (await posted()).length;
    const size = await page.evaluate(
      async ({ width, height, name }) => {
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const context = canvas.getContext('2d') as CanvasRenderingContext2D;
        const pixels = context.createImageData(width, height);
        let state = 7;
        for (let i = 0; i < pixels.data.length; i += 1) {
          state = (Math.imul(state, 1103515245) + 12345) >>> 0;
          pixels.data[i] = i % 4 === 3 ? 255 : state >>> 24;
        }
        context.putImageData(pixels, 0, 0);
        const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b as Blob), 'image/png'));
        const data = new DataTransfer();
        data.items.add(new File([blob], name, { type: 'image/png' }));
        document.querySelector('#prompt-input')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        return blob.size;
      },
      { width, height, name },
    );
    await page.waitForFunction((count) => (window as unknown as { __posted: Posted[] }).__posted.length > count, before, { timeout: 60_000 });
    return { size, posted: (await posted()).slice(before) };
  }

  it('a 30 MB pasted picture is scaled to 2048 px and under 4 MB before it leaves, and its thumbnail loads under the CSP', async () => {
    await host(stateMessage([]));
    const { size, posted: sent } = await pasteDrawnPng(3600, 2800, 'huge.png');
    assert.ok(size > 25 * 1024 * 1024, `the pasted PNG is ${size} bytes`);
    const upload = sent.find((m) => m.type === 'attachImage') as unknown as {
      image: { mimeType: string; base64: string; width: number; height: number; thumbnail: string };
    };
    assert.ok(upload, JSON.stringify(sent).slice(0, 300));
    assert.deepEqual([upload.image.width, upload.image.height], [2048, 1593]);
    const bytes = Buffer.from(upload.image.base64, 'base64');
    assert.ok(bytes.length <= 4 * 1024 * 1024, `${bytes.length} bytes`);
    assert.equal(upload.image.mimeType, 'image/jpeg', 'noise does not fit in 4 MB as PNG, so it went as JPEG');
    assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);

    await host({
      type: 'attachImage',
      image: {
        id: 'img-1',
        image: {
          sha256: 'c'.repeat(64),
          mimeType: 'image/jpeg',
          bytes: bytes.length,
          width: 2048,
          height: 1593,
          name: 'huge.png',
          thumbnail: upload.image.thumbnail,
        },
      },
    });
    const thumb = page.locator('#image-chips .image-chip-thumb');
    await thumb.waitFor();
    await page.waitForFunction(() => (document.querySelector('#image-chips .image-chip-thumb') as HTMLImageElement | null)?.complete === true);
    const shown = await thumb.evaluate((img) => ({ src: (img as HTMLImageElement).src, width: (img as HTMLImageElement).naturalWidth }));
    assert.match(shown.src, /^blob:/u);
    assert.equal(shown.width, 96, 'the thumbnail decoded: the CSP let our own blob: image load');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), []);
  });

  it('a damaged PNG is refused with a message and nothing is sent', async () => {
    await host(stateMessage([]));
    const before = (await posted()).length;
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], 'broken.png', { type: 'image/png' }));
      document.querySelector('#prompt-input')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => (document.querySelector('#image-notice') as HTMLElement | null)?.hidden === false);
    assert.equal(await page.locator('#image-notice').textContent(), 'broken.png could not be read as an image; the file may be damaged.');
    assert.deepEqual(
      (await posted()).slice(before).filter((m) => m.type === 'attachImage'),
      [],
    );
  });

  it('images in model output still never load: web, data: and blob: sources all become placeholders', async () => {
    const before = requests.length;
    const markdown =
      '![web](https://evil.example/track.png) ![inline](data:image/png;base64,iVBORw0KGgo=) ![ours](blob:http://127.0.0.1/x)\n\n<img src="https://evil.example/raw.png">';
    await host(stateMessage([userMessage('u9', 'q'), answer('a9', markdown)]));
    await page.waitForSelector('.message.assistant[data-message-id="a9"] .md-image');
    const found = await page.evaluate(() => ({
      images: document.querySelectorAll('.message.assistant img').length,
      placeholders: document.querySelectorAll('.message.assistant[data-message-id="a9"] .md-image').length,
    }));
    assert.equal(found.images, 0);
    assert.ok(found.placeholders >= 3, `${found.placeholders} placeholders`);
    assert.deepEqual(requests.slice(before), [], 'no request for any model image');
  });

  it(`what Chromium shows in a code block is what Copy and Insert take (${HIDDEN_CODE_CASES.length} hostile blocks, one-shot)`, async () => {
    const messages: ChatMessage[] = HIDDEN_CODE_CASES.flatMap((testCase, i) => [userMessage(`q${i}`, testCase.name), answer(`h${i}`, testCase.markdown)]);
    await host(stateMessage(messages));
    await page.waitForSelector(`.message.assistant[data-message-id="h${HIDDEN_CODE_CASES.length - 1}"] .code-block`);
    // A chat this long opens with its newest messages only; the earlier ones are a button press away, and
    // their markdown renders in slices once near the view (this page is 4,000 px tall).
    // (Clicked in the page: on a page this tall the line may also load by itself between two steps of a test.)
    await page.waitForFunction(() => {
      const line = document.querySelector('.older-messages') as HTMLElement;
      line.querySelector('button')?.click();
      return line.hidden;
    });
    await page.waitForFunction(() => document.querySelector('.markdown-pending') === null);
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

  /** A long chat with answers of real height (lists, a table, code): what the transcript window is for. */
  function longChat(pairs: number): ChatMessage[] {
    return Array.from({ length: pairs }, (_, i) => [
      userMessage(`u${i}`, `Question ${i}: how do I sort by two keys?`),
      answer(
        `a${i}`,
        `## Answer ${i}\n\n- first\n- second\n\n| key | order |\n|---|---|\n| rank | desc |\n\n\`\`\`ts\n${'const value = items.map((item) => item.name);\n'.repeat(3 + (i % 9))}\`\`\`\n\n${'Some explanation. '.repeat(1 + (i % 6))}`,
      ),
    ]).flat();
  }

  const readingPlace = (id: string) =>
    page.evaluate((messageId) => {
      const transcript = document.getElementById('transcript') as HTMLElement;
      const message = document.querySelector(`.message[data-message-id="${messageId}"]`) as HTMLElement;
      return Math.round(message.getBoundingClientRect().top - transcript.getBoundingClientRect().top);
    }, id);
  const builtIds = () => page.evaluate(() => [...document.querySelectorAll('.message')].map((m) => m.getAttribute('data-message-id')));
  // A string, not a function: the test runner's transform would name the inner helper with a function the page lacks.
  const frames = (count: number) =>
    page.evaluate(`new Promise((resolve) => { let left = ${count}; const next = () => (left-- === 0 ? resolve() : requestAnimationFrame(next)); next(); })`);

  it('a long chat opens with its newest messages; scrolling to the top builds earlier ones without moving the text read', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    try {
      await host(stateMessage(longChat(100)));
      await page.waitForSelector('.message[data-message-id="a99"]');
      await frames(3);
      assert.equal((await builtIds()).length, 30);
      for (let batch = 0; batch < 3; batch++) {
        const [first] = await builtIds();
        await page.evaluate(() => {
          (document.getElementById('transcript') as HTMLElement).scrollTop = 0;
        });
        const place = await readingPlace(first ?? '');
        await page.waitForFunction((count) => document.querySelectorAll('.message').length > count, 30 + 20 * batch);
        // Deferred markdown and content-visibility settle over the next frames; the text read must not move.
        await frames(20);
        const moved = (await readingPlace(first ?? '')) - place;
        assert.ok(Math.abs(moved) <= 2, `batch ${batch}: ${first} moved ${moved} px`);
      }
      assert.deepEqual(
        await builtIds(),
        longChat(100)
          .slice(200 - 90)
          .map((m) => m.id),
        'in order',
      );
    } finally {
      await page.setViewportSize({ width: 900, height: 4000 });
    }
  });

  it('Home in the focused transcript reaches the oldest message', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    try {
      await host(stateMessage(longChat(60)));
      await page.waitForSelector('.message[data-message-id="a59"]');
      await page.focus('#transcript');
      for (let press = 0; press < 30 && !(await builtIds()).includes('u0'); press++) {
        await page.keyboard.press('Home');
        await frames(10);
      }
      assert.deepEqual(
        await builtIds(),
        longChat(60).map((m) => m.id),
      );
      assert.equal(await page.locator('.older-messages').isHidden(), true, 'nothing older is left to load');
    } finally {
      await page.setViewportSize({ width: 900, height: 4000 });
    }
  });
});
