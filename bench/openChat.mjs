// Opening a long conversation in the real chat UI: dist/webview.js in headless Chromium receives the same
// `state` message the host sends on `ready`, and we time until the view has laid out and painted a frame.
// The only stand-in is acquireVsCodeApi (the VS Code webview API), which the page does not have.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const STYLES = ['media/markdown.css', 'media/chat.css'];

/** A mixed conversation: short and long questions, answers with lists, tables and code. */
export function longConversation(messageCount) {
  const messages = [];
  for (let i = 0; i < messageCount; i++) {
    const createdAt = 1_700_000_000_000 + i * 60_000;
    if (i % 2 === 0) {
      messages.push({
        id: `u${i}`,
        role: 'user',
        text: `Question ${i}: how do I ${i % 3 ? 'parse a date' : 'sort a list of objects by two keys'} in TypeScript?`,
        createdAt,
      });
      continue;
    }
    const code = Array.from(
      { length: 4 + (i % 12) },
      (_, line) => `  const value${line} = items.filter((item) => item.rank > ${line}).map((item) => item.name);`,
    ).join('\n');
    const text = `## Answer ${i}\n\nHere is one way, with **types** and \`inline code\`:\n\n- first, normalise the input\n- then compare by key\n  - nested detail\n\n| key | order |\n|---|---|\n| rank | desc |\n| name | asc |\n\n\`\`\`ts\nfunction solve${i}(items: Item[]) {\n${code}\n}\n\`\`\`\n\n${'A paragraph of explanation that goes on for a while. '.repeat(1 + (i % 7))}`;
    messages.push({
      id: `a${i}`,
      role: 'assistant',
      text,
      model: 'gpt-5-mini',
      status: 'done',
      createdAt,
      usage: { promptTokens: 100, completionTokens: 200, totalTokens: 300 },
    });
  }
  return { id: 'bench', title: 'Long chat', createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000, messages };
}

/**
 * Median time (ms) from posting `state` with `messageCount` messages to the first painted frame after it; the
 * element count and JS heap (after a GC) of the last run's page, and how many messages had views then.
 */
export async function timeOpenConversation(browser, root, messageCount, runs = 5) {
  const conversation = longConversation(messageCount);
  const timings = [];
  let elements = 0;
  let heap = 0;
  let built = 0;
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="app"></div></body></html>');
    for (const sheet of STYLES) await page.addStyleTag({ content: readFileSync(join(root, sheet), 'utf8') });
    await page.addScriptTag({ content: 'window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });' });
    await page.addScriptTag({ content: readFileSync(join(root, 'dist', 'webview.js'), 'utf8') });
    const elapsed = await page.evaluate(
      (state) =>
        new Promise((resolve) => {
          const start = performance.now();
          window.dispatchEvent(new MessageEvent('message', { data: state }));
          // Forces style and layout of what was built, then waits for the frame that paints it.
          void document.body.offsetHeight;
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
        }),
      { type: 'state', conversation, model: 'gpt-5-mini', hasApiKey: true },
    );
    // The transcript builds only the newest messages on opening (src/webview/ui/transcriptWindow.ts): what the
    // person sees first is the end of the chat, so the newest message must be there and in view.
    const newestId = conversation.messages[conversation.messages.length - 1].id;
    const newestInView = await page.evaluate((id) => {
      const newest = document.querySelector(`.message[data-message-id="${id}"]`);
      const view = document.getElementById('transcript')?.getBoundingClientRect();
      const box = newest?.getBoundingClientRect();
      return Boolean(view && box && box.bottom > view.top && box.top < view.bottom);
    }, newestId);
    if (!newestInView) throw new Error(`the newest message (${newestId}) is not in view after opening`);
    built = await page.locator('.message').count();
    timings.push(elapsed);
    if (run === runs - 1) {
      elements = await page.evaluate(() => document.getElementsByTagName('*').length);
      const session = await page.context().newCDPSession(page);
      await session.send('HeapProfiler.collectGarbage');
      heap = (await session.send('Runtime.getHeapUsage')).usedSize;
      await session.detach();
    }
    await page.close();
  }
  timings.sort((a, b) => a - b);
  const textBytes = conversation.messages.reduce((total, message) => total + message.text.length, 0);
  return { medianMs: timings[Math.floor(timings.length / 2)], worstMs: timings[timings.length - 1], runs, elements, heap, textBytes, built };
}
