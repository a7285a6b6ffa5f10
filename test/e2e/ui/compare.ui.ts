// Compare Models as a person uses it in real VS Code: check two models in the picker, type a question, watch both
// answers stream at the same time in the panel (the mock makes each slow to start, so one after the other would
// take twice as long), then "Continue with this model" carries on in the chat with that model.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ask, chatFrame, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { compareFrame, toggleModel } from './compareView';
import { ensureApiKey, quickInput, runCommand, screenshot } from './workbench';

const MODELS = ['gpt-4.1', 'gemini-2.5-pro'] as const;
const FIRST_TOKEN_DELAY_MS = 2_500;
const modelItem = (page: Page) => page.locator('.statusbar [aria-label^="CometAPI model"]').first();

/** "3.2 s in all" → 3200. */
const totalMs = (text: string): number => Number(/([\d.]+) s in all/.exec(text)?.[1] ?? NaN) * 1000;

suite('Compare Models', () => {
  test('two models stream side by side, then Continue with this model carries on in the chat', async () => {
    const { page, mock } = uiSession();
    await ensureApiKey();
    for (const model of MODELS) {
      mock.firstTokenDelayMs[model] = FIRST_TOKEN_DELAY_MS;
    }
    try {
      const current = /CometAPI model (\S+?)\./.exec((await modelItem(page).getAttribute('aria-label')) ?? '')?.[1];
      await runCommand(page, 'CometAPI: Compare Models…');
      const title = quickInput(page).locator('.quick-input-title');
      await pollFor('the models in the picker', async () => ((await quickInput(page).locator('.monaco-list-row').count()) > 3 ? true : undefined), 30_000);
      // The model in use starts checked: this comparison is of two others.
      if (current && !MODELS.includes(current as (typeof MODELS)[number])) {
        await toggleModel(page, current);
      }
      for (const model of MODELS) {
        await toggleModel(page, model);
      }
      await pollFor('two models checked', async () => (/2 of 2 to 4 models checked/.test((await title.textContent()) ?? '') ? true : undefined));
      await screenshot(page, 'compare-models-picker');
      await quickInput(page).locator('input.input').press('Enter');

      const questionBox = quickInput(page).locator('input.input');
      await pollFor('the question box', async () => (/the question/.test((await title.textContent()) ?? '') ? true : undefined));
      const from = mock.requests.length;
      await questionBox.fill('Compare: what is a closure?');
      const askedAt = Date.now();
      await questionBox.press('Enter');

      const frame = await compareFrame(page);
      const columns = frame.locator('.compare-column');
      await pollFor('two columns', async () => ((await columns.count()) === 2 ? true : undefined));
      assert.deepEqual(await frame.locator('.column-model').allTextContents(), [...MODELS]);
      await pollFor('both answers to end', async () => ((await frame.locator('.compare-column.is-streaming').count()) === 0 ? true : undefined), 60_000);
      const wallMs = Date.now() - askedAt;
      const figures = await frame.locator('.column-figures').allTextContents();
      const columnTimes = figures.map(totalMs);
      assert.ok(
        columnTimes.every((ms) => ms >= FIRST_TOKEN_DELAY_MS),
        `each column waited for its first token: ${figures.join(' | ')}`,
      );
      assert.ok(wallMs < columnTimes[0] + columnTimes[1], `both streamed at once: ${wallMs} ms in all, columns ${columnTimes.join(' + ')} ms`);
      for (const text of await frame.locator('.column-answer').allTextContents()) {
        assert.ok(text.trim().length > 20, `each column has an answer: ${text.slice(0, 80)}`);
      }
      assert.ok(
        figures.every((line) => /First token/.test(line) && /tokens\/s/.test(line) && /\$/.test(line)),
        `figures: ${figures.join(' | ')}`,
      );
      const posted = mock.requests.slice(from).filter((request) => request.path === '/v1/chat/completions');
      assert.deepEqual(posted.map((request) => request.body?.model).sort(), [...MODELS].sort());
      await frame.locator('.compare-saved', { hasText: 'Kept in the chat history' }).waitFor({ timeout: 15_000 });
      await screenshot(page, 'compare-models-panel');

      // Carry on with the second model in the chat.
      const frameAnswer = frame.locator('.column-answer').nth(1).textContent();
      await frame.locator('.compare-column').nth(1).locator('.column-continue').click();
      await pollFor('the status bar to show gemini-2.5-pro', async () =>
        ((await modelItem(page).getAttribute('aria-label')) ?? '').includes('gemini-2.5-pro') ? true : undefined,
      );
      // The panel is an editor: closed, the chat is the one webview left (and later tests find it alone).
      await runCommand(page, 'View: Close All Editors');
      const chat = chatFrame(page);
      await chat.locator('.message.user', { hasText: 'Compare: what is a closure?' }).last().waitFor({ timeout: 30_000 });
      const adopted = (await chat.locator(selectors.assistant).last().textContent()) ?? '';
      const compared = ((await frameAnswer) ?? '').trim().slice(0, 40);
      assert.ok(adopted.includes(compared), `the chat shows ${MODELS[1]}'s answer: ${adopted.slice(0, 80)}`);
      const followUpFrom = mock.requests.length;
      const answer = await ask(chat, 'And in one sentence?');
      assert.equal(await waitForAnswerEnd(answer), 'done');
      const followUp = mock.requests.slice(followUpFrom).find((request) => request.method === 'POST');
      assert.equal(followUp?.body?.model, 'gemini-2.5-pro', 'the chat goes on with the chosen model');
      assert.ok(JSON.stringify(followUp?.body).includes('Compare: what is a closure?'), 'the compared question is in the conversation');
      await screenshot(page, 'compare-models-continued-in-chat');
    } finally {
      if ((await page.locator('.editor-group-container .tab').count()) > 0) {
        await runCommand(page, 'View: Close All Editors');
      }
      for (const model of MODELS) {
        delete mock.firstTokenDelayMs[model];
      }
    }
  });
});
