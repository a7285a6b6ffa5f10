// The chat history as a person uses it: rename a chat in the history panel, find it again with Show Chat History
// by a word from its messages, delete it and take that back with the notification's Undo, and export it through
// VS Code's own save dialog. What was written is checked on disk, where the next window (or the person) finds it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { ConversationStore } from '../../../src/core/storage/conversationStore';
import type { ConversationSummary } from '../../../src/shared/protocol';
import { ask, newChat, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { answerFileDialog, ensureApiKey, quickInput, runCommand, screenshot } from './workbench';

const question = 'What do walruses eat in winter?';
const newTitle = 'Arctic notes';

/** The conversations on disk, read as another window would. */
async function onDisk(): Promise<ConversationSummary[]> {
  const folder = path.join(uiSession().userDataDir, 'User', 'globalStorage', 'cometapi.cometapi-chat');
  const store = await ConversationStore.open(folder);
  try {
    return await store.list();
  } finally {
    await store.dispose();
  }
}

async function openHistory(frame: FrameLocator): Promise<Locator> {
  const panel = frame.locator('#history-panel');
  if (!(await panel.isVisible())) {
    await frame.locator('#history-button').click();
  }
  await panel.waitFor();
  return panel;
}

function historyRow(frame: FrameLocator, title: string): Locator {
  return frame.locator('.history-item', { has: frame.locator('.history-title', { hasText: title }) });
}

/** A notification's button, in a toast or (if the workbench put it there) in the notification centre. */
async function clickNotificationButton(page: Page, text: string, button: string): Promise<void> {
  const item = page.locator('.notification-list-item', { hasText: text }).first();
  try {
    await item.waitFor({ timeout: 5_000 });
  } catch {
    await runCommand(page, 'Notifications: Show Notifications');
    await item.waitFor();
  }
  await item.locator('.monaco-button', { hasText: button }).first().click();
}

suite('chat history', () => {
  test('a chat renamed in the history panel shows its new title there and on disk', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    const frame = await newChat(page);
    assert.equal(await waitForAnswerEnd(await ask(frame, question)), 'done');
    const panel = await openHistory(frame);
    await historyRow(frame, question).locator('.history-rename').click();
    const input = frame.locator('.history-rename-input');
    await input.fill(newTitle);
    await input.press('Enter');
    await pollFor('the new title on disk', async () => ((await onDisk()).some((c) => c.title === newTitle) ? true : undefined));
    // Closed and opened again, the panel shows the list the host sends, not only what was typed.
    await frame.locator('.close-history').click();
    await openHistory(frame);
    await historyRow(frame, newTitle).waitFor();
    assert.equal(await historyRow(frame, question).count(), 0, 'the old title is gone from the list');
    await screenshot(page, 'history-renamed');
    await frame.locator('.close-history').click();
    assert.ok(await panel.isHidden());
  });

  test('Show Chat History finds the chat by a word that is only in its messages', async () => {
    const { page } = uiSession();
    const frame = await newChat(page);
    assert.equal(await waitForAnswerEnd(await ask(frame, 'An unrelated question about tables')), 'done');
    await runCommand(page, 'CometAPI: Show Chat History');
    const input = quickInput(page).locator('input');
    await input.fill('walruses');
    const rows = quickInput(page).locator('.monaco-list-row');
    await rows.filter({ hasText: newTitle }).first().waitFor();
    assert.equal(await rows.filter({ hasText: 'An unrelated question about tables' }).count(), 0, 'a chat without the word is not listed');
    await screenshot(page, 'history-quick-pick-search');
    await rows.filter({ hasText: newTitle }).first().click();
    await quickInput(page).waitFor({ state: 'hidden' });
    // The chat opens with its question and answer.
    await frame.locator('.message.user', { hasText: question }).waitFor();
    assert.equal(await frame.locator(selectors.assistant).count(), 1);
  });

  test('a deleted chat comes back with all its messages through Undo in the notification', async () => {
    const { page } = uiSession();
    const frame = await newChat(page);
    const id = (await onDisk()).find((c) => c.title === newTitle)?.id;
    assert.ok(id, 'the renamed chat is on disk');
    await openHistory(frame);
    await historyRow(frame, newTitle).locator('.history-delete').click();
    await pollFor('the chat to be gone from disk', async () => ((await onDisk()).some((c) => c.id === id) ? undefined : true));
    assert.equal(await historyRow(frame, newTitle).count(), 0, 'the row is gone');
    await screenshot(page, 'history-deleted-with-undo');

    await clickNotificationButton(page, `deleted “${newTitle}”`, 'Undo');
    const back = await pollFor('the chat to be back on disk', async () => (await onDisk()).find((c) => c.id === id));
    assert.equal(back.title, newTitle);
    assert.equal(back.messageCount, 2, 'the question and its answer are both back');
    await frame.locator('.close-history').click();
    await openHistory(frame);
    await historyRow(frame, newTitle).locator('.history-open').click();
    await frame.locator('.message.user', { hasText: question }).waitFor();
    assert.equal(await frame.locator(selectors.assistant).count(), 1, 'its answer is shown again');
  });

  test('Export writes the chat as Markdown where the save dialog was pointed', async () => {
    const { page, userDataDir } = uiSession();
    const frame = await newChat(page);
    await openHistory(frame);
    await historyRow(frame, newTitle).locator('.history-export').click();
    // code-server's save dialog is VS Code's own path box in the quick input.
    const input = quickInput(page).locator('input');
    await input.waitFor();
    const proposed = await pollFor('the proposed file name', async () => {
      const value = await input.inputValue();
      return value.endsWith('.md') ? value : undefined;
    });
    assert.ok(proposed.endsWith(`/${newTitle}.md`), `the proposed name is the chat's title: ${proposed}`);
    const target = path.join(path.dirname(userDataDir), 'workspace', 'walrus-export.md');
    await answerFileDialog(page, target);
    // The file can be seen while VS Code is still writing it: wait until the answer, its last part, is in it.
    const written = await pollFor('the exported file', async () => {
      const text = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
      return /Answer from the mock/.test(text) ? text : undefined;
    });
    assert.match(written, new RegExp(`^# ${newTitle}\\n`), 'the title heads the file');
    assert.ok(written.includes(`## You · `) && written.includes(question), `the question is in it:\n${written}`);
    assert.match(written, /Answer from the mock/, 'and the answer');
    await clickNotificationButton(page, 'exported to', 'Open');
    await page.locator('.tabs-container .tab.active', { hasText: 'walrus-export.md' }).waitFor();
    await screenshot(page, 'history-exported');
    await runCommand(page, 'View: Close All Editors');
    // The panel stayed open behind the dialog; later tests click the transcript under it.
    await frame.locator('.close-history').click();
    fs.rmSync(target);
  });
});
