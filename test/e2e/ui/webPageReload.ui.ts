// A page reload (F5 in code-server, Codespaces or any browser host) starts the window over: the webview's own
// state is gone with the page. The unsent draft, its text and its attached code, must still be there, because
// the host keeps it with the conversation. Named to run after the files that build on an unreloaded window.
import * as assert from 'node:assert/strict';
import { newChat, openChat, selectors } from './chatView';
import { openAddTs, selectLines } from './editor';
import { uiSession } from './session';
import { ensureApiKey, runCommand, screenshot } from './workbench';

suite('page reload keeps the draft', () => {
  test('a typed draft and an attached chip are back after the page is reloaded', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    let frame = await newChat(page);
    const draft = 'a draft that must survive F5';
    await openAddTs(page);
    await selectLines(page, 1, 2);
    await runCommand(page, 'CometAPI: Add Selection to Chat');
    await frame.locator('.context-chip').first().waitFor({ timeout: 15_000 });
    await frame.locator(selectors.prompt).fill(draft);
    // The view hands the draft over within half a second and the host saves it within another.
    await page.waitForTimeout(1_500);

    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The chat was showing, so the workbench restores it; a click before that would close the side bar.
    await page.locator('.activitybar .action-item.checked:has(a[aria-label^="CometAPI"])').waitFor({ timeout: 30_000 });
    frame = await openChat(page);
    const chip = frame.locator('.context-chip');
    await chip.first().waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator(selectors.prompt).inputValue(), draft, 'the typed text is back');
    assert.deepEqual(await chip.locator('.context-chip-label').allTextContents(), ['add.ts lines 1-2'], 'the attached code is back');
    await screenshot(page, 'draft-after-page-reload');

    // Leave no draft for whatever runs next.
    await chip.first().locator('.context-chip-remove').click();
    await frame.locator(selectors.prompt).fill('');
    await page.waitForTimeout(1_000);
  });
});
