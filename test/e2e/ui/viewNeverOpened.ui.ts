// What a person sees when a command opens the chat view for the first time in a window: the view must show
// what the command did (the question and its streamed answer, the attached chip, the new or chosen
// conversation), not an empty transcript. Each test reloads the page with another view showing, so the
// chat view is created by the command itself, as on a fresh start. Named to run after the files that
// build on an already open chat view.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { ask, chatFrame, newChat, openChat, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { openAddTs, selectLines } from './editor';
import { uiSession } from './session';
import { ensureApiKey, quickInput, runCommand, screenshot, showViewContainer } from './workbench';

const explorerShown = (page: Page) => page.locator('.activitybar .action-item.checked:has(a[aria-label^="Explorer"])');

/** Reloads the page with the Explorer showing: the new window has not created the chat view yet. */
async function reloadWithChatNeverOpened(page: Page): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    await showViewContainer(page, 'Explorer');
    // The workbench stores which container shows a moment after the switch; a reload before that restores the chat.
    await page.waitForTimeout(1_500);
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The extension runs once its status bar item shows (the activity bar entry may come from the workbench's cache,
    // before the extension's commands are in the palette).
    await page.locator('.statusbar [aria-label^="CometAPI model"]').first().waitFor({ timeout: 60_000 });
    if (await explorerShown(page).isVisible()) {
      break;
    }
  }
  assert.equal(await explorerShown(page).count(), 1, 'the Explorer shows, not the chat');
  assert.equal(await page.locator('iframe.webview').count(), 0, 'the chat view has not been created in this window');
}

/** An empty conversation as the one the window reopens, then a reload that leaves the chat view unopened. */
async function emptyChatNeverOpened(page: Page): Promise<void> {
  await ensureApiKey();
  await newChat(page);
  await reloadWithChatNeverOpened(page);
}

/** The transcript's questions, as the person reads them. */
async function questions(frame: FrameLocator): Promise<string[]> {
  return frame.locator('.message.user').allTextContents();
}

/** Waits for the answer to the only question in the view and checks it streamed to its end. */
async function expectOneStreamedAnswer(frame: FrameLocator): Promise<void> {
  const answer = frame.locator(selectors.assistant).first();
  await answer.waitFor({ timeout: 20_000 });
  assert.equal(await waitForAnswerEnd(answer), 'done');
  assert.match((await answer.textContent()) ?? '', /Answer from the mock/, 'the streamed answer is in the view');
  assert.equal(await frame.locator(selectors.assistant).count(), 1, 'one answer, to the one question');
}

suite('commands that open the chat view for the first time in a window', () => {
  test('Explain Selection with the chat view never opened shows the question and the streamed answer', async () => {
    const { page } = uiSession();
    await emptyChatNeverOpened(page);
    await openAddTs(page);
    await selectLines(page, 1, 2);
    await runCommand(page, 'CometAPI: Explain Selection');

    const frame = chatFrame(page);
    const card = frame.locator('.message.user .context-card').first();
    await card.waitFor({ timeout: 20_000 });
    assert.match((await card.locator('.context-lines').textContent()) ?? '', /lines 1-2/);
    await expectOneStreamedAnswer(frame);
    assert.equal((await questions(frame)).length, 1);
    await screenshot(page, 'never-opened-explain-selection');
  });

  test('Ask About Selection with the chat view never opened shows the typed question and its answer', async () => {
    const { page } = uiSession();
    await emptyChatNeverOpened(page);
    await openAddTs(page);
    await selectLines(page, 2, 2);
    await runCommand(page, 'CometAPI: Ask About Selection');
    const box = quickInput(page).locator('input');
    await box.waitFor();
    await box.fill('Why does this return a number? (asked before the view existed)');
    await page.keyboard.press('Enter');

    const frame = chatFrame(page);
    await frame.locator('.message.user').first().waitFor({ timeout: 20_000 });
    await expectOneStreamedAnswer(frame);
    const asked = await questions(frame);
    assert.equal(asked.length, 1);
    assert.match(asked[0] ?? '', /asked before the view existed/, 'the question typed into the input box is shown');
    assert.match(asked[0] ?? '', /line 2/, 'with the selection it is about');
  });

  test('Add Selection to Chat with the chat view never opened shows the attached code as a chip', async () => {
    const { page } = uiSession();
    await emptyChatNeverOpened(page);
    await openAddTs(page);
    await selectLines(page, 1, 3);
    await runCommand(page, 'CometAPI: Add Selection to Chat');

    const frame = chatFrame(page);
    const chip = frame.locator('.context-chip');
    await chip.first().waitFor({ timeout: 20_000 });
    assert.equal(await chip.count(), 1);
    assert.match((await chip.first().textContent()) ?? '', /add\.ts lines 1-3/);
    await screenshot(page, 'never-opened-add-selection');
    // Leave no draft behind for the tests after this one.
    await chip.first().locator('.context-chip-remove').click();
    await chip.first().waitFor({ state: 'detached' });
  });

  test('New Chat with the chat view never opened shows the empty conversation', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    const frame = await openChat(page);
    assert.equal(await waitForAnswerEnd(await ask(frame, 'Remember the word heron.')), 'done');
    await reloadWithChatNeverOpened(page);
    await runCommand(page, 'CometAPI: New Chat');

    const opened = chatFrame(page);
    await opened.locator('.empty-state').waitFor({ timeout: 20_000 });
    assert.equal(await opened.locator('.message').count(), 0, 'no message of the earlier conversation is shown');
  });

  test('a conversation chosen in Show Chat History with the chat view never opened is shown', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    const frame = await newChat(page);
    assert.equal(await waitForAnswerEnd(await ask(frame, 'Tell me about the okapi.')), 'done');
    await newChat(page);
    await reloadWithChatNeverOpened(page);

    await runCommand(page, 'CometAPI: Show Chat History');
    await quickInput(page).locator('input').fill('okapi');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'okapi' }).first().click();

    const opened = chatFrame(page);
    await pollFor('the chosen conversation in the chat view', async () => ((await questions(opened)).some((q) => /okapi/.test(q)) ? true : undefined), 20_000);
    const answer = opened.locator(selectors.assistant).last();
    assert.equal(await answer.getAttribute('data-status'), 'done');
    assert.match((await answer.textContent()) ?? '', /Answer from the mock/);
  });
});
