// As a person meets it: the status bar names the model in use, a click on it opens a picker of the
// chat models the key can use, the pick shows in the status bar and is the model of the next question;
// editing the cometapi.model setting in the Settings editor changes the status bar at once.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { ask, openChat, pollFor, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, quickInput, runCommand, screenshot } from './workbench';

/** The item ModelStatusBar creates; its accessible label is "CometAPI model <id>. Select Model". */
const modelItem = (page: Page): Locator => page.locator('.statusbar [aria-label^="CometAPI model"]').first();

/** What the status bar shows, without the codicon. */
async function statusBarText(page: Page): Promise<string> {
  return ((await modelItem(page).textContent()) ?? '').trim();
}

/** Rows the picker shows for the typed filter (the list is virtual: filter first, then read). */
async function pickerRowsFor(page: Page, filter: string): Promise<string[]> {
  await quickInput(page).locator('input').fill(filter);
  // Filtering is synchronous in the workbench, but the list repaints on the next frame.
  await page.waitForTimeout(300);
  return quickInput(page).locator('.monaco-list-row').allTextContents();
}

/** The chat request the mock saw last (chat completions, responses or Claude's messages, whichever the model uses). */
function lastChatRequestModel(): unknown {
  const chats = uiSession().mock.requests.filter((request) => request.method === 'POST' && /\/v1\/(chat\/completions|responses|messages)$/.test(request.path));
  return chats.at(-1)?.body?.model;
}

/** Preferences: Open User Settings, search for the setting (the search box has focus), return its text box. */
async function openModelSetting(page: Page): Promise<Locator> {
  await runCommand(page, 'Preferences: Open User Settings');
  await page.locator('.settings-editor .settings-header .suggest-input-container').waitFor({ timeout: 15_000 });
  // The search box is a small code editor, not an <input>: type into it as a person would.
  await page.locator('.settings-editor .settings-header .suggest-input-container').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('@id:cometapi.model');
  // Each setting's text box is labelled with the setting's id.
  const input = page.locator('.settings-editor input[aria-label="cometapi.model"]');
  await input.waitFor({ timeout: 15_000 });
  return input;
}

suite('model picker (status bar)', () => {
  test('the status bar item opens a picker of chat models; the pick shows in the status bar and is used for the next question', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    const item = modelItem(page);
    await item.waitFor({ timeout: 15_000 });
    const before = await statusBarText(page);
    assert.doesNotMatch(before, /claude-sonnet-4/, 'the test starts from another model');

    await item.click();
    await quickInput(page).locator('input').waitFor();
    // The list comes from GET /v1/models of the mock: wait until the picker is filled from it.
    const claudeRows = await pollFor('claude-sonnet-4-20250514 in the picker', async () => {
      const rows = await pickerRowsFor(page, 'claude-sonnet-4-20250514');
      return rows.some((row) => row.startsWith('claude-sonnet-4-20250514')) ? rows : undefined;
    });
    assert.ok(claudeRows.length >= 1);
    const dalleRows = await pickerRowsFor(page, 'dall-e-3');
    // An image model is no chat model: the only row left is the offer to use the typed text as an id.
    assert.ok(
      dalleRows.every((row) => !row.startsWith('dall-e-3')),
      `dall-e-3 is listed: ${dalleRows.join(' | ')}`,
    );
    await screenshot(page, 'model-picker-filtered-dall-e-3');

    await quickInput(page).locator('input').fill('claude-sonnet-4-20250514');
    await quickInput(page)
      .locator('.monaco-list-row', { hasText: /^claude-sonnet-4-20250514(?!-)/ })
      .first()
      .click();
    await quickInput(page).waitFor({ state: 'hidden' });
    const after = await pollFor(
      'the status bar to show the picked model',
      async () => {
        const text = await statusBarText(page);
        return /claude-sonnet-4/.test(text) ? text : undefined;
      },
      5_000,
    );
    assert.doesNotMatch(after, /20250514/, 'the status bar shows the short name, without the date');
    assert.match((await item.getAttribute('aria-label')) ?? '', /claude-sonnet-4-20250514/, 'its label names the full id');
    await screenshot(page, 'model-picker-status-bar-after-pick');

    // No New Chat: on an empty transcript its reset can land after the question and wipe it.
    const frame = await openChat(page);
    assert.equal(await waitForAnswerEnd(await ask(frame, 'Which model answers this?')), 'done');
    assert.equal(lastChatRequestModel(), 'claude-sonnet-4-20250514', 'the question went to the picked model');
  });

  test('editing cometapi.model in the Settings editor updates the status bar at once, and the next question uses it', async () => {
    const { page } = uiSession();
    const input = await openModelSetting(page);
    await input.fill('gpt-4.1-mini');
    // The Settings editor writes the value after a short pause in typing; then the status bar follows.
    const text = await pollFor(
      'the status bar to show gpt-4.1-mini',
      async () => {
        const shown = await statusBarText(page);
        return /gpt-4\.1-mini/.test(shown) ? shown : undefined;
      },
      10_000,
    );
    assert.doesNotMatch(text, /claude/);
    await screenshot(page, 'model-setting-edited');

    const frame = await openChat(page);
    assert.equal(await waitForAnswerEnd(await ask(frame, 'And now?')), 'done');
    assert.equal(lastChatRequestModel(), 'gpt-4.1-mini', 'the question went to the model from the setting');
    // Put back the default for the tests that follow, the same way.
    await (await openModelSetting(page)).fill('gpt-5-mini');
    await pollFor('the status bar back on gpt-5-mini', async () => (/gpt-5-mini/.test(await statusBarText(page)) ? true : undefined), 10_000);
    await runCommand(page, 'View: Close All Editors');
  });
});
