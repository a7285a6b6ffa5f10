// Driving VS Code's workbench as a person would: activity bar, command palette, password box, theme.
// Selectors come from docs/e2e.md and were checked against code-server 4.139.
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { pollUntil } from '../poll';
import { uiSession } from './session';

export const quickInput = (page: Page): Locator => page.locator('.quick-input-widget');

/** The activity bar entry of a view container, by the start of its title ("CometAPI", "Explorer"). */
export function activityItem(page: Page, title: string): Locator {
  return page.locator(`.activitybar .action-item:has(a[aria-label^="${title}"])`);
}

/** Shows a view container; a click on the one already shown would hide the side bar, so look first. */
export async function showViewContainer(page: Page, title: string): Promise<void> {
  const item = activityItem(page, title);
  await item.waitFor();
  if (!/\bchecked\b/.test((await item.getAttribute('class')) ?? '')) {
    await item.locator('a').click();
  }
  await page.waitForFunction(
    (selector) => document.querySelector(selector)?.classList.contains('checked') ?? false,
    `.activitybar .action-item:has(a[aria-label^="${title}"])`,
  );
}

/**
 * Picks the quick-input row labelled exactly `label` (its aria-label is the label, or the label and its
 * keybinding). Fuzzy matching may put another row first ("Browse Color Themes…" above "Color Theme"),
 * so pressing Enter on the top row is not enough.
 */
export async function pickRow(page: Page, label: string): Promise<void> {
  const quoted = JSON.stringify(label);
  const quotedWithKeybinding = JSON.stringify(`${label},`);
  const row = quickInput(page).locator(`.monaco-list-row[aria-label=${quoted}], .monaco-list-row[aria-label^=${quotedWithKeybinding}]`).first();
  await row.click();
}

