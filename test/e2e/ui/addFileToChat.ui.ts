// As a person meets it: select files in the Explorer, right-click, "Add File to Chat"; each file shows as a chip
// with its size in tokens, nothing is sent until the person asks, and then the files' text reaches CometAPI. A
// file deleted after it was attached stops the send with a message, and the question stays in the input.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { chatFrame, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, quickInput, runCommand, screenshot, showViewContainer } from './workbench';

const chatRequest = (r: { method: string; path: string }): boolean => r.method === 'POST' && /\/v1\/(chat\/completions|responses)$/.test(r.path);

function explorerRow(page: Page, name: string) {
  return page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
}

/** Right-clicks `name` in the Explorer (with `alsoSelect` ctrl+clicked first) and picks Add File to Chat. */
async function addFromExplorer(page: Page, name: string, alsoSelect: readonly string[] = []): Promise<void> {
  await showViewContainer(page, 'Explorer');
  const wanted = [name, ...alsoSelect].sort();
  // A click that lands while the Explorer is still refreshing (a file just written, the first reveal of the tree)
  // can be lost; the right-click acts on the selection, so it must hold exactly these files first.
  await pollFor(
    `the Explorer to select ${wanted.join(', ')}`,
    async () => {
      await explorerRow(page, name).click();
      for (const other of alsoSelect) {
        await explorerRow(page, other).click({ modifiers: ['Control'] });
      }
      const selected = (await page.locator('.explorer-folders-view .monaco-list-row[aria-selected="true"]').allTextContents())
        .map((text) => text.trim())
        .sort();
      return JSON.stringify(selected) === JSON.stringify(wanted) ? true : undefined;
    },
    20_000,
  );
  await explorerRow(page, name).click({ button: 'right' });
  const item = page.locator('.monaco-menu .action-item', { hasText: /^Add File to Chat/ }).first();
  await item.waitFor({ timeout: 10_000 }).catch(() => {
    throw new Error(`the Explorer's context menu on ${name} has no "Add File to Chat"`);
  });
  await screenshot(page, 'add-file-explorer-menu');
  await item.click();
}

/** Removes every chip in the input, so a test never counts what an earlier one left behind. */
async function removeAllChips(page: Page): Promise<void> {
  await showViewContainer(page, 'CometAPI');
  const remove = chatFrame(page).locator('.context-chip .context-chip-remove');
  while ((await remove.count()) > 0) {
    await remove.first().click();
  }
}

