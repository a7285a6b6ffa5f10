// The balance as a person sees it in real VS Code: Show Balance from the palette shows what the mock's quota API
// says (remaining, used, requests), asked of the user-level balance URL, never of the workspace's decoy one.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { uiSession } from './session';
import { ensureApiKey, runCommand, screenshot, waitUntil } from './workbench';

const dialog = (page: Page): Locator => page.locator('.monaco-dialog-box');

suite('balance', () => {
  test("Show Balance shows the mock's balance, used amount and request count", async () => {
    const { page, mock, decoy } = uiSession();
    await ensureApiKey();
    // Figures no default would produce, so the dialog can only be showing this answer.
    Object.assign(mock.quota, { totalQuota: 987.65, totalUsedQuota: 12.34, requestCount: 4321, keyRemainQuota: -1, failure: undefined });
    const from = mock.requests.length;
    await runCommand(page, 'CometAPI: Show Balance');
    await waitUntil('the mock to be asked for the balance', () => mock.requests.slice(from).some((request) => request.path === '/user/quota'), 30_000);
    const box = dialog(page);
    await box.waitFor({ timeout: 30_000 });
    const text = (await box.textContent()) ?? '';
    assert.ok(text.includes('Balance: $987.65 left. Used: $12.34. Requests: 4,321.'), `the balance dialog says: ${text}`);
    assert.ok(!text.includes(uiSession().apiKey), 'the dialog does not show the key');
    assert.equal(decoy.requests.filter((request) => request.path === '/user/quota').length, 0, "the workspace's balance URL (the decoy) was never asked");
    await screenshot(page, 'show-balance');
    // Escape closes the modal whatever its button is called in this VS Code.
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'hidden' });
  });
});
