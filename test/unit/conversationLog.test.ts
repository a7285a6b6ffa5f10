// The snapshot-and-log layout of a conversation on disk: what a save writes, what survives a power cut, and
// that conversations written by the previous version (one whole file each) still load.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssistantMessage, Conversation } from '../../src/shared/conversation';
import { ConversationStore } from '../../src/core/storage/conversationStore';
import { serializeConversation } from '../../src/core/storage/conversationFile';
import { appendMessage, applyAnswerDelta, createConversation, endAnswer, startAnswer, userMessage } from '../../src/core/conversation/conversationOps';

let root: string;
const folder = (): string => join(root, 'conversations');

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cometapi-log-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A conversation of `turns` finished turns, each answer `answerChars` long. */
function longConversation(id: string, turns: number, answerChars: number): Conversation {
  let c = createConversation({ id, now: 1 });
  for (let i = 0; i < turns; i++) {
    c = appendMessage(c, userMessage(`q${i}`, `Question ${i}`, 10 + i));
    c = appendMessage(c, startAnswer(`a${i}`, 'gpt-5-mini', 10 + i));
    c = applyAnswerDelta(c, `a${i}`, `${i} `.padEnd(answerChars, 'lorem ipsum '));
    c = endAnswer(c, `a${i}`, { status: 'done', endedAt: 11 + i });
  }
  return c;
}

async function logFiles(): Promise<string[]> {
  return (await readdir(folder())).filter((name) => name.endsWith('.log'));
}

async function logBytes(): Promise<number> {
  let total = 0;
  for (const name of await logFiles()) {
    total += (await stat(join(folder(), name))).size;
  }
  return total;
}

test('streaming into a long conversation writes only the new text: the 2 MB snapshot is not rewritten', async () => {
  const store = await ConversationStore.open(root);
  let c = longConversation('big', 100, 20_000);
  await store.save(c);
  const snapshot = join(folder(), 'big.json');
  const before = await stat(snapshot);
  assert.ok(before.size > 2_000_000, `the conversation is long (${before.size} bytes)`);

  c = appendMessage(c, userMessage('qn', 'One more question', 500));
  c = appendMessage(c, startAnswer('an', 'gpt-5-mini', 501));
  for (let i = 0; i < 20; i++) {
    c = applyAnswerDelta(c, 'an', `token${i} `);
    await store.save(c);
  }
  const after = await stat(snapshot);
  assert.equal(`${after.ino}:${after.mtimeMs}`, `${before.ino}:${before.mtimeMs}`, 'the snapshot was left alone');
  assert.ok((await logBytes()) < 6_000, `20 saves wrote ${await logBytes()} bytes in all, about what changed`);

  const reloaded = await (await ConversationStore.open(root)).load('big');
  assert.equal(reloaded?.messages.length, 202);
  assert.equal(reloaded?.messages[201]?.text, Array.from({ length: 20 }, (_, i) => `token${i} `).join(''));
  assert.equal((reloaded?.messages[201] as AssistantMessage).status, 'interrupted', 'a window that closed mid-answer: interrupted');
});

test('a record torn by a power cut is ignored; every record before it and every later one are kept', async () => {
  const store = await ConversationStore.open(root);
  let c = appendMessage(appendMessage(createConversation({ id: 'c1', now: 1 }), userMessage('q', 'Tell me', 1)), startAnswer('a', 'm', 2));
  await store.save(c);
  for (const piece of ['One ', 'two ', 'three ']) {
    c = applyAnswerDelta(c, 'a', piece);
    await store.save(c);
  }
  const [log] = await logFiles();
  assert.ok(log);
  // The power went off halfway through the next record.
  await appendFile(join(folder(), log), '\n{"t":"app","w":"crashed-window","id":"a","at":14,"s":"fo');

  const afterCrash = await ConversationStore.open(root);
  assert.equal((await afterCrash.load('c1'))?.messages[1]?.text, 'One two three ');

  // The next window goes on writing after the torn fragment.
  const next = await afterCrash.checkout('c1');
  assert.ok(next);
  await afterCrash.save(appendMessage(next, userMessage('q2', 'And then?', 9)));
  const texts = (await (await ConversationStore.open(root)).load('c1'))?.messages.map((m) => m.text);
  assert.deepEqual(texts, ['Tell me', 'One two three ', 'And then?']);
});