suite('Add File to Chat from the Explorer', () => {
  setup(async () => {
    await removeAllChips(uiSession().page);
  });

  test('two files selected in the Explorer become chips with their tokens; sending carries both files whole', async () => {
    const { page, mock } = uiSession();
    await ensureApiKey();
    const requestsBefore = mock.requests.filter(chatRequest).length;
    await addFromExplorer(page, 'greeting.py', ['add.ts']);

    const frame = chatFrame(page);
    const labels = frame.locator('.context-chip .context-chip-label');
    await pollFor('two file chips', async () => ((await labels.count()) === 2 ? true : undefined), 20_000);
    assert.deepEqual((await labels.allTextContents()).sort(), ['add.ts', 'greeting.py'], 'each file is a chip named by the file');
    const tokens = await frame.locator('.context-chip .context-chip-tokens').allTextContents();
    assert.equal(tokens.length, 2);
    assert.ok(
      tokens.every((text) => /^~\d+ tokens$/.test(text)),
      `each chip shows its size in tokens: ${tokens.join(', ')}`,
    );
    assert.equal(mock.requests.filter(chatRequest).length, requestsBefore, 'attaching sends nothing');
    await screenshot(page, 'add-file-chips');

    const answersBefore = await frame.locator(selectors.assistant).count();
    const prompt = frame.locator(selectors.prompt);
    await prompt.fill('What do these files do?');
    await prompt.press('Enter');
    const request = await pollFor('the chat request with the files', async () => mock.requests.filter(chatRequest)[requestsBefore], 30_000);
    const sent = JSON.stringify(request.body);
    assert.ok(sent.includes('What do these files do?'), 'the question is sent');
    assert.ok(
      sent.includes("greeting.py (whole file, 2 lines):\\n```python\\ndef greet(name):\\n    return f'Hello, {name}!'\\n```"),
      `greeting.py is sent whole: ${sent.slice(0, 900)}`,
    );
    assert.ok(sent.includes('add.ts (whole file, 3 lines):\\n```typescript\\nexport function add(a: number, b: number): number {'), 'add.ts is sent whole');
    const answer = frame.locator(selectors.assistant).nth(answersBefore);
    assert.equal(await waitForAnswerEnd(answer, 60_000), 'done');
    assert.equal(await frame.locator('.context-chip').count(), 0, 'the chips went with the question');

    // The answer's block is a part of a file, not the file: Replace Selection must not put it in place of a whole
    // attached file. With nothing selected it says what to do instead.
    const greeting = path.join(path.dirname(uiSession().userDataDir), 'workspace', 'greeting.py');
    const greetingBefore = fs.readFileSync(greeting, 'utf8');
    await answer.locator(selectors.codeBlock).first().locator('[data-code-action="replaceSelection"]').click();
    await runCommand(page, 'Notifications: Show Notifications');
    await page
      .locator('.notifications-center .notification-list-item', { hasText: 'This answer was not about a selection' })
      .first()
      .waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.tabs-container .tab.dirty').count(), 0, 'no editor was changed');
    assert.equal(fs.readFileSync(greeting, 'utf8'), greetingBefore);
    await runCommand(page, 'Notifications: Clear All Notifications');
  });

  test('a file deleted between attaching and sending: a clear message, nothing sent, the question stays in the input', async () => {
    const { page, mock, userDataDir } = uiSession();
    // The runner makes <run>/workspace beside <run>/user-data (test/e2e/lib/workspaceSetup.mjs, codeServer.mjs).
    const farewell = path.join(path.dirname(userDataDir), 'workspace', 'farewell.py');
    assert.ok(fs.existsSync(farewell), `the workspace file is where the runner put it: ${farewell}`);
    await addFromExplorer(page, 'farewell.py');
    const frame = chatFrame(page);
    await frame.locator('.context-chip .context-chip-label', { hasText: 'farewell.py' }).waitFor({ timeout: 20_000 });

    fs.rmSync(farewell);
    await showViewContainer(page, 'Explorer');
    await explorerRow(page, 'farewell.py').waitFor({ state: 'detached', timeout: 20_000 });
    await showViewContainer(page, 'CometAPI');
    const requestsBefore = mock.requests.filter(chatRequest).length;
    const prompt = frame.locator(selectors.prompt);
    await prompt.fill('Why does farewell say goodbye?');
    await prompt.press('Enter');

    await pollFor('the question back in the input', async () => ((await prompt.inputValue()) === 'Why does farewell say goodbye?' ? true : undefined), 20_000);
    // The toast may already be gone (or shown only as the bell's badge while the chat has focus): the
    // notification centre lists every notification.
    await runCommand(page, 'Notifications: Show Notifications');
    const toast = page.locator('.notifications-center .notification-list-item', { hasText: 'Your message was not sent' }).first();
    await toast.waitFor({ timeout: 20_000 });
    assert.match((await toast.textContent()) ?? '', /farewell\.py no longer exists \(it was deleted, moved or renamed\)/);
    assert.equal(mock.requests.filter(chatRequest).length, requestsBefore, 'nothing was sent');
    assert.equal(await frame.locator('.context-chip').count(), 0, 'the deleted file is no longer attached');
    await screenshot(page, 'add-file-deleted-before-send');
    // Leave no notification and an empty input for whatever runs next.
    await runCommand(page, 'Notifications: Clear All Notifications');
    await prompt.fill('');
  });

  test("the editor's file is offered as a one-click chip near the input", async () => {
    const { page } = uiSession();
    await page.keyboard.press('Control+P');
    await quickInput(page).locator('input').fill('greeting.py');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'greeting.py' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'greeting.py' }).waitFor();
    await showViewContainer(page, 'CometAPI');
    const frame = chatFrame(page);
    const offer = frame.locator('.context-offer');
    // The offer follows the editor a moment after the tab changes (the previous file may show first).
    await pollFor(
      'the offer to name greeting.py, the file open in the editor',
      async () => ((await offer.count()) === 1 && ((await offer.textContent()) ?? '').trim() === 'greeting.py' ? true : undefined),
      20_000,
    );
    await screenshot(page, 'active-file-offer');
    await offer.click();
    const chip = frame.locator('.context-chip', { hasText: 'greeting.py' }).filter({ has: frame.locator('.context-chip-tokens') });
    await chip.waitFor({ timeout: 20_000 });
    assert.equal(await offer.count(), 0, 'once attached, the file is no longer offered');
    // Leave no chip behind for whatever runs next.
    await chip.locator('.context-chip-remove').click();
    await runCommand(page, 'View: Close All Editors');
  });
});
