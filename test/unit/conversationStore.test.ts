import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AssistantMessage, Conversation } from '../../src/shared/conversation';
import { ConversationStore, type ConversationStoreOptions, type StoreProblem } from '../../src/core/storage/conversationStore';
import { writeFileAtomic } from '../../src/core/storage/atomicFile';
import { serializeConversation } from '../../src/core/storage/conversationFile';
import type { Timers } from '../../src/core/storage/writeQueue';
import { appendMessage, applyAnswerDelta, createConversation, endAnswer, startAnswer, userMessage } from '../../src/core/conversation/conversationOps';

const repoRoot = resolve(__dirname, '../..');
let root: string;
const conversationsDir = (): string => join(root, 'conversations');

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cometapi-store-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A finished one-turn conversation. */
function chat(id: string, question: string, answerText: string, at: number, workspace?: string): Conversation {
  let c = createConversation({ id, now: at, ...(workspace ? { workspace } : {}) });
  c = appendMessage(c, userMessage(`${id}-q`, question, at));
  c = appendMessage(c, startAnswer(`${id}-a`, 'gpt-5-mini', at));
  c = applyAnswerDelta(c, `${id}-a`, answerText);
  return endAnswer(c, `${id}-a`, { status: 'done', endedAt: at + 1 });
}

/** Timers that fire only when the test says so. */
class ManualTimers implements Timers {
  started = 0;
  cleared = 0;
  private readonly callbacks = new Map<number, () => void>();
  private nextHandle = 1;
  setTimeout(callback: () => void): unknown {
    this.started++;
    this.callbacks.set(this.nextHandle, callback);
    return this.nextHandle++;
  }
  clearTimeout(handle: unknown): void {
    this.cleared++;
    this.callbacks.delete(handle as number);
  }
  get waiting(): number {
    return this.callbacks.size;
  }
  fire(): void {
    const due = [...this.callbacks.values()];
    this.callbacks.clear();
    due.forEach((callback) => callback());
  }
}

async function openStore(options: ConversationStoreOptions = {}): Promise<{ store: ConversationStore; problems: StoreProblem[] }> {
  const problems: StoreProblem[] = [];
  const store = await ConversationStore.open(root, { onProblem: (p) => problems.push(p), ...options });
  return { store, problems };
}

/** Counts the real (atomic) writes a store makes. */
function countingWriter(): { writes: string[]; writeFile: (path: string, data: string) => Promise<void> } {
  const writes: string[] = [];
  return {
    writes,
    writeFile: async (path, data) => {
      writes.push(path);
      await writeFileAtomic(path, data);
    },
  };
}

test('a saved conversation comes back whole in a new window (a reload)', async () => {
  const { store } = await openStore();
  let original = chat('c1', 'What is a closure?', 'A function with its scope.', 1000, 'shop');
  const context = {
    path: 'src/a.ts',
    languageId: 'typescript',
    startLine: 2,
    endLine: 9,
    code: 'let x = 1;',
    truncatedAtLine: 9,
    totalLines: 400,
    uri: 'file:///src/a.ts',
  };
  original = appendMessage(original, userMessage('q2', 'And this?', 2000, [context]));
  original = appendMessage(original, startAnswer('a2', 'o3', 2001));
  original = applyAnswerDelta(original, 'a2', 'Partly', 'Thinking about scope');
  original = endAnswer(original, 'a2', {
    status: 'error',
    endedAt: 2002,
    usage: { promptTokens: 10, completionTokens: 2, totalTokens: 12, reasoningTokens: 1 },
    servedModel: 'o3-2025-04-16',
    finishReason: 'length',
    error: { kind: 'streamBroken', message: 'The stream broke.', requestId: 'req_1', status: 502, actions: ['retry'] },
  });
  await store.save(original);
  const { store: reopened } = await openStore();
  assert.deepEqual(await reopened.load('c1'), original);
  assert.equal(await reopened.load('missing'), undefined);
});

