import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MAX_ATTACHED_FILE_BYTES,
  countLines,
  decodeFileBytes,
  fileContext,
  languageIdForPath,
  refreshAttachedFiles,
  sizeRefusal,
  type FileInput,
  type FileRereader,
} from '../../src/core/files/attachedFile';
import { renderUserMessage } from '../../src/core/selection/selectionPrompt';
import type { CodeContext } from '../../src/shared/conversation';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function file(overrides: Partial<FileInput> = {}): FileInput {
  return {
    path: 'src/add.ts',
    languageId: 'typescript',
    uri: 'file:///w/src/add.ts',
    text: 'export const one = 1;\nexport const two = 2;\n',
    maxChars: 100_000,
    ...overrides,
  };
}

function attached(overrides: Partial<FileInput> = {}): CodeContext {
  const result = fileContext(file(overrides));
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.value;
}

describe('sizeRefusal: the size is checked before anything is read', () => {
  it('lets a file up to the limit through and refuses a 50 MB file with a sentence naming it and both sizes', () => {
    assert.equal(sizeRefusal('logs/big.log', MAX_ATTACHED_FILE_BYTES), undefined);
    const refusal = sizeRefusal('logs/big.log', 50 * 1024 * 1024);
    assert.equal(
      refusal,
      'logs/big.log is 50 MB, more than the 5 MB a file may have to be attached, so it was not read. Open it and use Add Selection to Chat on the part you need.',
    );
  });
});

describe('decodeFileBytes', () => {
  it('reads UTF-8 (dropping a byte order mark) and UTF-16 with its byte order mark', () => {
    assert.deepEqual(decodeFileBytes('a.txt', utf8('\uFEFFпривет, 世界\n')), { ok: true, value: 'привет, 世界\n' });
    const utf16 = new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]);
    assert.deepEqual(decodeFileBytes('a.txt', utf16), { ok: true, value: 'hi' });
  });

  it('refuses a PNG (NUL bytes in its header) and random bytes without NULs, naming the file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const pngResult = decodeFileBytes('media/logo.png', png);
    assert.equal(pngResult.ok, false);
    assert.match(pngResult.ok ? '' : pngResult.reason, /^media\/logo\.png is a binary file/);
    const noise = new Uint8Array(4096).map((_, i) => 0x80 + ((i * 37) % 0x7f));
    assert.equal(decodeFileBytes('blob.bin', noise).ok, false, 'undecodable bytes are binary too');
  });
});

describe('fileContext', () => {
  it('is the whole file, lines 1 to its last, marked as a file, sent fenced under its path', () => {
    const context = attached();
    assert.deepEqual(context, {
      path: 'src/add.ts',
      languageId: 'typescript',
      startLine: 1,
      endLine: 2,
      code: 'export const one = 1;\nexport const two = 2;\n',
      uri: 'file:///w/src/add.ts',
      wholeFile: true,
    });
    assert.equal(
      renderUserMessage({ text: 'What does this export?', contexts: [context] }),
      'What does this export?\n\nsrc/add.ts (whole file, 2 lines):\n```typescript\nexport const one = 1;\nexport const two = 2;\n```',
    );
  });

  it('cuts a file longer than cometapi.maxContextCharacters at a line boundary, and the prompt says so', () => {
    const text = Array.from({ length: 300 }, (_, i) => `line ${String(i + 1).padStart(4, '0')}`).join('\n');
    const context = attached({ text, maxChars: 1000 });
    assert.equal(context.truncatedAtLine, 100, 'a hundred 10-character lines fit in 1,000 characters');
    assert.equal(context.totalLines, 300);
    assert.ok(
      renderUserMessage({ text: '', contexts: [context] }).startsWith('src/add.ts (whole file, 300 lines) (cut to fit: lines 1-100 of 300 included):\n'),
    );
  });

  it('refuses an empty file and text that is binary, naming the file', () => {
    const empty = fileContext(file({ text: '\n  \n' }));
    assert.deepEqual(empty, { ok: false, reason: 'src/add.ts is empty, so there is nothing to attach.' });
    const binary = fileContext(file({ text: 'PK\u0003\u0004\u0000\u0000' }));
    assert.equal(binary.ok, false);
  });
});

describe('languageIdForPath and countLines', () => {
  it('fences a file that is not open by its extension', () => {
    assert.equal(languageIdForPath('src/app.ts'), 'typescript');
    assert.equal(languageIdForPath('scripts\\build.py'), 'python');
    assert.equal(languageIdForPath('Dockerfile'), 'dockerfile');
    assert.equal(languageIdForPath('notes.unknownext'), 'plaintext');
    assert.equal(languageIdForPath('.gitignore'), 'plaintext');
  });

  it('does not count the final line break as a line', () => {
    assert.equal(countLines('a\nb\n'), 2);
    assert.equal(countLines('a\r\nb'), 2);
    assert.equal(countLines('a'), 1);
  });
});

describe('refreshAttachedFiles: files are read again when the question is sent', () => {
  const selection: CodeContext = { path: 'src/x.ts', languageId: 'typescript', startLine: 4, endLine: 4, code: 'x();', uri: 'file:///w/src/x.ts' };

  it('sends each file as it is now, and selections as they were taken', async () => {
    const reread: FileRereader = async (old) => fileContext(file({ path: old.path, uri: old.uri, text: 'export const one = 111;\n' }));
    const result = await refreshAttachedFiles([selection, attached()], reread);
    assert.ok(result.ok);
    assert.deepEqual(
      result.contexts.map((c) => c.code),
      ['x();', 'export const one = 111;\n'],
    );
  });

  it('a file deleted since it was attached stops the send with its reason, and keeps every other context for the input', async () => {
    const other = attached({ path: 'src/other.ts', uri: 'file:///w/src/other.ts' });
    const reread: FileRereader = async (old) =>
      old.path === 'src/add.ts'
        ? { ok: false, reason: 'src/add.ts no longer exists (it was deleted, moved or renamed), so it cannot be attached or sent.' }
        : { ok: true, value: old };
    const result = await refreshAttachedFiles([selection, attached(), other], reread);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(result.reasons, ['src/add.ts no longer exists (it was deleted, moved or renamed), so it cannot be attached or sent.']);
    assert.deepEqual(
      result.kept.map((c) => c.path),
      ['src/x.ts', 'src/other.ts'],
    );
  });
});
