// state.json beside the conversations: small facts about the store as a whole (which conversation was open
// last). Like every file on disk it is checked before it is believed.
import { readJsonFile } from './atomicFile';
import { isValidConversationId } from './conversationFile';

export type StoreStateRead =
  | { readonly kind: 'ok'; readonly lastActiveId: string | undefined }
  /** The file exists but is not a state object; `reason` is a short plain explanation. */
  | { readonly kind: 'damaged'; readonly reason: string };

/** Reads the state file; a missing file is an empty state. I/O failures throw StorageFileError. */
export async function readStoreState(path: string): Promise<StoreStateRead> {
  const read = await readJsonFile(path);
  if (read.kind === 'missing') return { kind: 'ok', lastActiveId: undefined };
  if (read.kind === 'corrupt') return { kind: 'damaged', reason: read.reason };
  const state = read.value;
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return { kind: 'damaged', reason: 'it is not a state object' };
  const id = (state as { lastActiveId?: unknown }).lastActiveId;
  if (id !== undefined && (typeof id !== 'string' || !isValidConversationId(id))) {
    return { kind: 'damaged', reason: 'its lastActiveId is not a conversation id' };
  }
  return { kind: 'ok', lastActiveId: id };
}

export function serializeStoreState(lastActiveId: string | undefined): string {
  return JSON.stringify(lastActiveId ? { lastActiveId } : {});
}
