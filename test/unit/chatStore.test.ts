// When VS Code's global storage folder cannot be used, the chat still works for the session (in memory) and
// the reason is given once, instead of activation failing (which took every command with it).
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryConversationStore, openChatStore } from '../../src/core/storage/chatStore';
import { ConversationStore } from '../../src/core/storage/conversationStore';
import { appendMessage, createConversation, userMessage } from '../../src/core/conversation/conversationOps';

let scratch: string;

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cometapi-fallback-'));
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const question = (id: string, text: string, at: number) => appendMessage(createConversation({ id, now: at }), userMessage(`${id}-q`, text, at));

test('a storage folder that cannot be created: chats are kept in memory and the reason is given', async () => {
  const blocked = join(scratch, 'globalStorage');
  await writeFile(blocked, 'a file where the folder should be');
  await assert.rejects(ConversationStore.open(blocked), /globalStorage/, 'the disk store refuses, as it did at activation');

  const { store, notSavedBecause } = await openChatStore(blocked);
  assert.ok(store instanceof MemoryConversationStore);
  assert.match(
    notSavedBecause ?? '',
    /^Cannot create the folder .*globalStorage.*: a file is in the way of the folder \(ENOTDIR\)$|^Cannot create the folder .*globalStorage.*\(EEXIST\)/,
  );
  await store.save(question('c1', 'Still works?', 1));
  store.scheduleSave(question('c2', 'Yes', 2));
  await store.setLastActiveId('c2');
  assert.deepEqual(
    (await store.list()).map((s) => s.title),
    ['Yes', 'Still works?'],
  );
  assert.equal((await store.checkout('c1'))?.title, 'Still works?');
  assert.deepEqual(
    (await store.search('works')).map((hit) => hit.id),
    ['c1'],
  );
  assert.equal((await store.rename('c1', 'Renamed'))?.title, 'Renamed');
  assert.equal((await store.delete('c2'))?.conversation.title, 'Yes');
  assert.equal(store.lastActiveId, undefined);
});

test('a storage folder whose conversations folder cannot be made: the same fallback, at once', async () => {
  const root = join(scratch, 'globalStorage');
  await mkdir(root);
  await writeFile(join(root, 'conversations'), '');
  const { store, notSavedBecause } = await openChatStore(root);
  assert.ok(store instanceof MemoryConversationStore);
  assert.ok(notSavedBecause && notSavedBecause.length > 0);
});

test('a usable folder opens the disk store, with no warning', async () => {
  const { store, notSavedBecause } = await openChatStore(scratch);
  assert.ok(store instanceof ConversationStore);
  assert.equal(notSavedBecause, undefined);
});
