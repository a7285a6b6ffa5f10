// Every message key the code uses has a translation in every language, with the same placeholders; every
// manifest string is a %key% that package.nls*.json all define; the webview's strings are all in the list
// the host translates for it. See docs/architecture.md#languages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { WEBVIEW_MESSAGES } from '../../src/shared/webviewMessages';
import { repoRoot, sourceFiles, translationKeys } from '../support/l10nScan';

const LANGUAGES = ['zh-cn', 'ru'] as const;

function readJson(relative: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, relative), 'utf8')) as Record<string, unknown>;
}

function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
}

/** Differences between `keys` and a translation table, as lines a person can act on. */
function problems(keys: ReadonlySet<string>, table: Record<string, unknown>, where: string): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const value = table[key];
    if (typeof value !== 'string' || value.trim() === '') {
      out.push(`${where}: missing ${JSON.stringify(key)}`);
    } else if (placeholders(value).join() !== placeholders(key).join()) {
      out.push(`${where}: ${JSON.stringify(key)} has placeholders ${placeholders(value).join() || 'none'}`);
    }
  }
  for (const key of Object.keys(table)) {
    if (!keys.has(key)) {
      out.push(`${where}: ${JSON.stringify(key)} is not used any more`);
    }
  }
  return out;
}

/** Runtime keys: every t()/vscode.l10n.t() in src, and the webview's list (the host translates those too). */
function runtimeKeys(): Set<string> {
  const { keys } = translationKeys(sourceFiles('src'));
  return new Set([...keys.map((key) => key.text), ...WEBVIEW_MESSAGES]);
}

/** Strings in the manifest a person reads: command titles, view names, setting descriptions. */
function manifestStrings(manifest: Record<string, unknown>): { path: string; value: string }[] {
  const shown = new Set([
    'title',
    'shortTitle',
    'name',
    'description',
    'markdownDescription',
    'enumDescriptions',
    'markdownEnumDescriptions',
    'deprecationMessage',
    'markdownDeprecationMessage',
    'contextualTitle',
    'category',
    'label',
    'displayName',
    'fullName',
    'userDescription',
    'modelDescription',
    'detail',
  ]);
  const out: { path: string; value: string }[] = [];
  const walk = (value: unknown, at: string, key: string) => {
    if (typeof value === 'string') {
      if (shown.has(key)) {
        out.push({ path: at, value });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${at}[${index}]`, key));
    } else if (value && typeof value === 'object') {
      for (const [child, inner] of Object.entries(value)) {
        walk(inner, `${at}.${child}`, child);
      }
    }
  };
  walk(manifest.contributes, 'contributes', 'contributes');
  for (const top of ['displayName', 'description']) {
    walk(manifest[top], top, top);
  }
  return out;
}

/** The two places that pass keys through rather than name them: VS Code's translator installed as t()'s, and the webview's list. */
const FORWARDERS = new Set(['src/host/extension.ts', 'src/host/webviewL10n.ts']);

describe('translations', () => {
  it('every t() key in src is a literal, so it can be checked', () => {
    const { dynamic } = translationKeys(sourceFiles('src'));
    assert.deepEqual(
      dynamic.filter((hit) => !FORWARDERS.has(hit.file)).map((hit) => `${hit.file}:${hit.line}: t(${hit.text})`),
      [],
    );
  });

  it('every key used in code (and the webview list) is in every l10n bundle, with the same placeholders, and nothing else is', () => {
    const keys = runtimeKeys();
    assert.ok(keys.size > 100, `only ${keys.size} keys found: the scan is broken`);
    const found = LANGUAGES.flatMap((language) => problems(keys, readJson(`l10n/bundle.l10n.${language}.json`), `l10n/bundle.l10n.${language}.json`));
    assert.deepEqual(found, []);
  });

  it('every string the webview translates with t() is in WEBVIEW_MESSAGES, which the host sends', () => {
    const used = translationKeys([...sourceFiles('src/webview'), ...sourceFiles('src/shared')]).keys;
    const listed = new Set<string>(WEBVIEW_MESSAGES);
    assert.deepEqual(
      used.filter((key) => !listed.has(key.text)).map((key) => `${key.file}:${key.line}: ${key.text}`),
      [],
      'add these to src/shared/webviewMessages.ts',
    );
    assert.equal(new Set(WEBVIEW_MESSAGES).size, WEBVIEW_MESSAGES.length, 'WEBVIEW_MESSAGES has a duplicate');
  });

  it('package.json names its l10n folder and every title and description in it is a %key% of package.nls.json', () => {
    const manifest = readJson('package.json');
    assert.equal(manifest.l10n, './l10n');
    const english = readJson('package.nls.json');
    const literal = manifestStrings(manifest).filter((entry) => !/^%[\w.-]+%$/.test(entry.value));
    assert.deepEqual(
      literal.map((entry) => `${entry.path}: ${entry.value}`),
      [],
      'put these in package.nls.json and use %key% in package.json',
    );
    const unknown = manifestStrings(manifest)
      .map((entry) => /^%([\w.-]+)%$/.exec(entry.value)?.[1])
      .filter((key): key is string => key !== undefined && !(key in english));
    assert.deepEqual(unknown, [], 'these %keys% are not in package.nls.json');
  });

  it('every package.nls.json key is in package.nls.zh-cn.json and package.nls.ru.json, with the same placeholders', () => {
    const english = readJson('package.nls.json');
    const keys = new Set(Object.keys(english));
    const found = LANGUAGES.flatMap((language) => {
      const table = readJson(`package.nls.${language}.json`);
      return problems(keys, table, `package.nls.${language}.json`).concat(
        Object.keys(table)
          .filter((key) => typeof english[key] === 'string' && placeholders(String(english[key])).join() !== placeholders(String(table[key])).join())
          .map((key) => `package.nls.${language}.json: ${key} has other placeholders than English`),
      );
    });
    assert.deepEqual(found, []);
  });
});