/** F1, `>Category: Title`, then the command's row: what a person does. */
export async function runCommand(page: Page, categoryAndTitle: string): Promise<void> {
  // Close a quick input left open; no blind Escape, which would also stop a streaming answer.
  if (await quickInput(page).isVisible()) {
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input');
  const opened = await input
    .waitFor({ timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (!opened) {
    // A webview still loading can hold the focus and swallow F1; the title bar's command center opens the same box.
    await page.locator('.command-center .command-center-center').first().click();
    await input.waitFor();
  }
  await input.fill(`>${categoryAndTitle}`);
  await pickRow(page, categoryAndTitle);
}

/** Set API Key through the palette's password box; resolves once the mock saw the key being checked. */
export async function setApiKeyThroughPalette(page: Page, key: string): Promise<void> {
  const { mock } = uiSession();
  const checksBefore = mock.requests.length;
  await runCommand(page, 'CometAPI: Set API Key');
  const password = quickInput(page).locator('input[type="password"]');
  await password.waitFor();
  await password.fill(key);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  await waitUntil('the key to be checked against the mock', () => mock.requests.slice(checksBefore).some((request) => request.path === '/v1/models'));
  // The key is stored only after that check succeeds, and a stored key makes the extension refresh its
  // model list: that second request is the sign the key is in SecretStorage (this VS Code shows the
  // "API key saved" message in the notification centre, not as a toast a test could wait for).
  await waitUntil(
    'the stored key to be used for the model list',
    () => mock.requests.slice(checksBefore).filter((request) => request.path === '/v1/models' && request.authorized).length >= 2,
  );
}

let keySet = false;
/** For tests that only need some valid key in place. */
export async function ensureApiKey(): Promise<void> {
  if (keySet) {
    return;
  }
  const { page, apiKey } = uiSession();
  await setApiKeyThroughPalette(page, apiKey);
  keySet = true;
}
export function rememberApiKeySet(): void {
  keySet = true;
}

export type ThemeName = 'Default Dark Modern' | 'Default Light Modern';

/**
 * The setting names the themes by their old ids; this VS Code maps them to "Dark Modern"/"Light Modern",
 * which is also what the Color Theme picker shows.
 */
const themeLooks: Readonly<Record<ThemeName, { readonly pickerLabel: string; readonly workbenchClass: string }>> = {
  'Default Dark Modern': { pickerLabel: 'Dark Modern', workbenchClass: 'vs-dark' },
  'Default Light Modern': { pickerLabel: 'Light Modern', workbenchClass: 'vs' },
};

/** Preferences: Color Theme, as a person picks one; waits until the workbench wears it. */
export async function setColorTheme(page: Page, theme: ThemeName): Promise<void> {
  const { pickerLabel, workbenchClass } = themeLooks[theme];
  await runCommand(page, 'Preferences: Color Theme');
  await quickInput(page).locator('input').fill(pickerLabel);
  await pickRow(page, pickerLabel);
  await quickInput(page).waitFor({ state: 'hidden' });
  await page.waitForFunction((wanted) => document.querySelector('.monaco-workbench')?.classList.contains(wanted) ?? false, workbenchClass, { timeout: 15_000 });
}

/** Saves a screenshot of the whole window into test/e2e/.artifacts/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(uiSession().screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Polls a condition of the runner's own state (the mock's request log); fails with `what` on timeout. */
export async function waitUntil(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Answers code-server's file dialog (VS Code's own path box in the quick input) with `filePath`. The dialog
 * fills the box with its folder a moment after it appears and again as it lists that folder, so a path typed too
 * early is overwritten ("Please select a file."): wait for the listing, type, and press Enter only once the box
 * still holds exactly the path.
 */
export async function answerFileDialog(page: Page, filePath: string): Promise<void> {
  const box = quickInput(page).locator('input');
  await box.waitFor({ timeout: 15_000 });
  await quickInput(page)
    .locator('.monaco-list-row', { hasText: path.basename(filePath) })
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => undefined); // a save dialog proposes a name that need not be listed yet
  const deadline = Date.now() + 15_000;
  for (;;) {
    await box.fill(filePath);
    await page.waitForTimeout(300);
    if ((await box.inputValue()) === filePath) {
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`the file dialog kept replacing ${filePath} with ${await box.inputValue()}`);
    }
  }
  await box.press('Enter');
}

/** Picks `model` in the status bar's model picker, as a person would, and waits for the status bar to show it. */
export async function pickModel(page: Page, model: string): Promise<void> {
  const item = page.locator('.statusbar [aria-label^="CometAPI model"]').first();
  await item.click();
  const input = quickInput(page).locator('input');
  await input.waitFor();
  // A row's text is the id followed by its description ("gpt-5-minicurrent · OpenAI …"); another id would go on
  // with "-" or "." (gpt-5-mini-2025…).
  const row = quickInput(page)
    .locator('.monaco-list-row', { hasText: new RegExp(`^${model.replace(/\./g, '\\.')}(?![-.])`) })
    .first();
  // The rows come from the mock's model list; filter until the model is there.
  await pollUntil(
    `${model} in the picker`,
    async () => {
      await input.fill(model);
      return (await row.count()) > 0 ? true : undefined;
    },
    15_000,
  );
  await row.click();
  await pollUntil(`the status bar to show ${model}`, async () => (((await item.getAttribute('aria-label')) ?? '').includes(model) ? true : undefined), 15_000);
}

/** Waits for the workbench to come back after a reload, with the extension's activity bar entry. */
export async function waitForWorkbenchAgain(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.activitybar .action-item a[aria-label^="CometAPI"]').waitFor({ timeout: 60_000 });
  // The chat was showing before the reload, so the workbench restores it. Clicking its activity bar item
  // before that happened would toggle the side bar closed again (seen as a flaky openChat after reloads).
  await page
    .locator('.activitybar .action-item.checked:has(a[aria-label^="CometAPI"])')
    .waitFor({ timeout: 15_000 })
    .catch(() => undefined);
}

/** Developer: Reload Window from the command palette, then waits for the new workbench. */
export async function reloadWindow(page: Page): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 30_000 });
  await runCommand(page, 'Developer: Reload Window');
  await navigated;
  await waitForWorkbenchAgain(page);
}
