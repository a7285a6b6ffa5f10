// Claude in the chat view, against the mock's Anthropic endpoint: the answer streams through /v1/messages, a
// follow-up says how many prompt tokens came from the cache, a thinking model shows its Thinking block, and
// cometapi.claudeEndpoint "chat" (set in the Settings editor, or from the error card when /v1/messages is
// missing) sends the same model to chat completions. Settings are changed in the Settings editor, as a person
// would, and put back afterwards so later suites see the window as it was.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REASONING_TEXT } from '../../support/mockCometReplies';
import { ask, newChat, openChat, pollFor, selectors, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, runCommand, screenshot } from './workbench';

const CLAUDE = 'claude-sonnet-4-20250514';
/** Long enough for the provider to cache it (over 1024 tokens). */
const LONG_SYSTEM_PROMPT = `You review TypeScript code. ${'Prefer small functions with clear names and explain every risk you see. '.repeat(70)}`;

const DEFAULTS: Readonly<Record<string, string>> = { 'cometapi.model': 'gpt-5-mini', 'cometapi.systemPrompt': '', 'cometapi.claudeEndpoint': 'messages' };

function readSettings(): Record<string, unknown> {
  const file = path.join(uiSession().userDataDir, 'User', 'settings.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

const modelItem = (page: Page): Locator => page.locator('.statusbar [aria-label^="CometAPI model"]').first();

/** Preferences: Open User Settings, filtered to one setting; returns its control (labelled with the setting's id). */
async function settingControl(page: Page, id: string, tag: 'input' | 'textarea' | 'select'): Promise<Locator> {
  await runCommand(page, 'Preferences: Open User Settings');
  const search = page.locator('.settings-editor .settings-header .suggest-input-container');
  await search.waitFor({ timeout: 15_000 });
  // The search box is a small code editor, not an <input>: type into it as a person would.
  await search.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`@id:${id}`);
  const control = page.locator(`.settings-editor ${tag}[aria-label="${id}"]`).first();
  await control.waitFor({ timeout: 15_000 });
  return control;
}

/** Sets a user setting in the Settings editor; resolves once VS Code wrote it to the user's settings.json. */
async function setUserSetting(page: Page, id: string, value: string, tag: 'input' | 'textarea' | 'select' = 'input'): Promise<void> {
  const control = await settingControl(page, id, tag);
  if (tag === 'select') {
    await control.selectOption(value);
  } else {
    await control.fill(value);
  }
  // A value equal to the default may be written or removed: either way it is in effect.
  const saved = (): boolean => {
    let settings: Record<string, unknown>;
    try {
      settings = readSettings();
    } catch {
      return false; // read while VS Code was writing it
    }
    return settings[id] === value || (!(id in settings) && DEFAULTS[id] === value);
  };
  // The Settings editor writes after a debounce, which a loaded machine stretches (seen over 15 s).
  await pollFor(`${id} to be saved`, async () => (saved() ? true : undefined), 30_000);
  await runCommand(page, 'View: Close All Editors');
}

async function useModel(page: Page, model: string): Promise<void> {
  await setUserSetting(page, 'cometapi.model', model);
  await pollFor(`the status bar to show ${model}`, async () => (((await modelItem(page).getAttribute('aria-label')) ?? '').includes(model) ? true : undefined));
}

function postsSince(count: number): { path: string; body: Record<string, unknown> | undefined }[] {
  return uiSession()
    .mock.requests.slice(count)
    .filter((request) => request.method === 'POST');
}

suite('Claude through the Anthropic endpoint', () => {
  let savedModel = 'gpt-5-mini';

  suiteSetup(async () => {
    const model = readSettings()['cometapi.model'];
    if (typeof model === 'string') {
      savedModel = model;
    }
    await ensureApiKey();
  });

  suiteTeardown(async () => {
    const { page } = uiSession();
    await setUserSetting(page, 'cometapi.claudeEndpoint', 'messages', 'select');
    await setUserSetting(page, 'cometapi.systemPrompt', '', 'textarea');
    await useModel(page, savedModel);
  });

  test('a Claude answer streams through /v1/messages', async () => {
    const { page, mock } = uiSession();
    await setUserSetting(page, 'cometapi.systemPrompt', LONG_SYSTEM_PROMPT, 'textarea');
    await useModel(page, CLAUDE);
    const frame = await newChat(page);
    const before = mock.requests.length;
    const answer = await ask(frame, 'Review my code, please');
    assert.equal(await waitForAnswerEnd(answer), 'done');
    const posts = postsSince(before);
    assert.deepEqual(
      posts.map((post) => post.path),
      ['/v1/messages'],
    );
    assert.equal(posts[0].body?.model, CLAUDE);
    assert.match((await answer.textContent()) ?? '', /Answer from the mock[\s\S]*You said: Review my code, please/);
    assert.doesNotMatch((await answer.locator('.usage').textContent()) ?? '', /from cache/, 'nothing was cached before the first question');
  });

  test('a follow-up shows how many prompt tokens were read from cache', async () => {
    const { page } = uiSession();
    const frame = await openChat(page);
    const answer = await ask(frame, 'And the tests?');
    assert.equal(await waitForAnswerEnd(answer), 'done');
    assert.match((await answer.textContent()) ?? '', /Turn 2/);
    const usage = (await answer.locator('.usage').textContent()) ?? '';
    const cached = /\(([\d,.\s]+) from cache\)/.exec(usage);
    assert.ok(cached, `the footer says what came from cache: "${usage}"`);
    assert.ok(Number(cached[1].replace(/\D/g, '')) > 1000, `the long system prompt and the first turn were read from cache: "${usage}"`);
    await answer.locator('.usage').scrollIntoViewIfNeeded();
    await screenshot(page, 'claude-follow-up-cache-footer');
  });

  test('a thinking model shows its thinking in the Thinking block above the answer', async () => {
    const { page, mock } = uiSession();
    await useModel(page, `${CLAUDE}-thinking`);
    const frame = await newChat(page);
    const before = mock.requests.length;
    const answer = await ask(frame, 'Think about it first');
    assert.equal(await waitForAnswerEnd(answer), 'done');
    const [post] = postsSince(before);
    assert.equal(post.path, '/v1/messages');
    assert.equal((post.body?.thinking as { type?: string } | undefined)?.type, 'enabled');
    const thinking = answer.locator('details.thinking');
    assert.equal(await thinking.isVisible(), true, 'the Thinking block is shown');
    await thinking.locator('summary').click();
    assert.equal(((await thinking.locator('.thinking-text').textContent()) ?? '').trim(), REASONING_TEXT);
    await screenshot(page, 'claude-thinking-block');
  });

  test('with cometapi.claudeEndpoint "chat" the same model goes to chat completions', async () => {
    const { page, mock } = uiSession();
    await useModel(page, CLAUDE);
    await setUserSetting(page, 'cometapi.claudeEndpoint', 'chat', 'select');
    const frame = await newChat(page);
    const before = mock.requests.length;
    const answer = await ask(frame, 'Which endpoint answers?');
    assert.equal(await waitForAnswerEnd(answer), 'done');
    assert.deepEqual(
      postsSince(before).map((post) => post.path),
      ['/v1/chat/completions'],
    );
  });

  test('when /v1/messages is missing, the error card switches Claude to chat completions and answers', async () => {
    const { page, mock } = uiSession();
    await setUserSetting(page, 'cometapi.claudeEndpoint', 'messages', 'select');
    const frame = await newChat(page);
    const before = mock.requests.length;
    mock.enqueue('page-404');
    const failed = await ask(frame, 'Does this account serve Anthropic?');
    assert.equal(await waitForAnswerEnd(failed), 'error');
    const card = failed.locator(selectors.errorCard);
    assert.match((await card.textContent()) ?? '', /does not serve the Anthropic endpoint/);
    await card.locator('[data-error-action="useChatEndpoint"]').click();
    await pollFor('cometapi.claudeEndpoint to be "chat" in settings.json', async () => {
      try {
        return readSettings()['cometapi.claudeEndpoint'] === 'chat' || undefined;
      } catch {
        return undefined; // read while VS Code was writing it
      }
    });
    const retried = frame.locator(selectors.assistant).last();
    await pollFor('the retried answer to finish', async () => ((await retried.getAttribute('data-status')) === 'done' ? true : undefined), 30_000);
    const paths = postsSince(before).map((post) => post.path);
    assert.deepEqual(paths, ['/v1/messages', '/v1/chat/completions']);
  });
});
