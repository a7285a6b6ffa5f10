// A person's first session with the chat view: open it, enter the key, ask, follow up, stop an answer,
// hide and show the view. One workbench window for the whole file, so later tests build on earlier ones.
import * as assert from 'node:assert/strict';
import { ask, newChat, openChat, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, rememberApiKeySet, runCommand, setApiKeyThroughPalette, showViewContainer } from './workbench';

suite('chat view', () => {
  test('opens from the activity bar with a prompt box, and New Chat empties it', async () => {
    const { page } = uiSession();
    let frame = await openChat(page);
    assert.equal(await frame.locator(selectors.prompt).isEditable(), true, 'the prompt box takes input');
    // The window may reopen the last conversation (the suite before us chats in the same user data).
    frame = await newChat(page);
    assert.equal(await frame.locator(selectors.assistant).count(), 0, 'a new chat shows no answers');
    assert.equal(await frame.locator(selectors.prompt).isEditable(), true);
  });

  test('Set API Key from the command palette stores the key typed into its password box', async () => {
    const { page, mock, apiKey } = uiSession();
    mock.clearRequests();
    await setApiKeyThroughPalette(page, apiKey);
    rememberApiKeySet();
    const checks = mock.requests.filter((request) => request.path === '/v1/models');
    assert.ok(
      checks.some((request) => request.authorized),
      'the key typed was sent to the server as the Bearer key',
    );
  });

  test('streams a markdown answer rendered with a heading, a list and highlighted code with Copy', async () => {
    const { page, mock } = uiSession();
    await ensureApiKey();
    const frame = await newChat(page);
    mock.clearRequests();
    const answer = await ask(frame, 'How do I add two numbers in TypeScript?');
    assert.equal(await waitForAnswerEnd(answer), 'done');
    const chat = mock.requests.find((request) => request.path === '/v1/chat/completions' || request.path === '/v1/responses');
    assert.equal(chat?.body?.stream, true, 'the request asked for a stream');
    assert.match((await answer.locator('h2').first().textContent()) ?? '', /Answer from the mock/);
    assert.equal(await answer.locator('ul > li').count(), 3, 'the three bullet points are a list');
    const code = answer.locator(selectors.codeBlock).first();
    assert.match((await code.textContent()) ?? '', /function add/);
    assert.equal(await code.locator(selectors.copyCode).count(), 1, 'the code block has a Copy button');
    assert.ok((await code.locator('[class*="hljs-"]').count()) > 0, 'the code is highlighted (.hljs-* spans)');
    assert.doesNotMatch((await answer.textContent()) ?? '', /```|^## /m, 'no raw markdown is left in the answer');
  });

  test('a follow-up question sends the history: its answer says Turn 2', async () => {
    const { page } = uiSession();
    const frame = await openChat(page);
    const answer = await ask(frame, 'And how do I subtract them?');
    assert.equal(await waitForAnswerEnd(answer), 'done');
    assert.match((await answer.textContent()) ?? '', /Turn 2/);
    assert.match((await frame.locator(selectors.assistant).first().textContent()) ?? '', /Turn 1/, 'the first answer is unchanged');
  });

  test('questions and answers fit the width of the side bar: nothing is cut off at the right', async () => {
    const frame = await openChat(uiSession().page);
    if ((await frame.locator(selectors.codeBlock).count()) === 0) {
      // Run on its own: make the content this is about (a long question, an answer with code).
      await ensureApiKey();
      await waitForAnswerEnd(await ask(frame, 'How do I add two numbers in TypeScript, with a function and types?'));
    }
    // Wide content may scroll inside its own box (a code block); it must not widen the transcript, where
    // it would be clipped together with the buttons at the right (Edit, Insert at Cursor).
    // No named helpers inside evaluate(): tsx's transform would wrap them in a __name() the page lacks.
    const cutOff = await frame.locator('body').evaluate((body) => {
      const width = body.ownerDocument.documentElement.clientWidth;
      const offenders: string[] = [];
      for (const element of body.querySelectorAll('.message, .message *')) {
        const right = element.getBoundingClientRect().right;
        if (right <= width + 1) {
          continue;
        }
        let scrollsInsideAFittingBox = false;
        for (let box: Element | null = element; box && box !== body; box = box.parentElement) {
          const overflowX = getComputedStyle(box).overflowX;
          if ((overflowX === 'auto' || overflowX === 'scroll') && box.getBoundingClientRect().right <= width + 1) {
            scrollsInsideAFittingBox = true;
          }
        }
        if (!scrollsInsideAFittingBox) {
          offenders.push(`<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> ends at ${Math.round(right)} px`);
        }
      }
      return offenders.slice(0, 5);
    });
    assert.deepEqual(cutOff, [], `the view is ${await frame.locator('body').evaluate((body) => body.ownerDocument.documentElement.clientWidth)} px wide`);
  });

  test('the Stop button ends a streaming answer, keeping its text, marked stopped', async () => {
    const { page } = uiSession();
    const frame = await openChat(page);
    const answer = await ask(frame, 'Tell me everything. scenario:slow');
    await pollFor('some streamed text', async () => (((await answer.textContent()) ?? '').includes('Turn') ? true : undefined));
    assert.equal(await answer.getAttribute('data-status'), 'streaming');
    await frame.locator(selectors.stopButton).click();
    assert.equal(await waitForAnswerEnd(answer, 5_000), 'stopped');
    const partial = (await answer.textContent()) ?? '';
    assert.match(partial, /Answer from the mock/, 'the text streamed before Stop is kept');
    assert.doesNotMatch(partial, /Paragraph 14/, 'the answer did not run to its end');
    await page.waitForTimeout(1_000);
    assert.equal(await answer.textContent(), partial, 'nothing more arrives after Stop');
  });

  test('CometAPI: Stop Generating from the command palette stops a streaming answer too', async () => {
    const { page } = uiSession();
    const frame = await openChat(page);
    const answer = await ask(frame, 'Once more, slowly. scenario:slow');
    await pollFor('some streamed text', async () => (((await answer.textContent()) ?? '').includes('Turn') ? true : undefined));
    await runCommand(page, 'CometAPI: Stop Generating');
    assert.equal(await waitForAnswerEnd(answer, 5_000), 'stopped');
  });

  test('the conversation is still there after hiding the view and showing it again', async () => {
    const { page } = uiSession();
    let frame = await openChat(page);
    const before = await frame.locator(selectors.assistant).allTextContents();
    const statusesBefore = await frame.locator(selectors.assistant).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-status')));
    assert.ok(before.length >= 3, 'earlier tests left answers to keep');
    await showViewContainer(page, 'Explorer');
    await frame.locator(selectors.prompt).waitFor({ state: 'detached' });
    frame = await openChat(page);
    await frame
      .locator(selectors.assistant)
      .nth(before.length - 1)
      .waitFor();
    assert.deepEqual(await frame.locator(selectors.assistant).allTextContents(), before);
    assert.deepEqual(await frame.locator(selectors.assistant).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-status'))), statusesBefore);
  });
});
