// The API key stays where the person put it. The opened folder's .vscode/settings.json points cometapi.baseUrl
// at a decoy server (run.mjs writes it): neither a chat nor activation with a stored key may reach it. Another
// user-level origin asks before the key goes there. Another installed extension (the attacker fixture) running
// our commands with arguments gets no further than a person would: the input box, the modal, the picker.
// Named to run last: it reloads the window.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startMockCometServer } from '../../support/mockCometServer';
import { ask, openChat, pollFor, waitForAnswerEnd } from './chatView';
import { uiSession } from './session';
import { ensureApiKey, quickInput, runCommand, screenshot, waitUntil } from './workbench';

const dialog = (page: Page): Locator => page.locator('.monaco-dialog-box');
const modelItem = (page: Page): Locator => page.locator('.statusbar [aria-label^="CometAPI model"]').first();

async function clickDialogButton(page: Page, label: string): Promise<void> {
  await dialog(page).getByRole('button', { name: label, exact: true }).click();
  await dialog(page).waitFor({ state: 'hidden' });
}

/** Escape until the quick input is gone: the first one may only close a hover the mouse left over the input. */
async function closeQuickInput(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 3 && (await quickInput(page).isVisible()); attempt++) {
    await page.keyboard.press('Escape');
    await quickInput(page)
      .waitFor({ state: 'hidden', timeout: 3000 })
      .catch(() => undefined);
  }
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Requests the session's mock saw from `index` on that carried the valid key to the model list. */
function authorizedModelRequestsSince(index: number): number {
  return uiSession()
    .mock.requests.slice(index)
    .filter((request) => request.path === '/v1/models' && request.authorized).length;
}

/** Refresh Model List from the palette; resolves once the stored key reached the session's mock again. */
async function assertKeyStillWorks(page: Page, what: string): Promise<void> {
  const before = uiSession().mock.requests.length;
  await runCommand(page, 'CometAPI: Refresh Model List');
  await waitUntil(`${what}: the stored key to load the model list`, () => authorizedModelRequestsSince(before) > 0);
}

function assertDecoyHeardNothing(when: string): void {
  const { decoy } = uiSession();
  const withKey = decoy.requests.filter((request) => request.authorized);
  assert.deepEqual(
    withKey.map((request) => `${request.method} ${request.path}`),
    [],
    `${when}: the workspace's decoy server received the key`,
  );
  assert.deepEqual(
    decoy.requests.map((request) => `${request.method} ${request.path}`),
    [],
    `${when}: the workspace's decoy server was contacted at all`,
  );
}

/** Developer: Reload Window; resolves when the new workbench shows the extension's status bar item again. */
async function reloadWindow(page: Page): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 30_000 });
  await runCommand(page, 'Developer: Reload Window');
  await navigated;
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The status bar item is created during activation.
  await modelItem(page).waitFor({ timeout: 60_000 });
}

/**
 * Sets a user setting in the Settings editor, as a person would; resolves once VS Code wrote it to the user's
 * settings.json (the extension hears of it right after).
 */
async function setUserSetting(page: Page, id: string, value: string): Promise<void> {
  await runCommand(page, 'Preferences: Open User Settings');
  const search = page.locator('.settings-editor .settings-header .suggest-input-container');
  await search.waitFor({ timeout: 15_000 });
  // The search box is a small code editor, not an <input>: type into it as a person would.
  await search.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`@id:${id}`);
  const input = page.locator(`.settings-editor input[aria-label="${id}"]`);
  await input.waitFor({ timeout: 15_000 });
  await input.fill(value);
  const file = path.join(uiSession().userDataDir, 'User', 'settings.json');
  const saved = (): boolean => {
    try {
      return (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)[id] === value;
    } catch {
      return false; // read while VS Code was writing it (seen once: an empty file)
    }
  };
  await waitUntil(`${id} to be saved`, saved, 30_000);
  await runCommand(page, 'View: Close All Editors');
}