test('every conversation-level field is saved and removed like the title: workspace, draft, timestamps', async () => {
  const store = await ConversationStore.open(root);
  const start = { ...createConversation({ id: 'c1', now: 1, workspace: 'shop' }), draft: { text: 'half a thought', contexts: [] } } as Conversation;
  await store.save(appendMessage(start, userMessage('q', 'First', 2)));
  let c = await store.checkout('c1');
  assert.ok(c);
  const { workspace: _gone, ...withoutWorkspace } = { ...c, title: 'Renamed', updatedAt: 50, draft: { text: 'a longer thought', contexts: [] } };
  c = withoutWorkspace as Conversation;
  await store.save(c);
  const reloaded = await (await ConversationStore.open(root)).load('c1');
  assert.deepEqual(reloaded, c);
  assert.equal((reloaded as { workspace?: string } | undefined)?.workspace, undefined, 'a removed field stays removed');
  assert.equal(JSON.parse(await readFile(join(folder(), 'c1.json'), 'utf8')).conversation.title, 'First', 'the change went to the log, not the snapshot');
});

test('a conversation saved by the previous version (one whole file) loads, and its first change keeps everything', async () => {
  const legacy = longConversation('old1', 3, 100);
  await ConversationStore.open(root);
  await writeFile(join(folder(), 'old1.json'), serializeConversation(legacy));
  const store = await ConversationStore.open(root);
  assert.deepEqual(await store.load('old1'), legacy);
  assert.deepEqual(
    (await store.list()).map((s) => [s.id, s.messageCount]),
    [['old1', 6]],
  );

  const opened = await store.checkout('old1');
  assert.ok(opened);
  const changed = appendMessage(opened, userMessage('q-new', 'A new question', 100));
  await store.save(changed);
  assert.deepEqual(await (await ConversationStore.open(root)).load('old1'), changed);
  assert.equal(typeof JSON.parse(await readFile(join(folder(), 'old1.json'), 'utf8')).log, 'string', 'now a snapshot with a log');
});

test('a log that outgrows its snapshot is folded into a new snapshot; nothing is lost and the old log is gone', async () => {
  const store = await ConversationStore.open(root);
  let c = appendMessage(appendMessage(createConversation({ id: 'c1', now: 1 }), userMessage('q', 'Write a lot', 1)), startAnswer('a', 'm', 2));
  await store.save(c);
  const firstLog = JSON.parse(await readFile(join(folder(), 'c1.json'), 'utf8')).log as string;
  const chunk = 'x'.repeat(20_000);
  for (let i = 0; i < 20; i++) {
    c = applyAnswerDelta(c, 'a', chunk);
    await store.save(c);
  }
  const snapshot = JSON.parse(await readFile(join(folder(), 'c1.json'), 'utf8')) as { log: string; conversation: Conversation };
  assert.notEqual(snapshot.log, firstLog, 'a new snapshot was written');
  assert.ok((snapshot.conversation.messages[1]?.text.length ?? 0) >= 256_000, 'holding the text streamed so far');
  for (const name of await logFiles()) {
    assert.equal(name, `c1.${snapshot.log}.log`, 'only the current log is left; the spent one was removed');
  }
  assert.equal((await (await ConversationStore.open(root)).load('c1'))?.messages[1]?.text, chunk.repeat(20));
});

test('a damaged snapshot is moved aside together with its log, which may hold the newest turns', async () => {
  const store = await ConversationStore.open(root);
  let c = appendMessage(createConversation({ id: 'c1', now: 1 }), userMessage('q', 'First', 1));
  await store.save(c);
  c = appendMessage(c, userMessage('q2', 'Second, only in the log', 2));
  await store.save(c);
  await writeFile(join(folder(), 'c1.json'), '{"log": "broken');
  const problems: string[] = [];
  const reader = await ConversationStore.open(root, { onProblem: (p) => problems.push(p.kind) });
  assert.deepEqual(await reader.list(), []);
  assert.deepEqual(problems, ['corrupt']);
  const names = await readdir(folder());
  assert.equal(names.filter((n) => /^c1\.corrupt-.*\.json$/.test(n)).length, 1);
  const movedLog = names.find((n) => /^c1\.[0-9a-f]{12}\.corrupt-.*\.log$/.test(n));
  assert.ok(movedLog, `the log went aside too: ${names.join(', ')}`);
  assert.match(await readFile(join(folder(), movedLog), 'utf8'), /Second, only in the log/);
});

test('a log that cannot be read does not stop the chat from opening: it is reported and the chat starts empty', async () => {
  const store = await ConversationStore.open(root);
  const c = appendMessage(createConversation({ id: 'c1', now: 1 }), userMessage('q', 'First', 1));
  await store.save(c);
  const { log } = JSON.parse(await readFile(join(folder(), 'c1.json'), 'utf8')) as { log: string };
  await mkdir(join(folder(), `c1.${log}.log`)); // a folder where the log should be: reading it fails (EISDIR)
  const problems: string[] = [];
  const reopened = await ConversationStore.open(root, { onProblem: (p) => problems.push(p.kind) });
  assert.equal(await reopened.checkout('c1'), undefined);
  assert.deepEqual(problems, ['unreadable']);
});
