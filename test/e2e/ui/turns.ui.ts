// Turns a person takes while the chat is busy or looking back: typing on while an answer streams (the
// messages queue and go out in order), and Retry on an earlier answer (a new chat, the original kept).
import * as assert from 'node:assert/strict';
import { ask, newChat, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, screenshot } from './workbench';

suite('turns', () => {
  test('Enter while an answer streams queues the message above the input; Cancel puts it back; the rest go out in order', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    const frame = await newChat(page);
    const first = await ask(frame, 'Tell me a long story. scenario:slow');
    await pollFor('some streamed text', async () => (((await first.textContent()) ?? '').includes('Turn') ? true : undefined));
    const prompt = frame.locator(selectors.prompt);
    for (const text of ['queued one', 'queued two', 'take this back']) {
      await prompt.fill(text);
      await prompt.press('Enter');
    }
    const queued = frame.locator('.queued-message');
    await pollFor('three queued messages', async () => ((await queued.count()) === 3 ? true : undefined));
    assert.deepEqual(await frame.locator('.queued-message .queued-text').allTextContents(), ['queued one', 'queued two', 'take this back']);
    assert.equal(await first.getAttribute('data-status'), 'streaming', 'queueing did not disturb the answer');
    await screenshot(page, 'queued-messages-while-streaming');

    await queued.nth(2).locator('.queued-cancel').click();
    await pollFor('the cancelled text back in the input', async () => ((await prompt.inputValue()) === 'take this back' ? true : undefined));
    assert.deepEqual(await frame.locator('.queued-message .queued-text').allTextContents(), ['queued one', 'queued two']);

    await frame.locator(selectors.stopButton).click();
    assert.equal(await waitForAnswerEnd(first, 5_000), 'stopped');
    const answers = frame.locator(selectors.assistant);
    await pollFor(
      'both queued questions answered',
      async () => ((await answers.count()) === 3 && (await answers.nth(2).getAttribute('data-status')) === 'done' ? true : undefined),
      30_000,
    );
    assert.deepEqual(await frame.locator('.message.user .message-text').allTextContents(), ['Tell me a long story. scenario:slow', 'queued one', 'queued two']);
    assert.match((await answers.nth(1).textContent()) ?? '', /You said: queued one/);
    assert.match((await answers.nth(2).textContent()) ?? '', /You said: queued two/);
    assert.equal(await frame.locator('.queued-messages').isHidden(), true, 'nothing left queued');
    assert.equal(await prompt.inputValue(), 'take this back', 'the cancelled text was never sent');
    await prompt.fill('');
  });

  test('Retry on an earlier answer continues in a new chat titled "(fork)"; the original keeps every turn', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    const frame = await newChat(page);
    assert.equal(await waitForAnswerEnd(await ask(frame, 'Fork origin question')), 'done');
    assert.equal(await waitForAnswerEnd(await ask(frame, 'A later question')), 'done');
    const answers = frame.locator(selectors.assistant);
    await answers.first().hover();
    await answers.first().locator('.retry-button').click();
    await frame.locator('.transcript-notices .notice', { hasText: 'started a new chat' }).waitFor({ timeout: 15_000 });
    await pollFor('the fork with one retried answer', async () => ((await answers.count()) === 1 ? true : undefined));
    assert.equal(await waitForAnswerEnd(answers.first()), 'done');
    assert.deepEqual(await frame.locator('.message.user .message-text').allTextContents(), ['Fork origin question']);
    assert.match((await frame.locator('.transcript-notices').textContent()) ?? '', /“Fork origin question \(fork\)”.*keeps all 4 messages/);

    await frame.locator('#history-button').click();
    const original = frame.locator('.history-item', { has: frame.locator('.history-title', { hasText: /^Fork origin question$/ }) });
    const fork = frame.locator('.history-item', { has: frame.locator('.history-title', { hasText: 'Fork origin question (fork)' }) });
    await fork.waitFor({ timeout: 10_000 });
    assert.match((await original.locator('.history-meta').textContent()) ?? '', /4 messages/);
    await original.locator('.history-open').click();
    await pollFor('the original conversation, all four messages', async () => ((await frame.locator('.message').count()) === 4 ? true : undefined));
    assert.deepEqual(await frame.locator('.message.user .message-text').allTextContents(), ['Fork origin question', 'A later question']);
  });
});
