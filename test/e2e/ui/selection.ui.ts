// As a person meets it: select lines of a workspace file, Explain Selection from the editor's
// context menu or with ctrl+alt+e, the question (with the code as a card) and the streamed answer show in the
// chat view, and Insert at Cursor puts the answer's code into the file.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { chatFrame, openChat, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { editor, editorText, openAddTs, selectLines } from './editor';
import { ensureApiKey, runCommand, screenshot } from './workbench';

/** The user text of the next chat request the mock receives after `before` requests. */
async function nextQuestionText(before: number): Promise<string> {
  const { mock } = uiSession();
  const request = await pollFor('the chat request', async () =>
    mock.requests.slice(before).find((r) => r.method === 'POST' && /\/v1\/(chat\/completions|responses)$/.test(r.path)),
  );
  // Whatever the endpoint, the selection travels as text inside the body.
  return JSON.stringify(request.body);
}

async function lastAnswer(frame: FrameLocator): Promise<Locator> {
  const answer = frame.locator(selectors.assistant).last();
  await answer.waitFor();
  return answer;
}

suite('Explain Selection from the editor', () => {
  test('from the editor context menu: the code, path and lines are sent, the question shows a code card, the answer streams in', async () => {
    const { page, mock } = uiSession();
    await ensureApiKey();
    // Opened once so the view exists; then the editor gets the focus back, as when a person goes back to code.
    const answersBefore = await (await openChat(page)).locator(selectors.assistant).count();
    await openAddTs(page);
    await selectLines(page, 1, 2);
    const before = mock.requests.length;
    // Right-click inside the selection (on line 1's text), as a person would, so the selection stays.
    await editor(page)
      .locator('.view-line', { hasText: 'export function add' })
      .click({ button: 'right', position: { x: 30, y: 5 } });
    const menuItem = page.locator('.monaco-menu .action-item', { hasText: /^Explain Selection/ }).first();
    await menuItem.waitFor({ timeout: 10_000 });
    await screenshot(page, 'selection-context-menu');
    await menuItem.click();

    const sent = await nextQuestionText(before);
    assert.ok(sent.includes('add.ts, lines 1-2:'), `the path and line range are sent: ${sent.slice(0, 400)}`);
    assert.ok(sent.includes('```typescript\\nexport function add(a: number, b: number): number {\\n  return a + b;\\n```'), 'the two lines are sent fenced');

    const frame = chatFrame(page);
    const card = frame.locator('.message.user .context-card').last();
    await card.waitFor({ timeout: 15_000 });
    assert.match((await card.locator('.context-path').textContent()) ?? '', /^add\.ts$/);
    assert.match((await card.locator('.context-lines').textContent()) ?? '', /lines 1-2/);
    const answer = frame.locator(selectors.assistant).nth(answersBefore);
    assert.equal(await waitForAnswerEnd(answer), 'done');
    assert.match((await answer.textContent()) ?? '', /Answer from the mock/, 'the answer streamed into the view');
    await screenshot(page, 'selection-explained-from-menu');
  });

  test('ctrl+alt+e explains the selection too', async () => {
    const { page, mock } = uiSession();
    await openAddTs(page);
    await selectLines(page, 2, 2);
    const answersBefore = await chatFrame(page).locator(selectors.assistant).count();
    const before = mock.requests.length;
    await page.keyboard.press('Control+Alt+E');
    const sent = await nextQuestionText(before);
    assert.ok(sent.includes('add.ts, line 2:'), `a one-line selection is named by its line: ${sent.slice(0, 400)}`);
    const answer = chatFrame(page).locator(selectors.assistant).nth(answersBefore);
    assert.equal(await waitForAnswerEnd(answer), 'done');
  });

  test('Insert at Cursor on a code block of the answer inserts it into the file at the cursor', async () => {
    const { page } = uiSession();
    await openAddTs(page);
    await editor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    const before = await editorText(page);
    const block = (await lastAnswer(chatFrame(page))).locator(selectors.codeBlock).first();
    const code = ((await block.locator('code').first().textContent()) ?? '').trim();
    assert.ok(code.length > 0, 'the answer has a code block');
    await block.locator('[data-code-action="insert"]').click();
    const after = await pollFor('the file to change', async () => {
      const text = await editorText(page);
      return text !== before ? text : undefined;
    });
    assert.ok(after.startsWith(before.trimEnd()), 'the code went to the cursor at the end, the rest is unchanged');
    // add.ts already holds `export function add…`: count the block's lines, so an unchanged file cannot pass.
    const occurrences = (text: string, needle: string) => text.split(needle).length - 1;
    const firstLine = code.split('\n')[0] ?? code;
    assert.equal(occurrences(after, firstLine), occurrences(before, firstLine) + 1, `the code block is in the file once more:\n${after}`);
    assert.equal(after.split('\n').length - before.split('\n').length >= code.split('\n').length - 1, true, 'all of its lines were inserted');
    await screenshot(page, 'selection-inserted-at-cursor');
    // One ctrl+z takes the whole insertion back (it is one undo step), which also leaves add.ts as it was
    // for whatever runs next.
    await editor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+Z');
    await pollFor('one undo to restore the file', async () => ((await editorText(page)) === before ? true : undefined), 5_000);
    await runCommand(page, 'View: Close All Editors');
  });
});
