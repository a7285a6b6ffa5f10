// Two VS Code windows share one global storage folder and may have the same conversation open. These tests
// open two stores on one folder (and, once, two real processes) and check that no turn is lost.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Conversation } from '../../src/shared/conversation';
import { ConversationStore, type ExternalChange } from '../../src/core/storage/conversationStore';
import { appendMessage, applyAnswerDelta, createConversation, endAnswer, startAnswer, userMessage } from '../../src/core/conversation/conversationOps';

const repoRoot = resolve(__dirname, '../..');
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cometapi-windows-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Adds a finished question-and-answer turn, as the chat session does. */
function turn(conversation: Conversation, id: string, question: string, answer: string, at: number): Conversation {
  let c = appendMessage(conversation, userMessage(`${id}-q`, question, at));
  c = appendMessage(c, startAnswer(`${id}-a`, 'gpt-5-mini', at + 1));
  c = applyAnswerDelta(c, `${id}-a`, answer);
  return endAnswer(c, `${id}-a`, { status: 'done', endedAt: at + 2 });
}

async function window(): Promise<{ store: ConversationStore; changes: ExternalChange[] }> {
  const changes: ExternalChange[] = [];
  const store = await ConversationStore.open(root, { onExternalChange: (change) => changes.push(change) });
  return { store, changes };
}

const texts = (conversation: Conversation | undefined): string[] => conversation?.messages.map((m) => m.text) ?? [];

test('window A adds a turn, then window B adds one to the same chat: both turns are kept, and B is told', async () => {
  const first = await window();
  await first.store.save(turn(createConversation({ id: 'c1', now: 1 }), 't0', 'Shared question', 'Shared answer', 1));
  await first.store.setLastActiveId('c1');

  // Both windows reopen the last active conversation.
  const a = await window();
  const b = await window();
  const inA = await a.store.checkout('c1');
  const inB = await b.store.checkout('c1');
  assert.ok(inA && inB);

  await a.store.save(turn(inA, 'ta', 'Question from A', 'Answer in A', 10));
  const savedByB = turn(inB, 'tb', 'Question from B', 'Answer in B', 20);
  await b.store.save(savedByB);

  const reopened = await (await window()).store.load('c1');
  assert.deepEqual(texts(reopened), ['Shared question', 'Shared answer', 'Question from A', 'Answer in A', 'Question from B', 'Answer in B']);
  assert.equal(b.changes.length, 1);
  const change = b.changes[0];
  assert.equal(change?.kind, 'merged');
  assert.equal(change?.kind === 'merged' ? change.added : -1, 2, 'B hears that 2 messages came from another window');
  assert.deepEqual(texts(change?.kind === 'merged' ? change.conversation : undefined), texts(reopened), 'B gets the merged chat to show');
  assert.deepEqual(a.changes, [], 'A saved first: nothing to merge');

  // B shows the merged chat and goes on: nothing is written twice, nothing is lost.
  const shown = b.store.adoptMerged('c1');
  assert.ok(shown);
  await b.store.save(turn(shown, 'tb2', 'Second from B', 'Second answer in B', 30));
  assert.deepEqual(texts(await (await window()).store.load('c1')).slice(-4), ['Question from B', 'Answer in B', 'Second from B', 'Second answer in B']);
  assert.equal((await (await window()).store.load('c1'))?.messages.length, 8);
});

test("a window that has not saved yet sees the other window's turn when it refreshes (on focus)", async () => {
  const first = await window();
  await first.store.save(turn(createConversation({ id: 'c1', now: 1 }), 't0', 'Q0', 'A0', 1));
  const a = await window();
  const b = await window();
  const inA = await a.store.checkout('c1');
  await b.store.checkout('c1');
  assert.ok(inA);
  await a.store.save(turn(inA, 'ta', 'From A', 'Answer A', 10));

  await b.store.refresh('c1');
  assert.equal(b.changes.length, 1);
  const change = b.changes[0];
  assert.deepEqual(change?.kind === 'merged' ? [change.added, texts(change.conversation)] : [], [2, ['Q0', 'A0', 'From A', 'Answer A']]);
  await b.store.refresh('c1');
  assert.equal(b.changes.length, 1, 'nothing new: not reported again');
});