test('the history lists every conversation newest first, with title, workspace and message count', async () => {
  const { store } = await openStore();
  await store.save(chat('old', 'First question', 'a', 1000, 'shop'));
  await store.save(chat('new', 'Latest question', 'b', 3000));
  store.scheduleSave(chat('draft', 'Not yet on disk', 'c', 2000));
  const list = await store.list();
  assert.deepEqual(
    list.map((s) => s.id),
    ['new', 'draft', 'old'],
  );
  assert.deepEqual(list[2], { id: 'old', title: 'First question', updatedAt: 1001, workspace: 'shop', messageCount: 2 });
  await store.dispose();
});

test('a window closed mid-answer: the partial answer comes back marked interrupted', async () => {
  const { store } = await openStore();
  let c = appendMessage(createConversation({ id: 'c1', now: 1 }), userMessage('q', 'Tell me a story', 1));
  c = appendMessage(c, startAnswer('a', 'gpt-5-mini', 2));
  c = applyAnswerDelta(c, 'a', 'Once upon a');
  store.scheduleSave(c);
  await store.flush();
  assert.equal(((await store.load('c1'))?.messages[1] as AssistantMessage).status, 'streaming', 'still live in this window');

  const { store: afterCrash } = await openStore();
  const answer = (await afterCrash.load('c1'))?.messages[1] as AssistantMessage;
  assert.equal(answer.status, 'interrupted');
  assert.equal(answer.text, 'Once upon a');
});

test('many scheduled saves within the delay make one write, of the latest version, when the timer fires', async () => {
  const timers = new ManualTimers();
  const counter = countingWriter();
  const { store } = await openStore({ timers, writeFile: counter.writeFile });
  let c = appendMessage(createConversation({ id: 'c1', now: 1 }), userMessage('q', 'Count', 1));
  c = appendMessage(c, startAnswer('a', 'm', 2));
  for (let i = 0; i < 30; i++) {
    c = applyAnswerDelta(c, 'a', `${i} `);
    store.scheduleSave(c);
  }
  assert.equal(timers.started, 1, 'one timer for the whole burst');
  assert.equal(timers.cleared, 0, 'the timer is not restarted by later calls, so a long stream is still saved');
  assert.deepEqual(counter.writes, []);
  assert.deepEqual(await readdir(conversationsDir()), [], 'nothing written before the timer fires');

  timers.fire();
  await store.flush();
  assert.equal(counter.writes.length, 1);
  const { store: reader } = await openStore();
  assert.match((await reader.load('c1'))?.messages[1]?.text ?? '', /^0 1 2 .* 29 $/);

  store.scheduleSave(applyAnswerDelta(c, 'a', 'more'));
  assert.equal(timers.started, 2, 'the stream goes on: the next change starts the next timer');
  await store.dispose();
});

test('an older version never lands after a newer one, even when its write is slower', async () => {
  const delays = [60, 0];
  const writeFile = async (path: string, data: string): Promise<void> => {
    await new Promise((r) => setTimeout(r, delays.shift() ?? 0));
    await writeFileAtomic(path, data);
  };
  const { store } = await openStore({ writeFile });
  await Promise.all([store.save(chat('c1', 'Version 1', 'x', 1)), store.save(chat('c1', 'Version 2', 'x', 2))]);
  const { store: reader } = await openStore();
  assert.equal((await reader.load('c1'))?.title, 'Version 2');
});

test('flush writes pending saves at once, without waiting for the timer', async () => {
  const timers = new ManualTimers();
  const counter = countingWriter();
  const { store } = await openStore({ timers, writeFile: counter.writeFile });
  store.scheduleSave(chat('c1', 'One', 'x', 10));
  store.scheduleSave(chat('c2', 'Two', 'y', 20));
  await store.flush();
  assert.equal(timers.waiting, 0);
  assert.equal(counter.writes.length, 2);
  const { store: reader } = await openStore();
  assert.deepEqual(
    (await reader.list()).map((s) => s.id),
    ['c2', 'c1'],
  );
});

