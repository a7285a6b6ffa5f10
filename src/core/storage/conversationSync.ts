// One conversation as this window knows it on disk, kept up to date cheaply: the snapshot's fingerprint tells
// whether another window rewrote it, and the log is read only from where this window stopped reading.
// A save (always under the conversation's lock) first catches up with what other windows appended, then
// appends only this window's changes; what the others added is merged in by message id and reported.
import { join } from 'node:path';
import type { Conversation } from '../../shared/conversation';
import { planSave, sameValue } from './conversationDiff';
import { fileFingerprint, readConversationFile, type ConversationFileRead } from './conversationFileReader';
import { ConversationState, applyRecord, decodeRecords, encodeRecords, type LogRecord } from './conversationLog';
import { appendLog, logName, newLogName, readLog, removeLogs, serializeSnapshot, snapshotName } from './logFiles';
import { t } from '../../shared/l10n';

/** What other windows changed in a conversation since this window last looked. */
export interface OutsideChanges {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly merged?: { readonly changes: OutsideChanges; readonly conversation: Conversation } }
  /** Both windows changed the same messages: this window's version was saved, the other one as `fork`. */
  | { readonly kind: 'forked'; readonly fork: Conversation };

export interface SyncContext {
  readonly folder: string;
  /** Identifies this window's records in a log (records of its own are already applied). */
  readonly writer: string;
  readonly writeFile: (path: string, data: string) => Promise<void>;
  readonly newId: () => string;
  /** A snapshot that cannot be used (damaged, newer, unreadable): the store reports it. */
  readonly onUnusable: (id: string, read: Exclude<ConversationFileRead, { kind: 'ok' | 'missing' }>) => Promise<void>;
}

/** Logs are compacted into a new snapshot when they outgrow the snapshot this many times over... */
const COMPACT_FACTOR = 1;
/** ...and this size, so small conversations are not rewritten every few saves. */
const COMPACT_MIN_BYTES = 256 * 1024;

/** Reads the snapshot and replays its log: the conversation as every window wrote it. */
export async function readWhole(
  context: SyncContext,
  id: string,
): Promise<
  | {
      readonly kind: 'ok';
      readonly state: ConversationState;
      readonly log: string | undefined;
      readonly fingerprint: string | undefined;
      readonly offset: number;
      readonly snapshotBytes: number;
      readonly ignored: number;
    }
  | Exclude<ConversationFileRead, { kind: 'ok' }>
> {
  const path = join(context.folder, snapshotName(id));
  let read = await readConversationFile(path, id);
  // A log that is missing was either never written to (a fresh snapshot) or folded into a newer snapshot by
  // another window just now; in that case the snapshot has changed too: read the newer one instead.
  for (let attempt = 0; attempt < 3 && read.kind === 'ok' && read.log && !(await exists(join(context.folder, logName(id, read.log)))); attempt++) {
    if ((await fileFingerprint(path)) === read.fingerprint) {
      break;
    }
    read = await readConversationFile(path, id);
  }
  if (read.kind !== 'ok') {
    return read;
  }
  const state = ConversationState.from(read.conversation);
  const snapshotBytes = Number(read.fingerprint?.split(':')[2] ?? 0);
  if (!read.log) {
    return { kind: 'ok', state, log: undefined, fingerprint: read.fingerprint, offset: 0, snapshotBytes, ignored: 0 };
  }
  const chunk = await readLog(join(context.folder, logName(id, read.log)), 0);
  const decoded = decodeRecords(chunk?.text ?? '');
  let ignored = decoded.unknown;
  for (const record of decoded.records) {
    if (applyRecord(state, record).kind === 'none') {
      ignored++;
    }
  }
  return { kind: 'ok', state, log: read.log, fingerprint: read.fingerprint, offset: chunk?.end ?? 0, snapshotBytes, ignored };
}

async function exists(path: string): Promise<boolean> {
  return (await fileFingerprint(path)) !== undefined;
}

