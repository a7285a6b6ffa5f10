// The rows of the `#` file picker: the file the person works in comes first, then the other open files, then the
// workspace by path; each row is the file name with its folder beside it, and a huge workspace is cut to the cap
// with the cut reported. The exclude glob merges files.exclude and search.exclude into the one glob findFiles takes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excludeGlob, expandBraces, filePickRows, type WorkspaceFile } from '../../src/core/files/workspaceFileList';

function file(relativePath: string, folder = 'shop'): WorkspaceFile {
  return { uri: `file:///w/${folder}/${relativePath}`, folder, relativePath };
}

describe('the file picker rows', () => {
  it('lists the active file first, then other open files, then the rest by path regardless of case', () => {
    const files = [file('src/zeta.ts'), file('README.md'), file('src/app.ts'), file('lib/Alpha.py'), file('docs/guide.md')];
    const { rows, capped } = filePickRows(files, { preferred: [file('src/zeta.ts').uri, file('docs/guide.md').uri], multiRoot: false });
    assert.deepEqual(
      rows.map((row) => `${row.label} | ${row.description}`),
      ['zeta.ts | src', 'guide.md | docs', 'Alpha.py | lib', 'README.md | ', 'app.ts | src'],
    );
    assert.equal(capped, false);
  });

  it('an open file that was not found (excluded, outside the workspace) is not added', () => {
    const { rows } = filePickRows([file('a.ts')], { preferred: ['file:///elsewhere/secret.env'], multiRoot: false });
    assert.deepEqual(
      rows.map((row) => row.uri),
      [file('a.ts').uri],
    );
  });

  it('names the workspace folder in a multi-root workspace, so two src/index.ts can be told apart', () => {
    const { rows } = filePickRows([file('src/index.ts', 'web'), file('src/index.ts', 'api'), file('package.json', 'api')], {
      preferred: [],
      multiRoot: true,
    });
    assert.deepEqual(
      rows.map((row) => `${row.label} | ${row.description}`),
      ['package.json | api', 'index.ts | api • src', 'index.ts | web • src'],
    );
  });

  it('keeps at most the cap, the preferred files inside it, and says files were left out', () => {
    const files = Array.from({ length: 12 }, (_, index) => file(`f${String(index).padStart(2, '0')}.ts`));
    const { rows, capped } = filePickRows(files, { preferred: [file('f11.ts').uri], multiRoot: false, max: 5 });
    assert.deepEqual(
      rows.map((row) => row.label),
      ['f11.ts', 'f00.ts', 'f01.ts', 'f02.ts', 'f03.ts'],
    );
    assert.equal(capped, true);
    assert.equal(filePickRows(files.slice(0, 5), { preferred: [], multiRoot: false, max: 5 }).capped, false, 'exactly the cap is not a cut');
  });

  it('a file found twice is listed once', () => {
    const { rows } = filePickRows([file('a.ts'), file('a.ts')], { preferred: [], multiRoot: false });
    assert.equal(rows.length, 1);
  });
});

describe('the exclude glob for findFiles', () => {
  it('merges files.exclude and search.exclude, only patterns set to true, each once', () => {
    assert.equal(
      excludeGlob([
        { '**/.git': true, '**/*.js': { when: '$(basename).ts' }, '**/tmp': false },
        { '**/node_modules': true, '**/.git': true },
      ]),
      '{**/.git,**/node_modules}',
    );
  });

  it('one pattern is given as it is; none at all leaves VS Code its defaults', () => {
    assert.equal(excludeGlob([{ '**/dist': true }, undefined]), '**/dist');
    assert.equal(excludeGlob([undefined, {}]), undefined);
  });

  it('expands braces inside a pattern, since the joined glob is one brace list; what cannot be expanded is left out', () => {
    assert.deepEqual(expandBraces('**/*.{js,map}'), ['**/*.js', '**/*.map']);
    assert.deepEqual(expandBraces('{out,dist}/**/*.{js,map}'), ['out/**/*.js', 'out/**/*.map', 'dist/**/*.js', 'dist/**/*.map']);
    assert.equal(excludeGlob([{ '**/*.{js,map}': true, '**/{a,{b,c}}': true, 'odd,name': true }]), '{**/*.js,**/*.map}');
  });
});
