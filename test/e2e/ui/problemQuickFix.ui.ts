// As a person meets it: a TypeScript error is underlined in broken.ts, Ctrl+. on it offers "Fix with CometAPI",
// the question (the error message, the file, the line and the code around it) reaches CometAPI, the answer shows
// in the chat, and Replace Selection on its code block replaces the line the error was on, nothing else.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chatFrame, openChat, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { editor, editorText } from './editor';
import { uiSession } from './session';
import { ensureApiKey, quickInput, runCommand, screenshot } from './workbench';

const brokenLine = "const label: number = 'seven';";
const tsMessage = "Type 'string' is not assignable to type 'number'.";

/** Quick Open (ctrl+p) broken.ts, the file with one TypeScript error that the runner put in the workspace. */
async function openBrokenTs(page: Page): Promise<void> {
  await page.keyboard.press('Control+P');
  await quickInput(page).locator('input').fill('broken.ts');
  await quickInput(page).locator('.monaco-list-row', { hasText: 'broken.ts' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: 'broken.ts' }).waitFor();
  await pollFor('broken.ts to be shown', async () => ((await editorText(page)).includes(brokenLine) ? true : undefined));
}

suite('Fix with CometAPI on a TypeScript error', () => {
  test('Ctrl+. on the error sends the message, file, line and code; the answer shows; Replace Selection replaces the error line', async () => {
    const { page, mock } = uiSession();
    await ensureApiKey();
    const answersBefore = await (await openChat(page)).locator(selectors.assistant).count();
    await openBrokenTs(page);
    // TypeScript's language server starts on the first .ts file: on a loaded machine that takes a while.
    await editor(page)
      .locator('.squiggly-error')
      .first()
      .waitFor({ timeout: 90_000 })
      .catch(() => {
        throw new Error('TypeScript never underlined the error in broken.ts (is the built-in TypeScript extension running?)');
      });
    const before = await editorText(page);

    // The cursor inside `label` on line 2, then Ctrl+. as a person would.
    await editor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+G');
    await quickInput(page).locator('input').fill(':2:8');
    await page.keyboard.press('Enter');
    await quickInput(page).waitFor({ state: 'hidden' });
    const requestsBefore = mock.requests.length;
    await page.keyboard.press('Control+.');
    const fixItem = page.locator('.action-widget .monaco-list-row', { hasText: 'Fix with CometAPI' }).first();
    await fixItem.waitFor({ timeout: 20_000 }).catch(() => {
      throw new Error('Ctrl+. on the TypeScript error did not offer "Fix with CometAPI"');
    });
    assert.equal(
      await page.locator('.action-widget .monaco-list-row', { hasText: 'Explain with CometAPI' }).count(),
      1,
      'Explain with CometAPI is offered too',
    );
    await screenshot(page, 'problem-quick-fix-menu');
    await fixItem.click();

    const request = await pollFor(
      'the chat request of the quick fix',
      async () => mock.requests.slice(requestsBefore).find((r) => r.method === 'POST' && /\/v1\/(chat\/completions|responses)$/.test(r.path)),
      30_000,
    );
    const sent = JSON.stringify(request.body);
    assert.ok(sent.includes(tsMessage), `the TypeScript message is sent: ${sent.slice(0, 600)}`);
    assert.ok(sent.includes('reported on line 2 of broken.ts'), `the file and line are named: ${sent.slice(0, 600)}`);
    assert.ok(sent.includes('broken.ts, lines 1-4:'), 'the code around the problem is sent (the file ends with a line break: 4 lines)');
    assert.ok(sent.includes(`broken.ts, line 2:\\n\`\`\`typescript\\n${brokenLine}\\n\`\`\``), `the problem line is sent fenced: ${sent.slice(0, 900)}`);

    const frame = chatFrame(page);
    const answer = frame.locator(selectors.assistant).nth(answersBefore);
    assert.equal(await waitForAnswerEnd(answer, 60_000), 'done');
    assert.match((await answer.textContent()) ?? '', /Answer from the mock/, 'the answer shows in the chat');
    const question = frame.locator('.message.user').last();
    assert.match((await question.textContent()) ?? '', /Fix this problem reported on line 2 of broken\.ts/);
    await screenshot(page, 'problem-quick-fix-answer');

    const block = answer.locator(selectors.codeBlock).first();
    const suggestion = ((await block.locator('code').first().textContent()) ?? '').trimEnd();
    await block.locator('[data-code-action="replaceSelection"]').click();
    const after = await pollFor(
      'broken.ts to change',
      async () => {
        const text = await editorText(page);
        return text !== before ? text : undefined;
      },
      20_000,
    );
    const [firstLine, , ...rest] = before.split('\n');
    assert.equal(after, [firstLine, suggestion, ...rest].join('\n'), 'only the error line was replaced, by the code block');
    await screenshot(page, 'problem-quick-fix-replaced');
    // Leave broken.ts as it was for whatever runs next: the replacement is one undo step.
    await editor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+Z');
    await pollFor('one undo to restore broken.ts', async () => ((await editorText(page)) === before ? true : undefined), 5_000);
    await runCommand(page, 'View: Close All Editors');
  });
});
