import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageDisplayName, languageIdForFenceTag } from '../../src/core/selection/languageIds';

describe('languageIdForFenceTag', () => {
  it('maps the short tags models write to VS Code language ids', () => {
    const cases: Array<[string, string]> = [
      ['ts', 'typescript'],
      ['tsx', 'typescriptreact'],
      ['js', 'javascript'],
      ['py', 'python'],
      ['sh', 'shellscript'],
      ['bash', 'shellscript'],
      ['ps1', 'powershell'],
      ['rs', 'rust'],
      ['c++', 'cpp'],
      ['C#', 'csharp'],
      ['yml', 'yaml'],
      ['md', 'markdown'],
      ['Dockerfile', 'dockerfile'],
    ];
    for (const [tag, id] of cases) {
      assert.equal(languageIdForFenceTag(tag), id, tag);
    }
  });

  it('keeps tags that already are VS Code ids', () => {
    assert.equal(languageIdForFenceTag('typescript'), 'typescript');
    assert.equal(languageIdForFenceTag('json'), 'json');
    assert.equal(languageIdForFenceTag('Python'), 'python');
  });

  it('reads the language out of longer info strings', () => {
    assert.equal(languageIdForFenceTag('ts title="app.ts"'), 'typescript');
    assert.equal(languageIdForFenceTag('ts:src/app.ts'), 'typescript');
    assert.equal(languageIdForFenceTag('{.python}'), 'python');
    assert.equal(languageIdForFenceTag('language-js'), 'javascript');
  });

  it('gives plaintext for an empty or unknown tag', () => {
    assert.equal(languageIdForFenceTag(''), 'plaintext');
    assert.equal(languageIdForFenceTag('   '), 'plaintext');
    assert.equal(languageIdForFenceTag('klingon'), 'plaintext');
  });

  it('accepts what installed extensions add, and only that, when given the live list', () => {
    const installed = new Set(['typescript', 'plaintext', 'kotlin']);
    assert.equal(languageIdForFenceTag('kt', installed), 'kotlin');
    assert.equal(languageIdForFenceTag('kt'), 'plaintext', 'kotlin is not built in');
    assert.equal(languageIdForFenceTag('py', installed), 'plaintext', 'python is not installed in this list');
  });
});

describe('languageDisplayName', () => {
  it('names well-known languages and shows other ids as they are', () => {
    assert.equal(languageDisplayName('typescriptreact'), 'TypeScript React');
    assert.equal(languageDisplayName('csharp'), 'C#');
    assert.equal(languageDisplayName('zig'), 'zig');
  });
});
