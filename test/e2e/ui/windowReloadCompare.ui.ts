// Developer: Reload Window with the Compare Models panel open: VS Code brings the panel back, showing the run as
// the history kept it, and "Continue with this model" still carries it on in the chat. A browser reload (F5 in
// code-server) restores the panel only when the workbench managed to save its editors before the page went, which
// it does not always do, so the test reloads the window as VS Code does it. Named to run after the files that build
// on an unreloaded window.
import * as assert from 'node:assert/strict';
import { chatFrame, pollFor } from './chatView';
import { compareFrame, toggleModel } from './compareView';
import { uiSession } from './session';
import { ensureApiKey, pickModel, quickInput, reloadWindow, runCommand, screenshot } from './workbench';

const MODELS = ['gpt-4.1', 'gemini-2.5-flash'] as const;
const QUESTION = 'Before the reload: what is memoization?';

suite('window reload keeps the Compare Models panel', () => {
  test('after Reload Window the panel is back with both answers, and Continue with this model still works', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    await pickModel(page, 'gpt-5-mini');
    try {
      await runCommand(page, 'CometAPI: Compare Models…');
      const title = quickInput(page).locator('.quick-input-title');
      await pollFor('the models in the picker', async () => ((await quickInput(page).locator('.monaco-list-row').count()) > 3 ? true : undefined), 30_000);
      await toggleModel(page, 'gpt-5-mini'); // the model in use starts checked
      for (const model of MODELS) {
        await toggleModel(page, model);
      }
      await pollFor('two models checked', async () => (/2 of 2 to 4 models checked/.test((await title.textContent()) ?? '') ? true : undefined));
      await quickInput(page).locator('input.input').press('Enter');
      await pollFor('the question box', async () => (/the question/.test((await title.textContent()) ?? '') ? true : undefined));
      await quickInput(page).locator('input.input').fill(QUESTION);
      await quickInput(page).locator('input.input').press('Enter');

      const before = await compareFrame(page);
      await pollFor('both answers to end', async () => ((await before.locator('.compare-column.is-streaming').count()) === 0 ? true : undefined), 60_000);
      await before.locator('.compare-saved', { hasText: 'Kept in the chat history' }).waitFor({ timeout: 15_000 });
      const answers = (await before.locator('.column-answer').allTextContents()).map((text) => text.trim());
      assert.ok(answers.every((text) => text.length > 20));

      await reloadWindow(page);
      const after = await compareFrame(page);
      await pollFor('the restored columns', async () => ((await after.locator('.compare-column').count()) === 2 ? true : undefined), 30_000);
      assert.deepEqual(await after.locator('.column-model').allTextContents(), [...MODELS]);
      assert.equal(await after.locator('.compare-question').textContent(), QUESTION);
      assert.deepEqual(
        (await after.locator('.column-answer').allTextContents()).map((text) => text.trim()),
        answers,
        'each answer as it was before the reload',
      );
      await after.locator('.compare-saved', { hasText: 'Kept in the chat history' }).waitFor({ timeout: 15_000 });
      await screenshot(page, 'compare-panel-after-window-reload');

      await after.locator('.compare-column').nth(0).locator('.column-continue').click();
      const item = page.locator('.statusbar [aria-label^="CometAPI model"]').first();
      await pollFor('the status bar to show gpt-4.1', async () => (((await item.getAttribute('aria-label')) ?? '').includes('gpt-4.1') ? true : undefined));
      await runCommand(page, 'View: Close All Editors');
      await chatFrame(page).locator('.message.user', { hasText: QUESTION }).last().waitFor({ timeout: 30_000 });
    } finally {
      if ((await page.locator('.editor-group-container .tab').count()) > 0) {
        await runCommand(page, 'View: Close All Editors');
      }
      await pickModel(page, 'gpt-5-mini');
    }
  });
});
