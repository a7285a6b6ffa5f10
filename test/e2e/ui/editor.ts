// The workspace's add.ts in an editor, driven with the keyboard as a person would: open it, select lines,
// read what the editor shows. Shared by the UI tests that start from a selection.
import type { Locator, Page } from 'playwright-core';
import { pollFor } from './chatView';
import { quickInput } from './workbench';

export const editor = (page: Page): Locator => page.locator('.editor-instance .monaco-editor').first();

/** The text the editor shows (the file is a few lines long, so every line is rendered). */
export async function editorText(page: Page): Promise<string> {
  const lines = await editor(page)
    .locator('.view-lines .view-line')
    .evaluateAll((nodes) =>
      nodes
        .map((node) => ({ top: parseFloat((node as HTMLElement).style.top) || 0, text: (node.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text),
    );
  return lines.join('\n');
}

/** Quick Open (ctrl+p) add.ts, the file the runner put in the workspace. */
export async function openAddTs(page: Page): Promise<void> {
  // In a window still settling (a tab just reopened), ctrl+p once met a quick input that was closing (inert, then
  // hidden) and the fill timed out; a person would press Escape and ctrl+p again, and so does this, twice at most.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    try {
      await quickInput(page).locator('input').fill('add.ts', { timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
      await page.keyboard.press('Escape');
    }
  }
  await quickInput(page).locator('.monaco-list-row', { hasText: 'add.ts' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: 'add.ts' }).waitFor();
  await pollFor('add.ts to be shown', async () => ((await editorText(page)).includes('export function add') ? true : undefined));
}

/** Selects whole lines `from`-`to` with the keyboard (ctrl+g to go to a line, then shift+down / shift+end). */
export async function selectLines(page: Page, from: number, to: number): Promise<void> {
  await editor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  await quickInput(page).locator('input').fill(`:${from}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  await page.keyboard.press('Home');
  for (let line = from; line < to; line++) {
    await page.keyboard.press('Shift+ArrowDown');
  }
  await page.keyboard.press('Shift+End');
}
