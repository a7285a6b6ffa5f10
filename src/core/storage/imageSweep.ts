// Images no conversation names any more (its chat deleted, its draft cleared) are removed from the image folder
// (imageStore.ts), so pictures do not pile up on disk forever. Conservative by design: a file is removed only when
// every conversation could be read and none names it, and only once it has not been written for a week (an image
// another window just attached, a chat deleted with Undo still offered, a draft not yet saved are all younger).
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Conversation } from '../../shared/conversation';

/** How long an unnamed image is kept: far longer than any Undo, draft save or other window's pending write. */
export const IMAGE_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/** Image files are `<sha256>.<ext>` (imageStore.ts); anything else in the folder is not ours to remove. */
const IMAGE_FILE = /^([0-9a-f]{64})\.(png|jpg|gif|webp)$/u;

export interface ConversationSource {
  list(): Promise<readonly { readonly id: string }[]>;
  load(id: string): Promise<Conversation | undefined>;
}

/** Every image a conversation names: in its questions and in its unsent draft. */
export function imagesNamedBy(conversation: Conversation): string[] {
  const sent = conversation.messages.flatMap((message) => (message.role === 'user' ? (message.images ?? []).map((image) => image.sha256) : []));
  const drafted = (conversation.draft?.images ?? []).map((entry) => entry.image.sha256);
  return [...sent, ...drafted];
}

/** The images all conversations name, or undefined when one could not be read (then nothing may be removed). */
export async function imagesInUse(source: ConversationSource): Promise<Set<string> | undefined> {
  const used = new Set<string>();
  for (const { id } of await source.list()) {
    const conversation = await source.load(id);
    if (!conversation) {
      return undefined;
    }
    imagesNamedBy(conversation).forEach((sha256) => used.add(sha256));
  }
  return used;
}

export interface SweepResult {
  readonly removed: number;
  readonly bytes: number;
}

/** Removes image files in `folder` that `inUse` does not name and that were last written before the grace period. */
export async function sweepImages(folder: string, inUse: ReadonlySet<string>, now: number, graceMs = IMAGE_GRACE_MS): Promise<SweepResult> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return { removed: 0, bytes: 0 }; // no image was ever stored
  }
  let removed = 0;
  let bytes = 0;
  for (const name of names) {
    const sha256 = IMAGE_FILE.exec(name)?.[1];
    if (sha256 === undefined || inUse.has(sha256)) {
      continue;
    }
    const path = join(folder, name);
    const info = await stat(path).catch(() => undefined);
    // Attaching the same picture again rewrites the file, which makes it young again.
    if (!info?.isFile() || now - info.mtimeMs < graceMs) {
      continue;
    }
    await rm(path, { force: true });
    removed += 1;
    bytes += info.size;
  }
  return { removed, bytes };
}