suite('The API key stays where the person put it', () => {
  test("a chat goes to the person's base URL, not the workspace's, without the workspace's system prompt", async () => {
    const { page, mock } = uiSession();
    await ensureApiKey();
    const before = mock.requests.length;
    const frame = await openChat(page);
    const answer = await ask(frame, 'Which server answers?');
    assert.equal(await waitForAnswerEnd(answer), 'done');
    const chats = mock.requests.slice(before).filter((request) => request.method === 'POST' && /\/v1\/(chat\/completions|responses)$/.test(request.path));
    assert.equal(chats.length, 1, "the question went to the person's base URL");
    assert.equal(chats[0]?.authorized, true);
    assert.ok(!JSON.stringify(chats[0]?.body).includes('PWNED'), "the workspace's system prompt was sent to the model");
    assertDecoyHeardNothing('after a chat');
  });

  test('activation with a key stored sends nothing to the workspace base URL', async () => {
    const { page } = uiSession();
    await ensureApiKey();
    await reloadWindow(page);
    // Activation is over when the status bar item exists; give any request it started time to arrive.
    await page.waitForTimeout(3000);
    await screenshot(page, 'key-guard-after-reload');
    assertDecoyHeardNothing('after activation with a stored key');
  });

  test('another user-level origin asks first: Cancel sends nothing, Allow Once sends the key', async () => {
    const { page, apiKey } = uiSession();
    await ensureApiKey();
    const other = await startMockCometServer({ apiKey });
    try {
      await setUserSetting(page, 'cometapi.baseUrl', other.url);
      const question = await pollFor(
        'the question before the key goes to the new origin',
        async () => {
          await runCommand(page, 'CometAPI: Refresh Model List');
          const shown = await dialog(page)
            .waitFor({ timeout: 4000 })
            .then(
              () => true,
              () => false,
            );
          return shown ? ((await dialog(page).textContent()) ?? '') : undefined;
        },
        20_000,
      );
      assert.ok(question.includes(`Send your CometAPI key to ${new URL(other.url).origin}?`), `the question was: ${question}`);
      await screenshot(page, 'key-guard-other-origin-question');
      await clickDialogButton(page, 'Cancel');
      await page.waitForTimeout(1000);
      assert.deepEqual(
        other.requests.filter((request) => request.authorized).map((request) => request.path),
        [],
        'the key was sent although the person cancelled',
      );

      await runCommand(page, 'CometAPI: Refresh Model List');
      await dialog(page).waitFor();
      await clickDialogButton(page, 'Allow Once');
      await waitUntil('the key to reach the allowed origin', () => other.requests.some((request) => request.path === '/v1/models' && request.authorized));
    } finally {
      await setUserSetting(page, 'cometapi.baseUrl', uiSession().mock.url).catch(() => undefined);
      await other.close();
    }
  });

  test("another extension's Set API Key with a key argument opens the input box and replaces nothing", async () => {
    const { page, mock } = uiSession();
    await ensureApiKey();
    const before = mock.requests.length;
    await runCommand(page, 'Attacker: Replace CometAPI Key');
    const password = quickInput(page).locator('input[type="password"]');
    await password.waitFor({ timeout: 10_000 });
    assert.equal(await password.inputValue(), '', 'the box is empty: the argument was not used');
    await screenshot(page, 'key-guard-attacker-set-key');
    await closeQuickInput(page);
    await page.waitForTimeout(1000);
    assert.deepEqual(
      mock.requests
        .slice(before)
        .filter((request) => !request.authorized)
        .map((request) => request.path),
      [],
      "the attacker's key was checked against the server",
    );
    await assertKeyStillWorks(page, 'after the attempt to replace the key');
  });

  test("another extension's Clear API Key with { confirm: false } asks first; Cancel keeps the key", async () => {
    const { page } = uiSession();
    await ensureApiKey();
    await runCommand(page, 'Attacker: Clear CometAPI Key Silently');
    await dialog(page).waitFor({ timeout: 10_000 });
    assert.match((await dialog(page).textContent()) ?? '', /Remove the CometAPI API key/);
    await screenshot(page, 'key-guard-attacker-clear-key');
    await clickDialogButton(page, 'Cancel');
    await assertKeyStillWorks(page, 'after the attempt to clear the key');
  });

  test("another extension's Select Model with an id opens the picker; the model stays", async () => {
    const { page } = uiSession();
    await ensureApiKey();
    const shownBefore = ((await modelItem(page).textContent()) ?? '').trim();
    await runCommand(page, 'Attacker: Select CometAPI Model');
    await quickInput(page).locator('.monaco-list-row').first().waitFor({ timeout: 10_000 });
    assert.match((await quickInput(page).textContent()) ?? '', /Select Model/);
    await closeQuickInput(page);
    await page.waitForTimeout(1000);
    const shownAfter = ((await modelItem(page).textContent()) ?? '').trim();
    assert.equal(shownAfter, shownBefore, 'the status bar shows another model');
    const userSettings = fs.readFileSync(path.join(uiSession().userDataDir, 'User', 'settings.json'), 'utf8');
    assert.ok(!userSettings.includes('attacker-model'), "the attacker's model id was written to the user settings");
  });
});
