// The chat view in the display language the host names: labels, the empty state, an error card and numbers,
// from the first frame. Uses the shipped zh-cn and ru bundles, as the host would send them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import type { HostToWebview, WebviewL10n, WebviewToHost } from '../../src/shared/protocol';
import { WEBVIEW_MESSAGES } from '../../src/shared/webviewMessages';
import { ChatApp } from '../../src/webview/ui/chatApp';
import { formatRelativeTime, formatUsage } from '../../src/webview/ui/format';
import { installWebviewL10n } from '../../src/webview/ui/localization';
import { startWhenLocalized } from '../../src/webview/ui/startup';
import * as markdownEngine from '../../src/webview/markdown';
import { answer, stateMessage, userMessage } from './uiHarness';

/** What the host sends for `language`: each webview message through that language's bundle. */
function l10nFor(language: string): WebviewL10n {
  const bundle = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'l10n', `bundle.l10n.${language}.json`), 'utf8')) as Record<string, string>;
  return { locale: language, strings: WEBVIEW_MESSAGES.map((key) => bundle[key] ?? key) };
}

function boot() {
  const dom = new JSDOM('<!DOCTYPE html><html><body><div id="app"></div></body></html>', { url: 'https://webview.test/' });
  const root = dom.window.document.getElementById('app') as HTMLElement;
  const posted: WebviewToHost[] = [];
  const post = (message: WebviewToHost) => posted.push(message);
  const onMessage = startWhenLocalized(
    () =>
      new ChatApp(root, {
        bridge: { postMessage: post, getState: () => undefined, setState: () => undefined },
        markdown: markdownEngine,
        requestFrame: () => 0,
        setTimeout: () => undefined,
        now: () => Date.UTC(2026, 0, 10, 12),
      }),
    post,
    dom.window.document,
  );
  return { root, posted, host: (message: HostToWebview) => onMessage(message) };
}

describe('the chat view in the display language', () => {
  afterEach(() => installWebviewL10n({ locale: 'en', strings: [] }));

  it('says ready, draws nothing until the state names the language, then draws everything in Chinese', () => {
    const view = boot();
    assert.deepEqual(view.posted, [{ type: 'ready' }]);
    view.host({ type: 'modelChanged', model: 'gpt-5-mini' });
    assert.equal(view.root.childElementCount, 0, 'nothing is drawn in English first');

    view.host(stateMessage([], { hasApiKey: true, l10n: l10nFor('zh-cn') }));
    const input = view.root.querySelector<HTMLTextAreaElement>('textarea');
    assert.equal(input?.placeholder, '随便问（Enter 发送，Shift+Enter 换行）');
    assert.equal(view.root.querySelector('.empty-state-title')?.textContent, '与 CometAPI 聊天');
    assert.match(view.root.querySelector('.empty-state')?.textContent ?? '', /随便问，或选择代码后按 Ctrl\+Alt\+E 让它解释。/);
    assert.equal(view.root.querySelector('#send-button')?.getAttribute('aria-label'), '发送');
    assert.equal(view.root.querySelector('#history-button')?.getAttribute('title'), '聊天历史记录');
    assert.equal(view.root.ownerDocument.documentElement.lang, 'zh-cn', 'screen readers read the page as Chinese');
  });

  it('an error card and the answer footer in Chinese; the error sentence is the host one, as sent', () => {
    const view = boot();
    view.host(
      stateMessage([userMessage('u1', 'Hi'), answer('a1', 'Hello', { usage: { promptTokens: 1200, completionTokens: 34, totalTokens: 1234 } })], {
        l10n: l10nFor('zh-cn'),
      }),
    );
    view.host({ type: 'messageAdded', message: userMessage('u2', 'Again') });
    view.host({ type: 'messageAdded', message: answer('a2', '', { status: 'streaming' }) });
    view.host({
      type: 'answerEnded',
      messageId: 'a2',
      status: 'error',
      error: { kind: 'auth', message: 'CometAPI 拒绝了该 API 密钥（401）。请设置有效的密钥。', requestId: 'req-1', actions: ['setApiKey'] },
    });
    const card = view.root.querySelector('.message[data-message-id="a2"] .error-card');
    assert.equal(card?.querySelector('.error-message')?.textContent, 'CometAPI 拒绝了该 API 密钥（401）。请设置有效的密钥。');
    assert.equal(card?.querySelector('[data-error-action="setApiKey"]')?.textContent, '设置 API 密钥');
    assert.equal(card?.querySelector('.error-request-label')?.textContent, '请求 ID：');
    assert.equal(view.root.querySelector('.message[data-message-id="a1"] .usage')?.textContent, '1,234 个 token · 提示 1,200 · 生成 34');
    assert.equal(view.root.querySelector('.message[data-message-id="a1"] .copy-answer-button')?.getAttribute('aria-label'), '复制回答');
  });

  it('numbers and dates follow the language through Intl; English stays as it was', () => {
    const usage = { promptTokens: 12000, completionTokens: 345, totalTokens: 12345 };
    const now = Date.UTC(2026, 0, 10, 12);
    assert.equal(formatUsage(usage), '12,345 tokens · 12,000 prompt · 345 completion');
    assert.equal(formatRelativeTime(now - 5 * 60_000, now), '5 min ago');

    installWebviewL10n(l10nFor('ru'));
    assert.equal(formatUsage(usage), 'Токенов: 12\u00a0345 · запрос 12\u00a0000 · ответ 345');
    assert.equal(formatRelativeTime(now - 3 * 86_400_000, now), '3 дн. назад');
    assert.equal(
      formatRelativeTime(Date.UTC(2025, 2, 4), now),
      new Intl.DateTimeFormat('ru', { year: 'numeric', month: 'short', day: 'numeric' }).format(Date.UTC(2025, 2, 4)),
    );

    installWebviewL10n(l10nFor('zh-cn'));
    assert.equal(formatRelativeTime(Date.UTC(2025, 2, 4), now), '2025年3月4日');
  });

  it('a list of strings that does not match this build is ignored rather than shifting every label', () => {
    installWebviewL10n({ locale: 'zh-cn', strings: ['一', '二'] });
    assert.equal(formatRelativeTime(Date.UTC(2026, 0, 10, 11, 59, 30), Date.UTC(2026, 0, 10, 12)), 'just now');
  });
});
