// The chat view when VS Code's display language is Simplified Chinese (lib/localeStage.mjs starts code-server
// with --locale zh-cn): the command palette, the empty state, the input, an answer's footer and an error card
// speak Chinese; the model's answer is shown as it came. Screenshots for the README.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ask, chatFrame, openChat, selectors, waitForAnswerEnd, pollFor } from './chatView';
import { uiSession } from './session';
import { quickInput, runCommand, screenshot, waitUntil } from './workbench';

/** The key through the empty state's own button, as a person who reads Chinese would find it. */
async function setKeyFromEmptyState(page: Page): Promise<void> {
  const { mock, apiKey } = uiSession();
  const frame = chatFrame(page);
  const before = mock.requests.length;
  await frame.locator('.empty-state [data-error-action="setApiKey"]').click();
  const password = quickInput(page).locator('input[type="password"]');
  await password.waitFor();
  assert.match((await quickInput(page).textContent()) ?? '', /粘贴您的 CometAPI 密钥/, 'the key box asks in Chinese');
  await password.fill(apiKey);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  await waitUntil('the key to be checked against the mock', () => mock.requests.slice(before).some((request) => request.path === '/v1/models'));
}

suite('the chat in Simplified Chinese (zh-cn)', () => {
  test('the empty state, the input and the key box are in Chinese before a key is set', async () => {
    const { page } = uiSession();
    const frame = await openChat(page);
    const empty = frame.locator('.empty-state');
    await empty.waitFor();
    assert.equal(await empty.locator('.empty-state-title').textContent(), '与 CometAPI 聊天');
    assert.match((await empty.textContent()) ?? '', /添加您的 CometAPI API 密钥即可开始。密钥保存在 VS Code 的机密存储中。/);
    assert.equal(await empty.locator('[data-error-action="setApiKey"]').textContent(), '设置 API 密钥');
    assert.equal(await frame.locator(selectors.prompt).getAttribute('placeholder'), '随便问（Enter 发送，Shift+Enter 换行）');
    await screenshot(page, 'chat-zh-cn-no-key');
    await setKeyFromEmptyState(page);
    await pollFor('the empty state for a set key', async () => ((await empty.textContent())?.includes('随便问，或选择代码后按') ? true : undefined));
    await screenshot(page, 'chat-zh-cn-empty');
  });

  test('a command from the palette by its Chinese title, an answer left as the model wrote it, and an error card in Chinese', async () => {
    const { page } = uiSession();
    // package.nls.zh-cn.json: the palette lists the command as "CometAPI: 新建聊天".
    await runCommand(page, 'CometAPI: 新建聊天');
    const frame = await openChat(page);

    const answer = await ask(frame, 'Hello');
    assert.equal(await waitForAnswerEnd(answer), 'done');
    assert.match((await answer.locator('.message-body').textContent()) ?? '', /Answer from the mock/, "the model's answer is not translated");
    assert.match((await answer.locator('.usage').textContent()) ?? '', /个 token · 提示 \d+ · 生成 \d+/);
    assert.equal(await answer.locator('.copy-answer-button').getAttribute('aria-label'), '复制回答');

    const failed = await ask(frame, '我的密钥可以用吗？ scenario:status-401');
    assert.equal(await waitForAnswerEnd(failed), 'error');
    const card = failed.locator(selectors.errorCard);
    await card.waitFor();
    assert.equal(await card.locator('.error-message').textContent(), 'CometAPI 拒绝了该 API 密钥（401）。请设置有效的密钥。');
    assert.equal(await card.locator(selectors.setApiKeyAction).textContent(), '设置 API 密钥');
    const shot = await screenshot(page, 'chat-zh-cn');
    // docs/images/chat-zh-cn.png is this screenshot; refreshed only when asked, so a test run leaves the tree clean.
    if (process.env.COMETAPI_E2E_UPDATE_DOCS === '1') {
      // test/e2e/.artifacts/screenshots -> the repository root.
      const repoRoot = path.resolve(uiSession().screenshotsDir, '..', '..', '..', '..');
      fs.copyFileSync(shot, path.join(repoRoot, 'docs', 'images', 'chat-zh-cn.png'));
    }
  });
});
