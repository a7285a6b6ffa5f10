// The Compare Models panel and its picker as the e2e tests drive them.
import type { Frame, Page } from 'playwright-core';
import { pollFor } from './chatView';
import { quickInput } from './workbench';

/** The Compare panel's page: the one webview frame that has the comparison grid. */
export function compareFrame(page: Page): Promise<Frame> {
  return pollFor(
    'the Compare Models panel',
    async () => {
      for (const frame of page.frames()) {
        if (
          (await frame
            .locator('.compare-grid')
            .count()
            .catch(() => 0)) > 0
        ) {
          return frame;
        }
      }
      return undefined;
    },
    30_000,
  );
}

/** Filters the picker to `id` and clicks its row, which checks or unchecks it. */
export async function toggleModel(page: Page, id: string): Promise<void> {
  const input = quickInput(page).locator('input.input');
  await input.fill(id);
  // A row's aria-label is its label, or its label and description after a comma: the id as a whole.
  const quoted = JSON.stringify(id);
  const withDescription = JSON.stringify(`${id},`);
  await quickInput(page).locator(`.monaco-list-row[aria-label=${quoted}], .monaco-list-row[aria-label^=${withDescription}]`).first().click();
}