test('a write that crashed before its rename leaves the old version readable, and its temporary file is cleaned up', async () => {
  const { store } = await openStore();
  await store.save(chat('c1', 'Kept question', 'kept answer', 100));
  // What a crash between the temporary write and the rename leaves behind: a half-written temporary file.
  const leftover = join(conversationsDir(), '.c1.json.4242-deadbeef.tmp');
  await writeFile(leftover, serializeConversation(chat('c1', 'Newer question', 'newer answer', 200)).slice(0, 60));
  const { store: afterCrash, problems } = await openStore();
  assert.equal((await afterCrash.load('c1'))?.title, 'Kept question');
  assert.deepEqual(
    (await afterCrash.list()).map((s) => s.title),
    ['Kept question'],
  );
  assert.deepEqual(problems, [], 'the half file is not mistaken for a damaged conversation');

  const longAgo = new Date(Date.now() - 3_600_000);
  await utimes(leftover, longAgo, longAgo);
  await openStore();
  assert.deepEqual(await readdir(conversationsDir()), ['c1.json']);
});

test('a damaged file is moved aside with a clear message, and the other conversations are still listed', async () => {
  const { store } = await openStore();
  await store.save(chat('good', 'Still here', 'yes', 100));
  const brokenJson = '{"format":"cometapi-chat/conversation","version":1,"conversation":{"id":"bad1","ti';
  await writeFile(join(conversationsDir(), 'bad1.json'), brokenJson);
  const wrongShape = JSON.parse(serializeConversation(chat('bad2', 'Q', 'A', 5))) as { conversation: { messages: Array<Record<string, unknown>> } };
  // An unknown status would load degraded; a message whose text is not text is not a conversation.
  wrongShape.conversation.messages[1] = { ...wrongShape.conversation.messages[1], text: 42 };
  await writeFile(join(conversationsDir(), 'bad2.json'), JSON.stringify(wrongShape));
  await writeFile(join(conversationsDir(), 'bad3.json'), serializeConversation(chat('good', 'Copied by hand', 'x', 1)));

  const { store: reader, problems } = await openStore({ now: () => Date.UTC(2025, 0, 2, 3, 4, 5) });
  assert.deepEqual(
    (await reader.list()).map((s) => s.id),
    ['good'],
  );
  assert.equal(problems.length, 3);
  const byPath = new Map(problems.map((p) => [p.path, p]));
  const bad1 = byPath.get(join(conversationsDir(), 'bad1.json'));
  assert.equal(bad1?.kind, 'corrupt');
  assert.equal(bad1?.movedTo, join(conversationsDir(), 'bad1.corrupt-2025-01-02T03-04-05-000Z.json'));
  assert.match(bad1?.message ?? '', /damaged \(it is not valid JSON .*\)\. It was moved aside to .*bad1\.corrupt-.*\.json, so nothing in it is lost/);
  assert.match(byPath.get(join(conversationsDir(), 'bad2.json'))?.message ?? '', /messages\[1\]\.text is not text/);
  assert.match(byPath.get(join(conversationsDir(), 'bad3.json'))?.message ?? '', /holds conversation "good", not "bad3"/);
  assert.equal(await readFile(bad1?.movedTo ?? '', 'utf8'), brokenJson, 'the damaged content is kept, byte for byte');

  assert.deepEqual(
    (await reader.list()).map((s) => s.id),
    ['good'],
  );
  assert.equal(problems.length, 3, 'listing again reports nothing new');
});

test('a file written by a newer version is left untouched and reported once', async () => {
  const newer = JSON.stringify({ format: 'cometapi-chat/conversation', version: 99, conversation: { id: 'future' } });
  const { store, problems } = await openStore();
  await writeFile(join(conversationsDir(), 'future.json'), newer);
  assert.deepEqual(await store.list(), []);
  await store.list();
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.kind, 'newerVersion');
  assert.equal(await readFile(join(conversationsDir(), 'future.json'), 'utf8'), newer);
});

