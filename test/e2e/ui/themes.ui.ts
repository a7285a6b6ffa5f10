// What a person sees, in a dark and a light theme: the empty view, an answer streaming, a finished answer
// and an error. Saved as screenshots (test/e2e/.artifacts/screenshots/) for people to look at; the checks
// here are only that each state is on screen and that the webview follows the workbench theme.
import * as assert from 'node:assert/strict';
import { ask, newChat, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, screenshot, setColorTheme, type ThemeName } from './workbench';

const themes: ReadonlyArray<{ readonly name: ThemeName; readonly slug: string; readonly webviewClass: string }> = [
  { name: 'Default Dark Modern', slug: 'dark', webviewClass: 'vscode-dark' },
  { name: 'Default Light Modern', slug: 'light', webviewClass: 'vscode-light' },
];

suite('chat view in each theme', () => {
  suiteTeardown(async () => {
    await setColorTheme(uiSession().page, 'Default Dark Modern').catch(() => undefined);
  });

  for (const theme of themes) {
    test(`${theme.name}: empty, streaming, finished and error states`, async () => {
      const { page } = uiSession();
      await ensureApiKey();
      await setColorTheme(page, theme.name);
      const frame = await newChat(page);
      await frame.locator(`body.${theme.webviewClass}`).waitFor({ timeout: 10_000 });
      await screenshot(page, `${theme.slug}-1-empty`);

      const finished = await ask(frame, 'How do I add two numbers in TypeScript?');
      assert.equal(await waitForAnswerEnd(finished), 'done');
      await screenshot(page, `${theme.slug}-3-finished`);

      const streaming = await ask(frame, 'Explain slowly. scenario:slow');
      await pollFor('the streaming answer to show its code block', async () => ((await streaming.locator(selectors.codeBlock).count()) > 0 ? true : undefined));
      await screenshot(page, `${theme.slug}-2-streaming`);
      await frame.locator(selectors.stopButton).click();
      assert.equal(await waitForAnswerEnd(streaming, 5_000), 'stopped');

      const failed = await ask(frame, 'And now? scenario:status-401');
      assert.equal(await waitForAnswerEnd(failed), 'error');
      await frame.locator(selectors.errorCard).last().waitFor();
      await screenshot(page, `${theme.slug}-4-error`);
    });
  }
});
