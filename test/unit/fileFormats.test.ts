// The small file formats beside the conversations, each defined once as a schema: state.json, the records of a
// conversation's change log and the model list kept in globalState. Each survives its own round trip, and a
// value this version does not know (written by a newer one, or edited by hand) loads degraded instead of
// making the whole file or list unusable.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationState, applyRecord, decodeRecords, encodeRecords, type LogRecord } from '../../src/core/storage/conversationLog';
import { readStoreState, serializeStoreState } from '../../src/core/storage/storeState';
import { ConversationStore } from '../../src/core/storage/conversationStore';
import { createConversation } from '../../src/core/conversation/conversationOps';
import { type ModelCache, restoreIdList, restoreModelCache } from '../../src/core/models/modelCache';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cometapi-formats-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

test('state.json: what is written reads back the same, and no conversation open is an empty state', async () => {
  const path = join(root, 'state.json');
  await writeFile(path, serializeStoreState('c-1'));
  assert.deepEqual(await readStoreState(path), { kind: 'ok', lastActiveId: 'c-1' });
  await writeFile(path, serializeStoreState(undefined));
  assert.deepEqual(await readStoreState(path), { kind: 'ok', lastActiveId: undefined });
});

test('state.json: an id that cannot be a conversation is dropped and the window opens a new chat; fields of a newer version are ignored', async () => {
  await writeFile(join(root, 'state.json'), JSON.stringify({ lastActiveId: '../../etc/passwd', openPanels: ['history'] }));
  const problems: unknown[] = [];
  const store = await ConversationStore.open(root, { onProblem: (problem) => problems.push(problem) });
  try {
    assert.equal(store.lastActiveId, undefined);
    assert.deepEqual(problems, [], 'nothing to report: the rest of the file was fine');
    assert.ok((await readdir(root)).includes('state.json'), 'the file was not moved aside');
  } finally {
    await store.dispose();
  }
  await writeFile(join(root, 'state.json'), JSON.stringify({ lastActiveId: 'c-2', openPanels: ['history'] }));
  assert.deepEqual(await readStoreState(join(root, 'state.json')), { kind: 'ok', lastActiveId: 'c-2' });
});

test('state.json: a file that is not a state object is damaged, and says where', async () => {
  await writeFile(join(root, 'state.json'), '["c-1"]');
  const read = await readStoreState(join(root, 'state.json'));
  assert.equal(read.kind, 'damaged');
  assert.match(read.kind === 'damaged' ? read.reason : '', /not an object/);
});

const question = { id: 'q1', role: 'user', text: 'Why?', createdAt: 5 } as const;
const answer = { id: 'a1', role: 'assistant', text: 'Because', model: 'gpt-5-mini', status: 'done', createdAt: 6 } as const;

test('log records: every kind survives encoding and decoding unchanged', () => {
  const records: LogRecord[] = [
    { t: 'set', w: 'w1', f: { title: 'Renamed', updatedAt: 9 }, u: ['workspace'] },
    { t: 'put', w: 'w1', m: question },
    { t: 'put', w: 'w1', m: answer },
    { t: 'app', w: 'w1', id: 'a1', at: 7, s: ', that is why', rat: 0, r: 'thinking' },
    { t: 'del', w: 'w1', id: 'q1' },
  ];
  assert.deepEqual(decodeRecords(encodeRecords(records)), { records, unknown: 0 });
});

test('log records: a record of a kind this version does not know is counted and skipped; a torn line is only skipped', () => {
  const text = encodeRecords([{ t: 'put', w: 'w1', m: question }]) + '\n{"t":"pin","w":"w2","id":"q1"}\n' + '\n{"t":"put","w":"w1","m":{"id":"q2"\n';
  const decoded = decodeRecords(text);
  assert.deepEqual(decoded.records, [{ t: 'put', w: 'w1', m: question }]);
  assert.equal(decoded.unknown, 1);
});

test('log records: an answer with a status a newer version wrote loads as interrupted, with its text', () => {
  const line = JSON.stringify({ t: 'put', w: 'w2', m: { ...answer, status: 'paused-for-tool', toolCalls: [] } });
  const decoded = decodeRecords(`\n${line}\n`);
  assert.equal(decoded.unknown, 0);
  const state = ConversationState.from(createConversation({ id: 'c1', now: 1 }));
  assert.deepEqual(applyRecord(state, decoded.records[0] as LogRecord), { kind: 'added', id: 'a1' });
  assert.deepEqual(state.get('a1'), { ...answer, status: 'interrupted' });
});

test('log records: a header change that would leave the conversation without a title is not applied', () => {
  const state = ConversationState.from(createConversation({ id: 'c1', now: 1 }));
  const [record] = decodeRecords(encodeRecords([{ t: 'set', w: 'w2', f: {}, u: ['title'] }])).records;
  assert.deepEqual(applyRecord(state, record as LogRecord), { kind: 'none' });
  assert.equal(state.toConversation().title, createConversation({ id: 'c1', now: 1 }).title);
});

test('log records: a field another version added to the header is ignored, the rest of the record applies', () => {
  const state = ConversationState.from(createConversation({ id: 'c1', now: 1 }));
  const [record] = decodeRecords(`\n${JSON.stringify({ t: 'set', w: 'w2', f: { title: 'New title', pinned: true } })}\n`).records;
  assert.deepEqual(applyRecord(state, record as LogRecord), { kind: 'fields' });
  assert.equal(state.toConversation().title, 'New title');
  assert.equal('pinned' in state.toConversation(), false);
});

test('model cache: a list written by a newer version keeps every model it can place, without the fields it does not know', () => {
  const stored = {
    fetchedAt: 1000,
    baseUrl: 'https://api.cometapi.com/v1',
    models: [
      { id: 'gpt-5', provider: 'OpenAI', contextWindow: 400000, price: { inputPerMillion: 1.25, cachedPerMillion: 0.1 } },
      { id: 'kimi-k2', provider: 'Moonshot', ownedBy: 42 },
    ],
    catalogueSource: 'public',
    etag: 'W/"1"',
  };
  const expected: ModelCache = {
    fetchedAt: 1000,
    baseUrl: 'https://api.cometapi.com/v1',
    models: [
      { id: 'gpt-5', provider: 'OpenAI', price: { inputPerMillion: 1.25 } },
      { id: 'kimi-k2', provider: 'Moonshot' },
    ],
    catalogueSource: 'public',
  };
  assert.deepEqual(restoreModelCache(stored), expected);
  assert.deepEqual(restoreModelCache(JSON.parse(JSON.stringify(expected))), expected);
});

test('model cache: recent and favourite ids keep their order without blanks or repeats', () => {
  assert.deepEqual(restoreIdList(['b', '  ', 'a', 'b', { id: 'c' }]), ['b', 'a']);
});
