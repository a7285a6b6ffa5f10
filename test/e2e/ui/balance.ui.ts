// The balance as a person sees it in real VS Code: Show Balance from the palette shows what the mock's quota API
// says (remaining, used, requests), asked of the user-level balance URL, never of the workspace's decoy one.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { uiSession } from './session';
import { ensureApiKey, runCommand, screenshot, waitUntil } from './workbench';

const dialog = (page: Page): Locator => page.locator('.monaco-dialog-box');
const modelItem = (page: Page): Locator => page.locator('.statusbar [aria-label^="CometAPI model"]').first();

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

  test('a balance below the warning level warns once and shows in the status bar tooltip', async () => {
    const { page, mock } = uiSession();
    await ensureApiKey();
    // Below the default warning level of $1; an odd figure so only this answer can produce the text.
    Object.assign(mock.quota, { totalQuota: 0.4321, totalUsedQuota: 99.5, requestCount: 7, keyRemainQuota: -1, failure: undefined });
    await runCommand(page, 'CometAPI: Show Balance');
    const box = dialog(page);
    await box.waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'hidden' });
    // Escape (which closed the dialog) also hides toasts; the notification centre lists every notification.
    const warnings = page.locator('.notifications-center .notification-list-item', { hasText: 'Your CometAPI balance is low' });
    await runCommand(page, 'Notifications: Show Notifications');
    await warnings.first().waitFor({ timeout: 30_000 });
    assert.ok(((await warnings.first().textContent()) ?? '').includes('$0.4321 left'), 'the warning names what is left');
    await screenshot(page, 'low-balance-warning');
    // Closed as a person would (nothing streams now, so Escape stops nothing); the palette's "Hide Notifications"
    // is not offered once the palette itself has taken the focus from the centre.
    const centre = page.locator('.notifications-center');
    if (await centre.isVisible()) {
      await warnings.first().click();
      await page.keyboard.press('Escape');
      await centre.waitFor({ state: 'hidden', timeout: 10_000 });
    }
    await modelItem(page).hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Balance:' }).first();
    await hover.waitFor({ timeout: 30_000 });
    // The hover fills in as it opens: wait for its text rather than read it once.
    await hover
      .filter({ hasText: 'Balance: $0.4321 left' })
      .waitFor({ timeout: 15_000 })
      .catch(async () => {
        assert.fail(`the tooltip says: ${await hover.textContent()}`);
      });
    await screenshot(page, 'balance-in-status-bar-tooltip');
    await page.mouse.move(0, 0);
    // Asked again while still low: no second warning.
    await runCommand(page, 'CometAPI: Show Balance');
    await box.waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'hidden' });
    await runCommand(page, 'Notifications: Show Notifications');
    await warnings.first().waitFor({ timeout: 15_000 });
    assert.equal(await warnings.count(), 1, 'one warning, not one per refresh');
    await runCommand(page, 'Notifications: Clear All Notifications');
    Object.assign(mock.quota, { totalQuota: 12.5, totalUsedQuota: 3.75, requestCount: 42 });
  });
});
