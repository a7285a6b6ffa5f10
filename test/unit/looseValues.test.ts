import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asRecord, isRecord, nonEmptyString, trimmedString } from '../../src/shared/looseValues';
import { safeExternalUrl } from '../../src/shared/externalLinks';

test('only plain objects count as records: null, arrays and primitives do not', () => {
  const body = { error: { message: 'x' } };
  assert.equal(asRecord(body), body);
  for (const notRecord of [null, undefined, [], [{ message: 'x' }], 'text', 42, true]) {
    assert.equal(asRecord(notRecord), undefined, String(notRecord));
    assert.equal(isRecord(notRecord), false, String(notRecord));
  }
});

test('streamed text keeps its whitespace; ids and labels are trimmed and blank ones are missing', () => {
  assert.equal(nonEmptyString(' \n'), ' \n', 'a space-only delta is still text the person sees');
  assert.equal(nonEmptyString(''), undefined);
  assert.equal(nonEmptyString(7), undefined);
  assert.equal(trimmedString('  gpt-4o '), 'gpt-4o');
  assert.equal(trimmedString(' \t'), undefined);
  assert.equal(trimmedString(null), undefined);
});

test('one link rule: web and mail links pass, everything else (relative, script, command, file) does not', () => {
  assert.equal(safeExternalUrl('  https://www.cometapi.com/docs '), 'https://www.cometapi.com/docs');
  assert.equal(safeExternalUrl('mailto:a@b.c'), 'mailto:a@b.c');
  for (const refused of [
    '',
    '/relative',
    '#anchor',
    'javascript:alert(1)',
    'command:workbench.action.openSettings',
    'file:///etc/passwd',
    'http://',
    'vscode://x',
  ]) {
    assert.equal(safeExternalUrl(refused), undefined, refused);
  }
});