export class ConversationSync {
  /** The conversation on disk as of the last catch-up; undefined while there is no usable snapshot. */
  private state: ConversationState | undefined;
  private log: string | undefined;
  private fingerprint: string | undefined;
  private offset = 0;
  private snapshotBytes = 0;
  /** The version this window saved or opened last: what its next save is compared with. */
  private base: Conversation | undefined;
  /** Changes by other windows not yet reported. */
  private news = { added: new Set<string>(), changed: new Set<string>(), removed: new Set<string>() };

  constructor(
    private readonly context: SyncContext,
    readonly id: string,
  ) {}

  /** Reads the conversation from disk and makes it the base of this window's next save. */
  async open(): Promise<Conversation | undefined> {
    const whole = await readWhole(this.context, this.id);
    if (whole.kind !== 'ok') {
      if (whole.kind !== 'missing') {
        await this.context.onUnusable(this.id, whole);
      }
      this.forget();
      return undefined;
    }
    this.take(whole);
    this.base = whole.state.toConversation();
    return this.base;
  }

  /**
   * The conversation with everything other windows wrote, which becomes the base of this window's next
   * save: call it only when the chat is about to show it.
   */
  adopt(): Conversation | undefined {
    if (!this.state) {
      return undefined;
    }
    this.base = this.state.toConversation();
    this.clearNews();
    return this.base;
  }

  /** Reads what other windows appended; returns what they changed and the result (nothing is written). */
  async refresh(): Promise<{ readonly changes: OutsideChanges; readonly conversation: Conversation } | undefined> {
    await this.catchUp();
    const changes = this.takeNews();
    return changes && this.state ? { changes, conversation: this.state.toConversation() } : undefined;
  }

  /** Saves `next`. Must run under the conversation's lock (withConversationLock). */
  async save(next: Conversation): Promise<SaveOutcome> {
    await this.catchUp();
    const state = this.state;
    if (!state) {
      await this.rewrite(next);
      this.base = next;
      return { kind: 'saved' };
    }
    const plan = planSave(this.base, next, state, this.context.writer);
    if (plan.conflicts.length > 0) {
      const theirs = state.toConversation();
      const fork = { ...theirs, id: this.context.newId(), title: t('{0} (from another window)', theirs.title) };
      await this.context.writeFile(join(this.context.folder, snapshotName(fork.id)), serializeSnapshot(fork, newLogName()));
      await this.rewrite(next);
      this.base = next;
      this.clearNews();
      return { kind: 'forked', fork };
    }
    if (plan.needsRewrite) {
      // Only a whole new snapshot can hold this order; what other windows added (and this one did not remove)
      // follows it, so nothing of theirs is lost.
      const removed = new Set(plan.records.flatMap((r) => (r.t === 'del' ? [r.id] : [])));
      const ids = new Set(next.messages.map((m) => m.id));
      const theirs = state.messages.filter((m) => !ids.has(m.id) && !removed.has(m.id));
      await this.rewrite(theirs.length > 0 ? { ...next, messages: [...next.messages, ...theirs] } : next);
    } else if (plan.records.length > 0 && !this.log) {
      // Older single-file conversations are moved to the snapshot-and-log layout on their first change.
      await this.rewrite(this.applyMine(state.clone(), plan.records, next).toConversation());
    } else if (plan.records.length > 0 && this.log) {
      const path = join(this.context.folder, logName(this.id, this.log));
      const size = await appendLog(path, encodeRecords(plan.records));
      this.offset = size;
      this.applyMine(state, plan.records, next);
      if (size > Math.max(COMPACT_MIN_BYTES, COMPACT_FACTOR * this.snapshotBytes)) {
        await this.rewrite(state.toConversation());
      }
    }
    this.base = next;
    const changes = this.takeNews();
    return { kind: 'saved', ...(changes && this.state ? { merged: { changes, conversation: this.state.toConversation() } } : {}) };
  }

  /** The conversation file is gone (deleted); the next save starts afresh. */
  forget(): void {
    this.state = undefined;
    this.log = undefined;
    this.fingerprint = undefined;
    this.offset = 0;
  }

