// A page reload (F5 in code-server, Codespaces or any browser host) or a tab that went away starts the window
// over. The webview's own state lives in the workbench page, which saves it only when it shuts down cleanly;
// the unsent draft, its text and its attached code, must come back anyway, because the host keeps it with the
// conversation. Named to run after the files that build on an unreloaded window.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { newChat, openChat, selectors } from './chatView';
import { openAddTs, selectLines } from './editor';
import { setUiSession, uiSession } from './session';
import { ensureApiKey, runCommand, screenshot } from './workbench';

const draft = 'a draft that must survive F5';

/** A new conversation whose draft holds typed text and lines 1-2 of add.ts as a chip. */
async function typeDraftWithChip(page: Page): Promise<void> {
  await ensureApiKey();
  const frame = await newChat(page);
  await openAddTs(page);
  await selectLines(page, 1, 2);
  await runCommand(page, 'CometAPI: Add Selection to Chat');
  await frame.locator('.context-chip').first().waitFor({ timeout: 15_000 });
  await frame.locator(selectors.prompt).fill(draft);
  // The view hands the draft over within half a second and the host saves it within another.
  await page.waitForTimeout(1_500);
}

/** After the page loaded again: the chat view the workbench restores, with the draft in it. */
async function expectDraftBack(page: Page): Promise<FrameLocator> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The chat was showing, so the workbench restores it; a click before that would close the side bar.
  await page.locator('.activitybar .action-item.checked:has(a[aria-label^="CometAPI"])').waitFor({ timeout: 30_000 });
  const frame = await openChat(page);
  const chip = frame.locator('.context-chip');
  await chip.first().waitFor({ timeout: 15_000 });
  assert.equal(await frame.locator(selectors.prompt).inputValue(), draft, 'the typed text is back');
  assert.deepEqual(await chip.locator('.context-chip-label').allTextContents(), ['add.ts lines 1-2'], 'the attached code is back');
  return frame;
}

/** Leaves no draft for whatever runs next. */
async function clearDraft(page: Page, frame: FrameLocator): Promise<void> {
  await frame.locator('.context-chip-remove').first().click();
  await frame.locator(selectors.prompt).fill('');
  await page.waitForTimeout(1_000);
}

suite('page reload keeps the draft', () => {
  test('a typed draft and an attached chip are back after the page is reloaded', async () => {
    const { page } = uiSession();
    await typeDraftWithChip(page);
    await page.reload();
    const frame = await expectDraftBack(page);
    await screenshot(page, 'draft-after-page-reload');
    await clearDraft(page, frame);
  });

  test('a typed draft and an attached chip are back after the tab was closed and the window opened in a new one', async () => {
    // Closed without a clean shutdown: the workbench never saved the webview's own state, as when a tab is killed.
    const session = uiSession();
    const { page } = session;
    await typeDraftWithChip(page);
    const url = page.url();
    const tab = await page.context().newPage();
    await page.close({ runBeforeUnload: false });
    // Later tests drive the new tab.
    setUiSession({ ...session, page: tab });
    await tab.goto(url);
    const frame = await expectDraftBack(tab);
    await screenshot(tab, 'draft-after-tab-reopened');
    await clearDraft(tab, frame);
  });
});