test('a window still streaming into an older copy never deletes the turns another window added', async () => {
  const first = await window();
  await first.store.save(turn(createConversation({ id: 'c1', now: 1 }), 't0', 'Q0', 'A0', 1));
  const a = await window();
  const b = await window();
  const inA = await a.store.checkout('c1');
  let inB = await b.store.checkout('c1');
  assert.ok(inA && inB);
  inB = appendMessage(appendMessage(inB, userMessage('qb', 'B asks', 5)), startAnswer('ab', 'm', 6));
  b.store.scheduleSave(inB);
  await b.store.flush();
  await a.store.save(turn(inA, 'ta', 'A asks', 'A answered', 10));
  for (const piece of ['Once ', 'upon ', 'a time']) {
    inB = applyAnswerDelta(inB, 'ab', piece);
    await b.store.save(inB);
  }
  await b.store.save(endAnswer(inB, 'ab', { status: 'done', endedAt: 20 }));
  // B's question and its empty answer were written before A's turn; the answer's text came later.
  assert.deepEqual(texts(await (await window()).store.load('c1')), ['Q0', 'A0', 'B asks', 'Once upon a time', 'A asks', 'A answered']);
});

test('opening a chat while another window streams into it: the answer shows as interrupted there, and nothing forks', async () => {
  const a = await window();
  let inA = appendMessage(appendMessage(createConversation({ id: 'c1', now: 1 }), userMessage('q', 'Long story please', 1)), startAnswer('ans', 'm', 2));
  inA = applyAnswerDelta(inA, 'ans', 'Once ');
  await a.store.save(inA);

  const b = await window();
  const inB = await b.store.checkout('c1');
  assert.equal((inB?.messages[1] as { status?: string } | undefined)?.status, 'interrupted', 'B cannot know A is still writing it');
  assert.ok(inB);
  inA = applyAnswerDelta(inA, 'ans', 'upon a time');
  await a.store.save(inA);
  await b.store.save(turn(inB, 'tb', 'Meanwhile in B', 'B answer', 10));
  await a.store.save(endAnswer(inA, 'ans', { status: 'done', endedAt: 20 }));

  assert.deepEqual(
    [...a.changes, ...b.changes].map((c) => c.kind),
    ['merged', 'merged'],
    'each window hears of the other, no fork',
  );
  const reader = (await window()).store;
  const final = await reader.load('c1');
  assert.deepEqual(texts(final), ['Long story please', 'Once upon a time', 'Meanwhile in B', 'B answer']);
  assert.equal((final?.messages[1] as { status?: string } | undefined)?.status, 'done');
  assert.equal((await reader.list()).length, 1);
});

test('after a crash mid-answer, Retry removes the interrupted answer without forking the chat', async () => {
  const crashed = await window();
  let c = appendMessage(appendMessage(createConversation({ id: 'c1', now: 1 }), userMessage('q', 'Question', 1)), startAnswer('ans', 'm', 2));
  c = applyAnswerDelta(c, 'ans', 'Half an ans');
  await crashed.store.save(c);

  const next = await window();
  const opened = await next.store.checkout('c1');
  assert.ok(opened);
  const retried = appendMessage({ ...opened, messages: opened.messages.slice(0, 1) }, startAnswer('ans2', 'm', 5));
  await next.store.save(endAnswer(applyAnswerDelta(retried, 'ans2', 'A whole answer'), 'ans2', { status: 'done', endedAt: 6 }));
  assert.deepEqual(next.changes, []);
  const reader = (await window()).store;
  assert.deepEqual(texts(await reader.load('c1')), ['Question', 'A whole answer']);
  assert.equal((await reader.list()).length, 1);
});

test("both windows changed the same message: this window's version is kept and the other one becomes a fork, and both are said", async () => {
  const first = await window();
  let base = turn(createConversation({ id: 'c1', now: 1 }), 't0', 'Q0', 'A0', 1);
  base = appendMessage(base, startAnswer('open', 'm', 5));
  await first.store.save(base);
  const a = await window();
  const b = await window();
  const inA = await a.store.checkout('c1');
  const inB = await b.store.checkout('c1');
  assert.ok(inA && inB);
  const edit = (c: Conversation, text: string): Conversation => ({
    ...c,
    messages: c.messages.map((m) => (m.id === 'open' ? { ...m, text, status: 'stopped' as const } : m)),
  });
  await a.store.save(edit(inA, 'Version written in A'));
  await b.store.save(edit(inB, 'Version written in B'));

  assert.equal(b.changes.length, 1);
  const change = b.changes[0];
  assert.equal(change?.kind, 'forked');
  const reader = (await window()).store;
  assert.equal((await reader.load('c1'))?.messages[2]?.text, 'Version written in B');
  const forkId = change?.kind === 'forked' ? change.forkId : '';
  const fork = await reader.load(forkId);
  assert.equal(fork?.messages[2]?.text, 'Version written in A', "the other window's version is not lost");
  assert.match(change?.kind === 'forked' ? change.forkTitle : '', /Q0 \(from another window\)/);
  assert.deepEqual((await reader.list()).map((s) => s.id).sort(), ['c1', forkId].sort());
});

