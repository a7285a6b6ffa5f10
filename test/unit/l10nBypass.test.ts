// A literal a person would read that reaches the UI without t()/vscode.l10n.t stays English in every
// language. The scan (test/support/l10nScan.ts) reads the sources with the TypeScript parser and names the
// file and line of each. See docs/architecture.md#languages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { bypassingLiterals, sourceFiles } from '../support/l10nScan';

/**
 * The few literals that look like prose but must not be translated, each with its reason.
 * - NEW_CHAT_TITLE is stored in conversation files and compared with what is read back: a translated
 *   default title would stop matching after the display language changes.
 */
const ALLOWED: readonly { readonly file: string; readonly text: string }[] = [{ file: 'src/core/conversation/conversationOps.ts', text: "'New Chat'" }];

describe('user-facing literals go through l10n', () => {
  it('no literal in src reaches a message, quick pick, input box, status bar or the webview without t()', () => {
    const found = bypassingLiterals(sourceFiles('src')).filter((hit) => !ALLOWED.some((allowed) => allowed.file === hit.file && allowed.text === hit.text));
    assert.deepEqual(
      found.map((hit) => `${hit.file}:${hit.line}: ${hit.text}`),
      [],
      'Wrap these in t() (core, webview) or vscode.l10n.t() (host), then add the key to l10n/bundle.l10n.*.json',
    );
  });

  it('the allowed entries still exist (a stale exception would hide a new literal with the same text)', () => {
    const found = bypassingLiterals(sourceFiles('src'));
    for (const allowed of ALLOWED) {
      assert.ok(
        found.some((hit) => hit.file === allowed.file && hit.text === allowed.text),
        `${allowed.file}: ${allowed.text} is no longer there; remove it from ALLOWED`,
      );
    }
  });

  it('the scan finds each way a literal reaches the person, and leaves ids, t() calls and log lines alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-scan-'));
    const file = path.join(dir, 'sample.ts');
    fs.writeFileSync(
      file,
      [
        "void vscode.window.showWarningMessage('Something broke.');", // 1
        "const retry = 'Try Again';", // 2
        'void vscode.window.showErrorMessage(vscode.l10n.t("Failed: {0}", x), retry);', // 3 (retry, line 2)
        'pick.placeholder = `Search ${n} chats`;', // 4
        "el(doc, 'p', { text: ok ? 'All good' : t('Fine') });", // 5
        "node.setAttribute('aria-label', 'Close panel');", // 6
        "const b = button(doc, 'Send', {});", // 7
        "node.textContent = 'plaintext';", // 8: an id, not prose
        "logger.info('Request sent to the server.');", // 9: the output channel stays English
        "const info = { message: t('Stopped.'), kind: 'cancelled' };", // 10
        'item.text = `$(sparkle) ${model}`;', // 11: no words of its own
        "const picked = { label: 'Other Model', description: `not listed` };", // 12
      ].join('\n'),
    );
    try {
      const found = bypassingLiterals([file]).map((hit) => `${hit.line}: ${hit.text}`);
      assert.deepEqual(
        found.sort(),
        [
          "1: 'Something broke.'",
          "2: 'Try Again'",
          '4: `Search ${n} chats`',
          "5: 'All good'",
          "6: 'Close panel'",
          "7: 'Send'",
          "12: 'Other Model'",
          '12: `not listed`',
        ].sort(),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