test('two windows saving different conversations at the same time lose none of them', async () => {
  const { store: windowA } = await openStore();
  const { store: windowB } = await openStore();
  const saves: Promise<void>[] = [];
  for (let i = 0; i < 20; i++) {
    saves.push(windowA.save(chat(`a${i}`, `A question ${i}`, 'x', 1000 + i)));
    saves.push(windowB.save(chat(`b${i}`, `B question ${i}`, 'y', 2000 + i)));
  }
  await Promise.all(saves);
  for (const store of [windowA, windowB, (await openStore()).store]) {
    assert.equal((await store.list()).length, 40);
  }
});

test('two processes (two VS Code windows) streaming into their own conversations lose none of them', async () => {
  const moduleUrl = pathToFileURL(join(repoRoot, 'src/core/storage/conversationStore.ts')).href;
  const window = (name: string): Promise<number | null> => {
    const script = `
      const loaded = await import(${JSON.stringify(moduleUrl)});
      const { ConversationStore } = loaded.ConversationStore ? loaded : loaded.default;
      const store = await ConversationStore.open(${JSON.stringify(root)}, { saveDelayMs: 5 });
      for (let i = 0; i < 25; i++) {
        const id = '${name}' + i;
        const conversation = { id, title: id, createdAt: i, updatedAt: i, messages: [] };
        for (let tick = 0; tick < 4; tick++) {
          store.scheduleSave({ ...conversation, updatedAt: i + tick });
          await new Promise((r) => setTimeout(r, 2));
        }
      }
      await store.dispose();`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    return new Promise((done) => child.on('exit', done));
  };
  assert.deepEqual(await Promise.all([window('left'), window('right')]), [0, 0]);
  const { store, problems } = await openStore();
  const ids = (await store.list()).map((s) => s.id);
  assert.equal(ids.length, 50);
  assert.ok(ids.includes('left24') && ids.includes('right0'));
  assert.deepEqual(problems, []);
});

test('two windows saving the same conversation: the last save wins, whole', async () => {
  const { store: windowA } = await openStore();
  const { store: windowB } = await openStore();
  await windowA.save(chat('shared', 'From A', 'a', 10));
  await windowB.save(chat('shared', 'From B', 'b', 20));
  assert.equal((await windowA.load('shared'))?.title, 'From B');
  assert.deepEqual(
    (await windowA.list()).map((s) => s.title),
    ['From B'],
    'the cached summary follows the other window',
  );
});

test('delete removes the conversation; restore (Undo) brings it back as it was', async () => {
  const { store } = await openStore();
  const c = chat('c1', 'To delete', 'bye', 100);
  await store.save(c);
  await store.save(chat('c2', 'To keep', 'hi', 50));
  const deleted = await store.delete('c1');
  assert.deepEqual(deleted?.conversation, c);
  assert.deepEqual(
    (await store.list()).map((s) => s.id),
    ['c2'],
  );
  assert.deepEqual(await readdir(conversationsDir()), ['c2.json']);
  assert.equal(await store.delete('c1'), undefined, 'deleting twice finds nothing');

  await store.restore(deleted?.conversation ?? c);
  const { store: reopened } = await openStore();
  assert.deepEqual(await reopened.load('c1'), c);
});

test('deleting a conversation with a save still scheduled does not bring it back later', async () => {
  const timers = new ManualTimers();
  const { store } = await openStore({ timers });
  await store.save(chat('c1', 'Saved', 'x', 1));
  store.scheduleSave(chat('c1', 'Edited, not yet written', 'x', 2));
  const deleted = await store.delete('c1');
  assert.equal(deleted?.conversation.title, 'Edited, not yet written', 'Undo restores the newest version');
  timers.fire();
  await store.flush();
  assert.deepEqual(await store.list(), []);
});

