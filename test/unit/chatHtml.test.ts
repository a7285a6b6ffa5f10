import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildChatHtml, buildContentSecurityPolicy } from '../../src/core/chatPage/chatHtml';
import { safeExternalUrl } from '../../src/shared/externalLinks';

const input = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'n0nce-abc',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/chat.css'],
};

test('the CSP allows only the nonce script and the webview resource origin, never inline or eval', () => {
  const csp = buildContentSecurityPolicy(input.cspSource, input.nonce);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-n0nce-abc'(;|$)/);
  assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
});

test('the CSP is exactly what the page uses: blob: thumbnails only, no fonts, base URL or form targets', () => {
  assert.equal(
    buildContentSecurityPolicy(input.cspSource, input.nonce),
    "default-src 'none'; img-src blob:; script-src 'nonce-n0nce-abc'; style-src https://file+.vscode-resource.vscode-cdn.net; base-uri 'none'; form-action 'none'",
  );
  const html = buildChatHtml(input);
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src blob:; script-src &#39;nonce-n0nce-abc&#39;; style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net; base-uri &#39;none&#39;; form-action &#39;none&#39;">/,
  );
});

test('images may come only from blob: URLs the page made, never from the web or data: URLs a model could write', () => {
  const csp = buildContentSecurityPolicy(input.cspSource, input.nonce);
  const imgSrc = csp.split('; ').find((directive) => directive.startsWith('img-src '));
  assert.equal(imgSrc, 'img-src blob:');
  // Nothing else can let an image in: the fallback stays closed.
  assert.match(csp, /^default-src 'none';/u);
});

test('the page has exactly one script, carrying the nonce, and no inline script or style', () => {
  const html = buildChatHtml(input);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0] ?? '', /nonce="n0nce-abc"/);
  assert.match(scripts[0] ?? '', /src="https:\/\/file\+\.vscode-resource[^"]+webview\.js"/);
  assert.doesNotMatch(html, /<script[^>]*>[^<]+<\/script>/, 'no inline script body');
  assert.doesNotMatch(html, /<style|style="/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy"/);
});

test('attribute values are escaped, so a hostile URI cannot break out of the tag', () => {
  const html = buildChatHtml({ ...input, scriptUri: 'x"><script>alert(1)</script>' });
  assert.equal((html.match(/<script\b/g) ?? []).length, 1);
  assert.match(html, /x&quot;&gt;&lt;script&gt;/);
});

test('only http(s) and mailto links may be opened from the chat', () => {
  assert.equal(safeExternalUrl('https://www.cometapi.com/docs'), 'https://www.cometapi.com/docs');
  assert.equal(safeExternalUrl('http://example.com'), 'http://example.com/');
  assert.equal(safeExternalUrl('mailto:support@cometapi.com'), 'mailto:support@cometapi.com');
  for (const hostile of [
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'vbscript:x',
    'data:text/html,<script>',
    'file:///etc/passwd',
    'command:workbench.action.terminal.new',
    'vscode://settings',
    'https://',
    'not a url',
  ]) {
    assert.equal(safeExternalUrl(hostile), undefined, hostile);
  }
});
