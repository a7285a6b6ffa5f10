import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StorageFileError, cleanStaleTempFiles, isTempFileName, readJsonFile, readTextFile, writeFileAtomic } from '../../src/core/storage/atomicFile';

const repoRoot = resolve(__dirname, '../..');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cometapi-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a write creates the file, a second write replaces it, and no temporary file is left', async () => {
  const path = join(dir, 'c.json');
  await writeFileAtomic(path, '{"v":1}');
  await writeFileAtomic(path, '{"v":2}');
  assert.equal(await readFile(path, 'utf8'), '{"v":2}');
  assert.deepEqual(await readdir(dir), ['c.json']);
});

test('a process killed between writing the temporary file and the rename leaves the old file intact', async () => {
  const path = join(dir, 'c.json');
  await writeFileAtomic(path, JSON.stringify({ version: 'old' }));
  const moduleUrl = pathToFileURL(join(repoRoot, 'src/core/storage/atomicFile.ts')).href;
  const script = `
    const loaded = await import(${JSON.stringify(moduleUrl)});
    const { writeFileAtomic } = loaded.writeFileAtomic ? loaded : loaded.default;
    await writeFileAtomic(${JSON.stringify(path)}, JSON.stringify({ version: 'new', padding: 'x'.repeat(100000) }), {
      beforeRename: () => process.kill(process.pid, 'SIGKILL'),
    });
    console.log('renamed');`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(child.signal, 'SIGKILL', `the writer should have died mid-write: ${child.stderr}`);
  assert.doesNotMatch(child.stdout, /renamed/);

  assert.deepEqual(await readJsonFile(path), { kind: 'ok', value: { version: 'old' } });
  const leftovers = (await readdir(dir)).filter(isTempFileName);
  assert.equal(leftovers.length, 1, 'the crashed write leaves its temporary file');
  assert.equal(await cleanStaleTempFiles(dir, 0), 1);
  assert.deepEqual(await readdir(dir), ['c.json']);
});

test('a write that cannot complete throws a clear error, keeps what was there and leaves no temporary file', async () => {
  const path = join(dir, 'blocked.json');
  await mkdir(path);
  await writeFile(join(path, 'inside.txt'), 'keep me');
  await assert.rejects(writeFileAtomic(path, '{}'), (error: unknown) => {
    assert.ok(error instanceof StorageFileError);
    assert.match(error.message, /^Could not save .*blocked\.json: /);
    assert.equal(error.path, path);
    return true;
  });
  assert.equal(await readFile(join(path, 'inside.txt'), 'utf8'), 'keep me');
  assert.deepEqual((await readdir(dir)).filter(isTempFileName), []);
});

test('a write into a missing folder says the folder does not exist', async () => {
  await assert.rejects(writeFileAtomic(join(dir, 'nope', 'c.json'), '{}'), /the folder does not exist \(ENOENT\)/);
});

test('many writers racing on one file always leave one complete version, never a mix', async () => {
  const path = join(dir, 'race.json');
  const versions = Array.from({ length: 20 }, (_, i) => JSON.stringify({ writer: i, body: String(i).repeat(50_000) }));
  await Promise.all(versions.map((text) => writeFileAtomic(path, text)));
  const final = await readFile(path, 'utf8');
  assert.ok(versions.includes(final));
  assert.deepEqual(await readdir(dir), ['race.json']);
});

test('reading a missing file is not an error; reading a folder is, with the path and reason', async () => {
  assert.equal(await readTextFile(join(dir, 'missing.json')), undefined);
  assert.deepEqual(await readJsonFile(join(dir, 'missing.json')), { kind: 'missing' });
  await assert.rejects(readTextFile(dir), (error: unknown) => {
    assert.ok(error instanceof StorageFileError);
    assert.equal(error.code, 'EISDIR');
    assert.match(error.message, /^Could not read .*: a folder is in the way \(EISDIR\)$/);
    return true;
  });
});

test('a file that is empty or not JSON is reported as corrupt with the reason', async () => {
  await writeFile(join(dir, 'empty.json'), '  \n');
  await writeFile(join(dir, 'half.json'), '{"id":"abc","messages":[{"te');
  assert.deepEqual(await readJsonFile(join(dir, 'empty.json')), { kind: 'corrupt', reason: 'the file is empty' });
  const half = await readJsonFile(join(dir, 'half.json'));
  assert.equal(half.kind, 'corrupt');
  assert.match(half.kind === 'corrupt' ? half.reason : '', /^it is not valid JSON \(.+\)$/);
});

test('stale temporary files are cleaned up, recent ones (a write in progress elsewhere) are not', async () => {
  const now = Date.now();
  await writeFile(join(dir, '.a.json.1-old.tmp'), 'x');
  await writeFile(join(dir, '.b.json.2-young.tmp'), 'x');
  await writeFile(join(dir, 'a.json'), '{}');
  const hourAgo = new Date(now - 3_600_000);
  await utimes(join(dir, '.a.json.1-old.tmp'), hourAgo, hourAgo);
  assert.equal(await cleanStaleTempFiles(dir, 60_000, now), 1);
  assert.deepEqual((await readdir(dir)).sort(), ['.b.json.2-young.tmp', 'a.json']);
});
