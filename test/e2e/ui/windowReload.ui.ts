// As a person meets it: the conversation and an unsent draft survive Developer: Reload Window, and an
// answer cut off because the extension host ended mid-stream comes back with its partial text, marked
// Interrupted. Named to run after the other UI files: reloading the window restarts everything they built on.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { ask, openChat, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, reloadWindow, screenshot, waitForWorkbenchAgain } from './workbench';

/**
 * The pid of THIS run's extension host: a node process started with --type=extensionHost whose environment
 * carries this run's mock URL (the runner passes MOCK_URL through extensionEnvironment). Other e2e runs on
 * the machine have other mock URLs, so their hosts are never touched.
 */
function ownExtensionHostPids(): number[] {
  const marker = `MOCK_URL=${uiSession().mock.url}`;
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!args.includes('--type=extensionHost')) {
        continue;
      }
      if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(marker)) {
        pids.push(Number(entry));
      }
    } catch {
      // A process that ended while we looked, or one we may not read: not ours.
    }
  }
  return pids;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

suite('window reload keeps the chat', () => {
  test('after Developer: Reload Window the conversation and the unsent draft are back', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    // No New Chat: on an empty transcript its reset can land after the question and wipe it. Whatever
    // earlier files left in the conversation must come back too.
    let frame = await openChat(page);
    assert.equal(await waitForAnswerEnd(await ask(frame, 'Remember the word pelican.')), 'done');
    const answersBefore = await frame.locator(selectors.assistant).allTextContents();
    const questionsBefore = await frame.locator('.message.user').allTextContents();
    const draft = 'a draft I have not sent yet';
    await frame.locator(selectors.prompt).fill(draft);
    // The view saves its state on input; give the save a moment to reach the workbench before reloading.
    await page.waitForTimeout(1_000);

    await reloadWindow(page);
    frame = await openChat(page);
    await frame.locator(selectors.assistant).first().waitFor({ timeout: 15_000 });
    assert.deepEqual(await frame.locator(selectors.assistant).allTextContents(), answersBefore, 'the answer is back, unchanged');
    assert.deepEqual(await frame.locator('.message.user').allTextContents(), questionsBefore, 'the questions are back');
    assert.match(questionsBefore.at(-1) ?? '', /pelican/);
    assert.equal(await frame.locator(selectors.prompt).inputValue(), draft, 'the draft is back in the prompt box');
    await screenshot(page, 'reload-conversation-and-draft-restored');
    await frame.locator(selectors.prompt).fill('');
  });

  test('an answer cut off by the extension host being killed mid-stream comes back marked Interrupted', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    let frame = await openChat(page);
    const answer = await ask(frame, 'Tell me a long story. scenario:slow');
    await pollFor('some streamed text', async () => (/Turn/.test((await answer.textContent()) ?? '') ? true : undefined));
    // The store writes a streaming answer about twice a second: let at least one write happen first.
    await page.waitForTimeout(1_500);
    assert.equal(await answer.getAttribute('data-status'), 'streaming', 'still streaming when the host is killed');
    const partial = ((await answer.textContent()) ?? '').trim();

    const pids = ownExtensionHostPids();
    assert.equal(pids.length, 1, `exactly one extension host of this run was found (${pids.join(', ')})`);
    process.kill(pids[0]!, 'SIGKILL');
    await pollFor('the extension host to end', async () => (isAlive(pids[0]!) ? undefined : true), 5_000);
    await screenshot(page, 'interrupted-host-killed');

    // Open the window again (a reload starts a new extension host).
    await page.reload();
    await waitForWorkbenchAgain(page);
    frame = await openChat(page);
    const restored = frame.locator(selectors.assistant).last();
    await restored.waitFor({ timeout: 15_000 });
    assert.equal(await restored.getAttribute('data-status'), 'interrupted');
    const text = (await restored.textContent()) ?? '';
    assert.match(text, /Interrupted/, 'the person is told the answer was interrupted');
    assert.match(text, /Answer from the mock/, 'the text streamed before the host ended is kept');
    assert.doesNotMatch(text, /Paragraph 14/, 'the answer did not run to its end');
    assert.ok(partial.length > 0);
    await screenshot(page, 'interrupted-after-reopen');
  });

  test('an answer cut off by reloading the window mid-stream comes back marked Interrupted', async () => {
    const { page } = uiSession();
    let frame = await openChat(page);
    const answer = await ask(frame, 'Another long story. scenario:slow');
    await pollFor('some streamed text', async () => (/Turn/.test((await answer.textContent()) ?? '') ? true : undefined));
    assert.equal(await answer.getAttribute('data-status'), 'streaming');
    await reloadWindow(page);
    frame = await openChat(page);
    const restored = frame.locator(selectors.assistant).last();
    await restored.waitFor({ timeout: 15_000 });
    assert.equal(await restored.getAttribute('data-status'), 'interrupted');
    const text = (await restored.textContent()) ?? '';
    assert.match(text, /Interrupted/);
    assert.match(text, /Answer from the mock/, 'the partial text is kept');
  });

  test('the draft after a reload is saved again: a second reload shows the newer draft, not the first one', async () => {
    // A restored view must keep saving: a draft typed after one reload is what the next reload shows.
    const { page } = uiSession();
    let frame = await openChat(page);
    const draft = 'a newer draft, typed after the earlier reloads';
    await frame.locator(selectors.prompt).fill(draft);
    await page.waitForTimeout(1_000);
    await reloadWindow(page);
    frame = await openChat(page);
    // The draft comes with the host's state, a moment after the prompt box exists.
    const prompt = frame.locator(selectors.prompt);
    const shown = await pollFor('the draft in the prompt box', async () => (await prompt.inputValue()) || undefined, 10_000).catch(() => prompt.inputValue());
    assert.equal(shown, draft);
    await prompt.fill('');
  });

  test('a message queued behind a streaming answer is in the input after Developer: Reload Window, not sent and not lost', async () => {
    const { page, mock } = uiSession();
    await ensureApiKey();
    let frame = await openChat(page);
    const answer = await ask(frame, 'A story to queue behind. scenario:slow');
    await pollFor('some streamed text', async () => (/Turn/.test((await answer.textContent()) ?? '') ? true : undefined));
    const queuedText = 'queued just before the reload';
    await frame.locator(selectors.prompt).fill(queuedText);
    await frame.locator(selectors.prompt).press('Enter');
    await frame.locator('.queued-message', { hasText: queuedText }).waitFor({ timeout: 10_000 });
    mock.clearRequests();
    await reloadWindow(page);
    frame = await openChat(page);
    await frame.locator(selectors.assistant).last().waitFor({ timeout: 15_000 });
    await pollFor('the queued text back in the prompt box', async () =>
      (await frame.locator(selectors.prompt).inputValue()) === queuedText ? true : undefined,
    );
    assert.equal(await frame.locator('.message.user', { hasText: queuedText }).count(), 0, 'it was not sent as the window closed');
    assert.equal(mock.requests.filter((request) => JSON.stringify(request.body ?? {}).includes(queuedText)).length, 0, 'the server never got it');
    await frame.locator(selectors.prompt).fill('');
  });
});