test('two processes (two windows) adding turns to the same chat at the same time lose none of them', async () => {
  const first = await window();
  await first.store.save(turn(createConversation({ id: 'shared', now: 1 }), 't0', 'Q0', 'A0', 1));
  const moduleUrl = pathToFileURL(join(repoRoot, 'src/core/storage/conversationStore.ts')).href;
  const run = (name: string): Promise<number | null> => {
    const script = `
      const loaded = await import(${JSON.stringify(moduleUrl)});
      const { ConversationStore } = loaded.ConversationStore ? loaded : loaded.default;
      const store = await ConversationStore.open(${JSON.stringify(root)}, { saveDelayMs: 3 });
      let c = await store.checkout('shared');
      for (let i = 0; i < 15; i++) {
        const q = { id: '${name}-q' + i, role: 'user', text: '${name} question ' + i, createdAt: i };
        c = { ...c, messages: [...c.messages, q], updatedAt: i };
        store.scheduleSave(c);
        let a = { id: '${name}-a' + i, role: 'assistant', text: '', model: 'm', status: 'streaming', createdAt: i };
        for (let tick = 0; tick < 4; tick++) {
          a = { ...a, text: a.text + 'x' + tick };
          c = { ...c, messages: c.messages.some((m) => m.id === a.id) ? c.messages.map((m) => (m.id === a.id ? a : m)) : [...c.messages, a] };
          store.scheduleSave(c);
          await new Promise((r) => setTimeout(r, 2));
        }
        c = { ...c, messages: c.messages.map((m) => (m.id === a.id ? { ...a, status: 'done' } : m)) };
        await store.save(c);
      }
      await store.dispose();`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    return new Promise((done) => child.on('exit', done));
  };
  assert.deepEqual(await Promise.all([run('left'), run('right')]), [0, 0]);
  const merged = await (await window()).store.load('shared');
  const ids = merged?.messages.map((m) => m.id) ?? [];
  assert.equal(ids.length, 2 + 2 * 15 * 2, 'every question and answer of both windows');
  for (const name of ['left', 'right']) {
    for (let i = 0; i < 15; i++) {
      const answer = merged?.messages.find((m) => m.id === `${name}-a${i}`);
      assert.equal(answer?.text, 'x0x1x2x3', `${name} answer ${i} complete`);
      assert.ok(ids.indexOf(`${name}-q${i}`) < ids.indexOf(`${name}-a${i}`), 'each answer after its question');
    }
  }
});

test('a save that reorders messages rewrites the snapshot and still keeps the turn another window added', async () => {
  const first = await window();
  await first.store.save(turn(createConversation({ id: 'c1', now: 1 }), 't0', 'Q0', 'A0', 1));
  const a = await window();
  const b = await window();
  const inA = await a.store.checkout('c1');
  const inB = await b.store.checkout('c1');
  assert.ok(inA && inB);
  await b.store.save(turn(inB, 'tb', 'From B', 'Answer B', 10));
  const note = userMessage('note', 'A note put first', 11);
  await a.store.save({ ...inA, messages: [note, ...inA.messages] });
  assert.deepEqual(texts(await (await window()).store.load('c1')), ['A note put first', 'Q0', 'A0', 'From B', 'Answer B']);
});

test('another window folding the log into a new snapshot meanwhile: the merge still finds exactly what it added', async () => {
  const first = await window();
  await first.store.save(turn(createConversation({ id: 'c1', now: 1 }), 't0', 'Q0', 'A0', 1));
  const a = await window();
  const b = await window();
  let inA = await a.store.checkout('c1');
  const inB = await b.store.checkout('c1');
  assert.ok(inA && inB);
  inA = appendMessage(appendMessage(inA, userMessage('qa', 'Long one from A', 5)), startAnswer('aa', 'm', 6));
  for (let i = 0; i < 16; i++) {
    inA = applyAnswerDelta(inA, 'aa', 'y'.repeat(20_000));
    await a.store.save(inA);
  }
  await b.store.save(turn(inB, 'tb', 'From B', 'Answer B', 10));
  assert.deepEqual(
    b.changes.map((c) => (c.kind === 'merged' ? [c.added, c.changed, c.removed] : c.kind)),
    [[2, 0, 0]],
  );
  const final = await (await window()).store.load('c1');
  assert.deepEqual(
    final?.messages.map((m) => m.id),
    ['t0-q', 't0-a', 'qa', 'aa', 'tb-q', 'tb-a'],
  );
  assert.equal(final?.messages[3]?.text.length, 320_000);
});