  private async catchUp(): Promise<void> {
    const path = join(this.context.folder, snapshotName(this.id));
    for (let attempt = 0; attempt < 3; attempt++) {
      const fingerprint = await fileFingerprint(path);
      if (fingerprint === undefined) {
        return this.forget();
      }
      if (fingerprint !== this.fingerprint || !this.state) {
        const whole = await readWhole(this.context, this.id);
        if (whole.kind === 'missing') {
          continue;
        }
        if (whole.kind !== 'ok') {
          await this.context.onUnusable(this.id, whole);
          return this.forget();
        }
        this.noteDifferences(this.state, whole.state);
        this.take(whole);
        return;
      }
      if (!this.log) {
        return;
      }
      const chunk = await readLog(join(this.context.folder, logName(this.id, this.log)), this.offset);
      if (!chunk) {
        continue;
      } // compacted away by another window: read its new snapshot
      for (const record of decodeRecords(chunk.text).records) {
        if (record.w !== this.context.writer) {
          this.note(applyRecord(this.state, record));
        }
      }
      this.offset = chunk.end;
      return;
    }
  }

  private take(whole: Extract<Awaited<ReturnType<typeof readWhole>>, { kind: 'ok' }>): void {
    this.state = whole.state;
    this.log = whole.log;
    this.fingerprint = whole.fingerprint;
    this.offset = whole.offset;
    this.snapshotBytes = whole.snapshotBytes;
  }

  /** Applies this window's records, keeping its own message objects (so its next save compares by reference). */
  private applyMine(state: ConversationState, records: readonly LogRecord[], next: Conversation): ConversationState {
    const nextById = new Map<string, Conversation['messages'][number]>();
    const find = (id: string): Conversation['messages'][number] | undefined => {
      if (nextById.size === 0) {
        for (const m of next.messages) {
          nextById.set(m.id, m);
        }
      }
      return nextById.get(id);
    };
    for (const record of records) {
      if (record.t === 'put') {
        state.put(record.m);
      } else if (record.t === 'app') {
        const message = find(record.id);
        if (message) {
          state.put(message);
        }
      } else {
        applyRecord(state, record);
      }
    }
    return state;
  }

  /** Writes `conversation` as a new snapshot with a new, empty log; the old log is spent. */
  private async rewrite(conversation: Conversation): Promise<void> {
    const log = newLogName();
    const data = serializeSnapshot(conversation, log);
    const path = join(this.context.folder, snapshotName(this.id));
    await this.context.writeFile(path, data);
    await removeLogs(this.context.folder, this.id, log);
    this.state = ConversationState.from(conversation);
    this.log = log;
    this.fingerprint = await fileFingerprint(path);
    this.offset = 0;
    this.snapshotBytes = data.length;
  }

  private note(applied: ReturnType<typeof applyRecord>): void {
    if (applied.kind === 'added') {
      this.news.added.add(applied.id);
    } else if (applied.kind === 'changed' && !this.news.added.has(applied.id)) {
      this.news.changed.add(applied.id);
    } else if (applied.kind === 'removed') {
      if (!this.news.added.delete(applied.id)) {
        this.news.removed.add(applied.id);
      }
      this.news.changed.delete(applied.id);
    }
  }

  /** After another window rewrote the snapshot: which messages differ from what this window knew. */
  private noteDifferences(before: ConversationState | undefined, after: ConversationState): void {
    if (!before) {
      return;
    }
    for (const message of after.messages) {
      const old = before.get(message.id);
      if (!old) {
        this.note({ kind: 'added', id: message.id });
      } else if (!sameValue(old, message)) {
        this.note({ kind: 'changed', id: message.id });
      }
    }
    for (const message of before.messages) {
      if (!after.has(message.id)) {
        this.note({ kind: 'removed', id: message.id });
      }
    }
  }

  private takeNews(): OutsideChanges | undefined {
    const { added, changed, removed } = this.news;
    if (added.size + changed.size + removed.size === 0) {
      return undefined;
    }
    const changes = { added: added.size, changed: changed.size, removed: removed.size };
    this.clearNews();
    return changes;
  }

  private clearNews(): void {
    this.news = { added: new Set(), changed: new Set(), removed: new Set() };
  }
}
