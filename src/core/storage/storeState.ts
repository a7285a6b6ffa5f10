// state.json beside the conversations: small facts about the store as a whole (which conversation was open
// last). Like every file on disk it is checked before it is believed.
import { conversationIdSchema } from '../../shared/conversation';
import { type Infer, object, optional, parse } from '../../shared/schema';
import { readJsonFile } from './atomicFile';

/**
 * state.json. Read leniently: fields this version does not know are ignored, and a lastActiveId that is not a
 * conversation id is dropped (the window then opens a new chat) rather than making the file damaged.
 */
export const storeStateSchema = object({
  /** The conversation the last window had open. */
  lastActiveId: optional(conversationIdSchema, { dropInvalid: true }),
});
export type StoreState = Infer<typeof storeStateSchema>;

export type StoreStateRead =
  | { readonly kind: 'ok'; readonly lastActiveId: string | undefined }
  /** The file exists but is not a state object; `reason` is a short plain explanation. */
  | { readonly kind: 'damaged'; readonly reason: string };

/** Reads the state file; a missing file is an empty state. I/O failures throw StorageFileError. */
export async function readStoreState(path: string): Promise<StoreStateRead> {
  const read = await readJsonFile(path);
  if (read.kind === 'missing') {
    return { kind: 'ok', lastActiveId: undefined };
  }
  if (read.kind === 'corrupt') {
    return { kind: 'damaged', reason: read.reason };
  }
  const parsed = parse(storeStateSchema, read.value, 'lenient', 'the state');
  if (!parsed.ok) {
    return { kind: 'damaged', reason: parsed.reason };
  }
  return { kind: 'ok', lastActiveId: parsed.value.lastActiveId };
}

export function serializeStoreState(lastActiveId: string | undefined): string {
  const state: StoreState = lastActiveId ? { lastActiveId } : {};
  return JSON.stringify(state);
}
