// The context meter under the chat input, as a person meets it in real VS Code: it appears with the first words
// typed and shows the share of the model's window (the rules table's for gpt-5-mini, the catalogue's for
// deepseek-v3.1 in the mock), and a pasted document too large for the model is warned about before it is sent.
import * as assert from 'node:assert/strict';
import { newChat, pollFor, selectors } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, pickModel, screenshot } from './workbench';

const chatPosts = (): number =>
  uiSession().mock.requests.filter((request) => request.method === 'POST' && /\/v1\/(chat\/completions|responses|messages)$/u.test(request.path)).length;

suite('context meter', () => {
  suiteSetup(async () => {
    await ensureApiKey();
  });

  suiteTeardown(async () => {
    // Later suites expect the default model.
    await pickModel(uiSession().page, 'gpt-5-mini');
  });

  test("the meter shows the share of the model's window, from the catalogue when it gives one, and warns before a question would not fit", async () => {
    const { page } = uiSession();
    await pickModel(page, 'gpt-5-mini');
    const frame = await newChat(page);
    const meter = frame.locator('#context-meter');
    const label = meter.locator('.context-meter-label');
    const warning = meter.locator('.context-meter-warning');
    assert.equal(await meter.isVisible(), false, 'a new chat with nothing typed shows no meter');

    const prompt = frame.locator(selectors.prompt);
    await prompt.fill('What does a closure capture in JavaScript?');
    await label.waitFor();
    assert.match((await label.textContent()) ?? '', /^~\d+ of 272,000 tokens \(0%\)$/u, 'gpt-5-mini takes 272,000 tokens by the rules table');
    assert.match((await meter.getAttribute('title')) ?? '', /typical for this model family/u);

    await pickModel(page, 'deepseek-v3.1');
    await pollFor('the meter to follow the new model', async () => (/of 128,000 tokens/u.test((await label.textContent()) ?? '') ? true : undefined));
    assert.match((await meter.getAttribute('title')) ?? '', /Context window of deepseek-v3\.1: 128,000 tokens \(from the CometAPI catalogue\)/u);

    // A pasted document of 140,000 CJK characters: about a token each, more than deepseek-v3.1 takes.
    const before = chatPosts();
    await prompt.fill(`Summarise this:\n${'文'.repeat(140_000)}`);
    await pollFor('the warning', async () => ((await warning.isVisible()) ? true : undefined));
    assert.equal(await meter.getAttribute('data-level'), 'over');
    assert.match((await warning.textContent()) ?? '', /larger than deepseek-v3\.1's context window \(128,000 tokens\)/u);
    await screenshot(page, 'context-meter-over');
    assert.equal(chatPosts(), before, 'the warning comes before anything is sent');

    await prompt.fill('');
    await pollFor('the meter to hide with an empty input', async () => ((await meter.isVisible()) ? undefined : true));
  });
});
