// Stored images no conversation names any more are removed, and only those: checked on a real conversation
// store and image folder on disk, with file times set as a week-old attachment would have them.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { ConversationStore } from '../../src/core/storage/conversationStore';
import { FileImageStore, imageFileName } from '../../src/core/storage/imageStore';
import { IMAGE_GRACE_MS, imagesInUse, sweepImages } from '../../src/core/storage/imageSweep';
import type { Conversation, ImageRef } from '../../src/shared/conversation';
import { makePng } from '../support/pngFixture';

let root: string;
let store: ConversationStore;
let images: FileImageStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cometapi-sweep-'));
  store = await ConversationStore.open(root, { saveDelayMs: 0 });
  images = new FileImageStore(root);
});

afterEach(async () => {
  await store.dispose();
  await rm(root, { recursive: true, force: true });
});

async function stored(seed: number, ageMs: number): Promise<ImageRef> {
  const bytes = makePng(8, 8, seed);
  const sha256 = await images.put(bytes, 'image/png');
  const ref: ImageRef = { sha256, mimeType: 'image/png', bytes: bytes.length, width: 8, height: 8, name: `p${seed}.png`, thumbnail: '' };
  const when = new Date(Date.now() - ageMs);
  await utimes(join(images.folder, imageFileName(ref)), when, when);
  return ref;
}

function chat(id: string, sent: readonly ImageRef[], drafted: readonly ImageRef[] = []): Conversation {
  return {
    id,
    title: id,
    createdAt: 1,
    updatedAt: 2,
    messages: sent.length > 0 ? [{ id: `${id}-q`, role: 'user', text: 'look', createdAt: 1, images: [...sent] }] : [],
    ...(drafted.length > 0 ? { draft: { text: '', contexts: [], images: drafted.map((image, index) => ({ id: `d${index}`, image })) } } : {}),
  };
}

const onDisk = async (): Promise<string[]> => (await readdir(images.folder)).sort();

test('an old image no conversation names is removed; images in questions and drafts, and young ones, stay', async () => {
  const week = IMAGE_GRACE_MS;
  const inQuestion = await stored(1, 2 * week);
  const inDraft = await stored(2, 2 * week);
  const orphanOld = await stored(3, 2 * week);
  const orphanYoung = await stored(4, 60_000);
  await store.save(chat('a', [inQuestion]));
  await store.save(chat('b', [], [inDraft]));
  await writeFile(join(images.folder, 'notes.txt'), 'not an image of ours');

  const inUse = await imagesInUse(store);
  assert.ok(inUse);
  const result = await sweepImages(images.folder, inUse, Date.now());
  assert.equal(result.removed, 1);
  assert.deepEqual(await onDisk(), [imageFileName(inQuestion), imageFileName(inDraft), imageFileName(orphanYoung), 'notes.txt'].sort());
  assert.ok(!(await onDisk()).includes(imageFileName(orphanOld)));
  assert.equal(await images.readBase64(inQuestion).then(() => 'read'), 'read', 'what is in use still reads back');
});

test('a deleted chat lets its pictures go once the grace period has passed, not before', async () => {
  const picture = await stored(5, 0);
  await store.save(chat('gone', [picture]));
  await store.delete('gone');
  const inUse = await imagesInUse(store);
  assert.ok(inUse);
  assert.equal((await sweepImages(images.folder, inUse, Date.now())).removed, 0, 'within the grace period (Undo, other windows)');
  assert.equal((await sweepImages(images.folder, inUse, Date.now() + IMAGE_GRACE_MS + 1000)).removed, 1);
  assert.deepEqual(await onDisk(), []);
});

test('when a conversation cannot be read, nothing is removed', async () => {
  await stored(6, 2 * IMAGE_GRACE_MS);
  const source = { list: () => Promise.resolve([{ id: 'unreadable' }]), load: () => Promise.resolve(undefined) };
  assert.equal(await imagesInUse(source), undefined);
});
