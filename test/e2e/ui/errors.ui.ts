// Failures a person can recover from without leaving the chat.
import * as assert from 'node:assert/strict';
import { ask, newChat, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, quickInput } from './workbench';

suite('chat errors', () => {
  test('a rejected key (401) shows an error card whose Set API Key button opens the key box', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    const frame = await newChat(page);
    const answer = await ask(frame, 'Is my key fine? scenario:status-401');
    assert.equal(await waitForAnswerEnd(answer), 'error');
    const card = frame.locator(selectors.errorCard).last();
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /key/i, 'the card says the problem is the key');
    await card.locator(selectors.setApiKeyAction).click();
    const keyBox = quickInput(page).locator('input[type="password"]');
    await keyBox.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden' });
  });
});
