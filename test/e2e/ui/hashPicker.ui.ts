// As a person meets it: typing `#` in the chat input opens a picker of the workspace's files; part of a name and
// Enter attach the file as a chip, the `#` is gone and typing goes on in the input; the question carries the
// file's text. `#` inside a word (C#) opens nothing, and Escape keeps the `#` that was typed. Files hidden by
// search.exclude (node_modules by default) are not offered.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openChat, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, quickInput, screenshot } from './workbench';

const chatRequest = (r: { method: string; path: string }): boolean => r.method === 'POST' && /\/v1\/(chat\/completions|responses)$/.test(r.path);

const pickerTitle = 'Attach a File to the Chat';

function workspaceDir(): string {
  // The runner makes <run>/workspace beside <run>/user-data (test/e2e/lib/workspaceSetup.mjs, codeServer.mjs).
  return path.join(path.dirname(uiSession().userDataDir), 'workspace');
}

function picker(page: Page) {
  return quickInput(page).filter({ hasText: pickerTitle });
}

async function promptHasFocus(frame: FrameLocator): Promise<boolean> {
  return frame.locator(selectors.prompt).evaluate((element) => element.ownerDocument.activeElement === element);
}

suite('# in the chat input opens a workspace file picker', () => {
  const created: string[] = [];
  const write = (relative: string, text: string): void => {
    const file = path.join(workspaceDir(), relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    created.push(path.join(workspaceDir(), relative.split('/')[0] ?? relative));
  };

  suiteTeardown(() => {
    for (const entry of created) {
      fs.rmSync(entry, { recursive: true, force: true });
    }
  });

  test('# then part of a name and Enter: a chip for the file, the # gone, typing goes on, and the question carries the file', async () => {
    const { page, mock } = uiSession();
    await ensureApiKey();
    write('hashnotes/hash-target.md', 'The hash picker brought this note: seventeen lanterns.\n');
    write('node_modules/hash-hidden/hash-excluded.js', 'module.exports = "never offered";\n');
    const frame = await openChat(page);
    const prompt = frame.locator(selectors.prompt);
    await prompt.fill('Summarise ');
    await prompt.press('End');
    const requestsBefore = mock.requests.filter(chatRequest).length;

    await page.keyboard.type('#');
    await picker(page).waitFor({ timeout: 20_000 });
    const filter = quickInput(page).locator('input');
    await filter.fill('hash-');
    const target = quickInput(page).locator('.monaco-list-row', { hasText: 'hash-target.md' });
    await target.first().waitFor({ timeout: 20_000 });
    assert.match((await target.first().textContent()) ?? '', /hashnotes/, 'the row shows the folder the file is in');
    assert.equal(
      await quickInput(page).locator('.monaco-list-row', { hasText: 'hash-excluded.js' }).count(),
      0,
      'node_modules (search.exclude) is not offered',
    );
    await filter.fill('hash-tar');
    await screenshot(page, 'hash-picker-open');
    await page.keyboard.press('Enter');

    const chip = frame.locator('.context-chip', { hasText: 'hash-target.md' }).filter({ has: frame.locator('.context-chip-tokens') });
    await chip.waitFor({ timeout: 20_000 });
    await pollFor('the # to be taken out of the input', async () => ((await prompt.inputValue()) === 'Summarise ' ? true : undefined), 20_000);
    await pollFor('the focus back in the chat input', async () => ((await promptHasFocus(frame)) ? true : undefined), 10_000);
    await page.keyboard.type('it please');
    assert.equal(await prompt.inputValue(), 'Summarise it please', 'typing goes on where it stopped, without the #');
    await screenshot(page, 'hash-picker-chip');
    assert.equal(mock.requests.filter(chatRequest).length, requestsBefore, 'picking a file sends nothing');

    const answersBefore = await frame.locator(selectors.assistant).count();
    await page.keyboard.press('Enter');
    const request = await pollFor('the chat request with the file', async () => mock.requests.filter(chatRequest)[requestsBefore], 30_000);
    const sent = JSON.stringify(request.body);
    assert.ok(sent.includes('Summarise it please'), 'the question is sent without the #');
    assert.ok(sent.includes('hash-target.md (whole file'), `the file is named as a whole file: ${sent.slice(0, 600)}`);
    assert.ok(sent.includes('seventeen lanterns'), "the file's text is sent");
    assert.equal(await waitForAnswerEnd(frame.locator(selectors.assistant).nth(answersBefore), 60_000), 'done');
    assert.equal(await frame.locator('.context-chip').count(), 0, 'the chip went with the question');
    assert.equal(await prompt.inputValue(), '');
  });

  test('# inside a word opens nothing; Escape closes the picker and keeps the # as typed', async () => {
    const { page } = uiSession();
    const frame = await openChat(page);
    const prompt = frame.locator(selectors.prompt);
    await prompt.fill('');
    await prompt.click();
    await page.keyboard.type('Price in C#');
    // The picker would open within a moment of the key; give it that moment before saying it did not.
    await page.waitForTimeout(1500);
    assert.equal(await picker(page).isVisible(), false, 'C# is text, not a file reference');

    await page.keyboard.type(' #');
    await picker(page).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await picker(page).waitFor({ state: 'hidden', timeout: 10_000 });
    await pollFor('the focus back in the chat input', async () => ((await promptHasFocus(frame)) ? true : undefined), 10_000);
    await page.keyboard.type('1');
    assert.equal(await prompt.inputValue(), 'Price in C# #1', 'the # stays where it was typed and typing goes on after it');
    assert.equal(await frame.locator('.context-chip').count(), 0, 'nothing was attached');
    // Leave an empty input for whatever runs next.
    await prompt.fill('');
  });
});