test('rename is saved and survives a reload; a blank name is ignored', async () => {
  const { store } = await openStore({ now: () => 5000 });
  await store.save(chat('c1', 'Original title', 'x', 100));
  const renamed = await store.rename('c1', '  Closures   explained ');
  assert.equal(renamed?.title, 'Closures explained');
  assert.equal((await store.rename('c1', '   '))?.title, 'Closures explained');
  assert.equal(await store.rename('nope', 'x'), undefined);
  const { store: reopened } = await openStore();
  assert.deepEqual(
    (await reopened.list()).map((s) => [s.title, s.updatedAt]),
    [['Closures explained', 5000]],
  );
});

test('search finds text in titles and messages, ignoring case, with a snippet around the match', async () => {
  const { store } = await openStore();
  await store.save(chat('c1', 'How do I debounce input?', 'Wrap the handler so it runs after the user stops typing for 300 ms.', 100));
  await store.save(chat('c2', 'Docker networking', 'Use a bridge network.', 200));
  store.scheduleSave({ ...chat('c3', 'Unsaved draft', 'n/a', 300), title: 'Renamed: about TYPING speed' });
  const hits = await store.search('typing');
  assert.deepEqual(
    hits.map((h) => h.id),
    ['c3', 'c1'],
  );
  assert.equal(hits[1]?.snippet, '…handler so it runs after the user stops typing for 300 ms.', 'cut on a word boundary');
  assert.equal(hits[0]?.snippet, '', 'only the title of c3 matched');
  assert.deepEqual(
    (await store.search('BRIDGE')).map((h) => h.id),
    ['c2'],
  );
  assert.deepEqual(await store.search('kubernetes'), []);
  assert.equal((await store.search('  ')).length, 3, 'a blank search lists everything');
  await store.dispose();
});

test('search shows a short snippet from a long message', async () => {
  const { store } = await openStore();
  const long = `${'lorem ipsum '.repeat(50)}the NEEDLE is here ${'dolor sit '.repeat(50)}`;
  await store.save(chat('c1', 'Long one', long, 1));
  const [hit] = await store.search('needle');
  assert.ok(hit);
  assert.match(hit.snippet, /^….{30,45}the NEEDLE is here.{60,85}…$/u);
});

test('the last active conversation is remembered across reloads and forgotten when it is deleted', async () => {
  const { store } = await openStore();
  await store.save(chat('c1', 'Q', 'A', 1));
  await store.setLastActiveId('c1');
  assert.equal((await openStore()).store.lastActiveId, 'c1');
  await store.delete('c1');
  assert.equal((await openStore()).store.lastActiveId, undefined);
});

test('a damaged state file is moved aside and reported, not silently overwritten', async () => {
  await writeFile(join(root, 'state.json'), '{"lastActiveId": ');
  const { store, problems } = await openStore();
  assert.equal(store.lastActiveId, undefined);
  assert.equal(problems[0]?.kind, 'corrupt');
  assert.ok((await readdir(root)).some((name) => /^state\.corrupt-.*\.json$/.test(name)));
});

test('a scheduled save that fails is reported once; a direct save rejects with the reason', async () => {
  const timers = new ManualTimers();
  const writeFile = async (): Promise<void> => {
    throw new Error('Could not save: the disk is full (ENOSPC)');
  };
  const { store, problems } = await openStore({ timers, writeFile });
  for (let round = 0; round < 3; round++) {
    store.scheduleSave(chat('c1', 'Q', `A${round}`, round));
    timers.fire();
    await store.flush();
    await new Promise((r) => setImmediate(r));
  }
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.kind, 'saveFailed');
  assert.match(problems[0]?.message ?? '', /disk is full/);
  await assert.rejects(store.save(chat('c1', 'Q', 'A', 9)), /disk is full/);
});

test('ids that could escape the folder are refused', async () => {
  const { store } = await openStore();
  assert.equal(await store.load('../../etc/passwd'), undefined);
  assert.equal(await store.delete('../state'), undefined);
  await assert.rejects(store.save({ ...chat('x', 'Q', 'A', 1), id: '../evil' }), /cannot name a file/);
});
