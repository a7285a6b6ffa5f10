// Keeps every conversation on disk so none is lost to a reload, a crash or a second window.
//
// Layout under the folder given to open() (the host passes context.globalStorageUri.fsPath):
//   conversations/<id>.json                     snapshot of one conversation (see conversationFile.ts, logFiles.ts)
//   conversations/<id>.<name>.log               changes since that snapshot, appended (see conversationLog.ts)
//   conversations/<id>.corrupt-<time>.json      a damaged file, moved aside and reported, never deleted
//   state.json                                  { lastActiveId }
//
// A save appends only what changed, so its cost does not grow with the conversation; the log is folded into
// a new snapshot once it outgrows the snapshot. Two windows (two processes) share the folder: a save takes
// the conversation's lock, reads what the other window appended since, and appends its own changes, so
// both windows' turns are kept (merged by message id). What the other window added is reported through
// onExternalChange; if both changed the same message, this window's version is saved and the other one
// becomes a separate conversation (a fork), also reported. lastActiveId is last writer wins.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Conversation } from '../../shared/conversation';
import type { ConversationSummary } from '../../shared/protocol';
import { markInterrupted, renameConversation, summarize } from '../conversation/conversationOps';
import { matchConversation, queryMatcher } from '../conversation/conversationSearch';
import { StorageFileError, cleanStaleTempFiles, codeOf, describeFileError, removeFileIfPresent, writeFileAtomic } from './atomicFile';
import { isValidConversationId } from './conversationFile';
import type { ConversationFileRead } from './conversationFileReader';
import { SummaryCache, forEachLimited, newestFirst } from './summaryCache';
import { ConversationSync, readWhole, type SyncContext } from './conversationSync';
import { listConversationFiles, removeLogs, snapshotName, withConversationLock } from './logFiles';
import { StoreProblems, probeWritable } from './storeProblems';
import { readStoreState, serializeStoreState } from './storeState';
import { WriteQueue, realTimers } from './writeQueue';
import { t } from '../../shared/l10n';

export type { StoreProblem } from './storeProblems';

import type { ConversationStoreOptions, DeletedConversation, ExternalChange, SearchHit } from './storeTypes';
export type { ConversationStoreOptions, DeletedConversation, ExternalChange, SearchHit } from './storeTypes';

const DEFAULT_SAVE_DELAY_MS = 500;
/** Temporary files older than this are leftovers of a crashed write, not a write in progress. */
const STALE_TEMP_MS = 10 * 60_000;
/** Files read at once by list() and search(), well under any open-files limit. */
const STATE_FILE = 'state.json';
/** The write-queue key of the state file; no conversation id can take it. */
const STATE_KEY = '\u0000state';

export class ConversationStore {
  private readonly folder: string;
  private readonly now: () => number;
  private readonly writeFile: (path: string, data: string) => Promise<void>;
  private readonly problems: StoreProblems;
  private readonly queue: WriteQueue<Conversation>;
  /** Conversations this window last saved while an answer was streaming: live here, not interrupted. */
  private readonly live = new Map<string, Conversation>();
  private readonly summaries = new SummaryCache();
  /** Conversations this window opened or saved: what it knows of them on disk. */
  private readonly syncs = new Map<string, ConversationSync>();
  private readonly sync: SyncContext;
  private readonly onExternalChange: (change: ExternalChange) => void;
  private lastActive: string | undefined;

  private constructor(
    private readonly root: string,
    options: ConversationStoreOptions,
  ) {
    this.folder = join(root, 'conversations');
    this.now = options.now ?? Date.now;
    this.writeFile = options.writeFile ?? writeFileAtomic;
    this.problems = new StoreProblems(options.onProblem ?? (() => undefined), this.now);
    this.onExternalChange = options.onExternalChange ?? (() => undefined);
    this.sync = {
      folder: this.folder,
      writer: `${process.pid}-${randomBytes(4).toString('hex')}`,
      writeFile: this.writeFile,
      newId: randomUUID,
      onUnusable: (id, read) => this.reportUnusable(id, read),
    };
    this.queue = new WriteQueue<Conversation>(
      (_id, conversation) => this.write(conversation),
      options.timers ?? realTimers,
      options.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS,
      (id, error) => this.problems.saveFailed(id, this.pathOf(id), error),
    );
  }

  /** Opens (creating if needed) the store in `root`, and clears temporary files left by crashed writes. */
  static async open(root: string, options: ConversationStoreOptions = {}): Promise<ConversationStore> {
    const store = new ConversationStore(root, options);
    await mkdir(store.folder, { recursive: true }).catch((error: unknown) => {
      throw new StorageFileError(t('Cannot create the folder {0}: {1}', store.folder, describeFileError(error)), store.folder, codeOf(error), { cause: error });
    });
    await probeWritable(store.folder);
    await cleanStaleTempFiles(store.folder, STALE_TEMP_MS, store.now());
    await cleanStaleTempFiles(root, STALE_TEMP_MS, store.now());
    await store.readState();
    return store;
  }

  /** The conversation shown last (in any window), as of open() or this window's last setLastActiveId(). */
  get lastActiveId(): string | undefined {
    return this.lastActive;
  }

  async setLastActiveId(id: string | undefined): Promise<void> {
    this.lastActive = id;
    await this.queue.run(STATE_KEY, () => this.writeFile(join(this.root, STATE_FILE), serializeStoreState(id)));
  }

  /** Every conversation, newest first (by updatedAt), including this window's unsaved ones. */
  async list(): Promise<ConversationSummary[]> {
    const files = await listConversationFiles(this.folder);
    const ids = [...files.keys()];
    const byId = new Map<string, ConversationSummary>();
    await forEachLimited(ids, async (id) => {
      const summary = await this.summaryFromDisk(id, files.get(id) ?? []);
      if (summary) {
        byId.set(id, summary);
      }
    });
    const onDisk = new Set(ids);
    this.summaries.keepOnly(onDisk);
    for (const conversation of this.queue.scheduledValues()) {
      byId.set(conversation.id, summarize(conversation));
    }
    return newestFirst([...byId.values()]);
  }

  /**
   * The conversation, or undefined if there is none with that id (or its file was damaged: then it has been
   * moved aside and reported). An answer left 'streaming' by a window that closed comes back 'interrupted'.
   */
  async load(id: string): Promise<Conversation | undefined> {
    if (!isValidConversationId(id)) {
      return undefined;
    }
    return this.queue.scheduled(id) ?? this.live.get(id) ?? this.loadFromDisk(id);
  }

  /**
   * Loads the conversation to show it in this window's chat: what is returned becomes the base its next save
   * is compared with, so only what the chat changes from here is written (and merged with other windows).
   * Never throws: an unreadable file is reported through onProblem and undefined returned.
   */
  async checkout(id: string): Promise<Conversation | undefined> {
    if (!isValidConversationId(id)) {
      return undefined;
    }
    const pending = this.queue.scheduled(id);
    if (pending) {
      await this.queue.writeNow(id, pending);
    }
    await this.queue.settled(id);
    const live = this.live.get(id);
    if (live) {
      return live;
    }
    let opened: Conversation | undefined;
    try {
      await this.queue.run(id, async () => {
        opened = await this.syncFor(id).open();
      });
    } catch (error) {
      // Opening the chat (at activation too) must not fail on one unreadable file: it is reported and skipped.
      this.problems.reportOnce({
        kind: 'unreadable',
        path: this.pathOf(id),
        message: t('A saved conversation could not be read and was skipped: {0}', messageOf(error)),
      });
      return undefined;
    }
    return opened && markInterrupted(opened);
  }

  /**
   * After onExternalChange reported a merge: the merged conversation, which the chat shows from now on (its
   * next save is compared with it). Undefined if this window does not have the conversation open.
   */
  adoptMerged(id: string): Conversation | undefined {
    return this.syncs.get(id)?.adopt();
  }

  /** Reads what other windows appended to the conversation; reports it through onExternalChange. Never throws. */
  async refresh(id: string): Promise<void> {
    const sync = this.syncs.get(id);
    if (!sync) {
      return;
    }
    await this.queue
      .run(id, async () => {
        const found = await sync.refresh();
        if (found) {
          this.onExternalChange({ kind: 'merged', id, conversation: found.conversation, ...found.changes });
        }
      })
      .catch(() => undefined);
  }

  /** Writes the conversation now (replacing any pending scheduled write of it). Throws StorageFileError. */
  async save(conversation: Conversation): Promise<void> {
    this.assertSavable(conversation);
    this.noteLive(conversation);
    await this.queue.writeNow(conversation.id, conversation);
  }

  /**
   * Saves within saveDelayMs: the first call starts the timer, later calls only replace the version to write
   * (the timer is not restarted), so a streaming answer is written about twice a second and at most the
   * last half second is lost. Failures go to onProblem. After dispose() it saves at once.
   */
  scheduleSave(conversation: Conversation): void {
    this.assertSavable(conversation);
    this.noteLive(conversation);
    this.queue.schedule(conversation.id, conversation);
  }

  /** Writes every pending scheduled save now and waits for all writes. Rejects with the first failure. */
  async flush(): Promise<void> {
    await this.queue.flush();
  }

  /** Removes the conversation's file. Returns what was removed (for Undo via restore), or undefined if none. */
  async delete(id: string): Promise<DeletedConversation | undefined> {
    if (!isValidConversationId(id)) {
      return undefined;
    }
    const inMemory = this.queue.cancel(id) ?? this.live.get(id);
    this.live.delete(id);
    await this.queue.settled(id);
    const conversation = inMemory ?? (await this.loadFromDisk(id));
    await this.queue.run(id, () =>
      withConversationLock(this.folder, id, async () => {
        await removeFileIfPresent(this.pathOf(id));
        await removeLogs(this.folder, id);
      }),
    );
    this.syncs.get(id)?.forget();
    this.syncs.delete(id);
    this.summaries.delete(id);
    if (this.lastActive === id) {
      await this.setLastActiveId(undefined);
    }
    return conversation ? { conversation } : undefined;
  }

  /** Undo of delete(): writes the conversation back. */
  async restore(conversation: Conversation): Promise<void> {
    await this.save(conversation);
  }

  /**
   * Renames and saves the conversation; returns the renamed one (undefined if unknown). If it is the one open
   * in the chat, the host must continue from the returned object, or its next save restores the old title.
   */
  async rename(id: string, title: string): Promise<Conversation | undefined> {
    const conversation = await this.load(id);
    if (!conversation) {
      return undefined;
    }
    const renamed = renameConversation(conversation, title, this.now());
    if (renamed !== conversation) {
      await this.save(renamed);
    }
    return renamed;
  }

  /** Conversations whose title or message text contains `query` (case-insensitive), newest first. */
  async search(query: string): Promise<SearchHit[]> {
    const matcher = queryMatcher(query);
    if (!matcher) {
      return (await this.list()).map((summary) => ({ ...summary, snippet: '' }));
    }
    const ids = new Set([...(await this.idsOnDisk()), ...this.queue.scheduledValues().map((c) => c.id)]);
    const hits: SearchHit[] = [];
    await forEachLimited([...ids], async (id) => {
      const conversation = await this.load(id);
      const match = conversation && matchConversation(conversation, matcher);
      if (conversation && match) {
        hits.push({ ...summarize(conversation), snippet: match.snippet });
      }
    });
    return newestFirst(hits);
  }

  /** Writes what is pending; later scheduleSave calls write at once. */
  async dispose(): Promise<void> {
    await this.queue.close();
  }

  private pathOf(id: string): string {
    return join(this.folder, snapshotName(id));
  }

  private syncFor(id: string): ConversationSync {
    let sync = this.syncs.get(id);
    if (!sync) {
      sync = new ConversationSync(this.sync, id);
      this.syncs.set(id, sync);
    }
    return sync;
  }

  private assertSavable(conversation: Conversation): void {
    if (!isValidConversationId(conversation.id)) {
      throw new Error(`Conversation id "${conversation.id}" cannot name a file`);
    }
  }

  private noteLive(conversation: Conversation): void {
    const streaming = conversation.messages.some((m) => m.role === 'assistant' && m.status === 'streaming');
    if (streaming) {
      this.live.set(conversation.id, conversation);
    } else {
      this.live.delete(conversation.id);
    }
  }

  private async write(conversation: Conversation): Promise<void> {
    const id = conversation.id;
    this.summaries.delete(id);
    const sync = this.syncFor(id);
    const outcome = await withConversationLock(this.folder, id, () => sync.save(conversation));
    this.problems.saved(id);
    if (outcome.kind === 'forked') {
      this.onExternalChange({ kind: 'forked', id, forkId: outcome.fork.id, forkTitle: outcome.fork.title });
    } else if (outcome.merged) {
      this.onExternalChange({ kind: 'merged', id, conversation: outcome.merged.conversation, ...outcome.merged.changes });
    }
  }

  private async idsOnDisk(): Promise<string[]> {
    return [...(await listConversationFiles(this.folder)).keys()];
  }

  private async summaryFromDisk(id: string, logs: readonly string[]): Promise<ConversationSummary | undefined> {
    const found = await this.summaries.lookup(
      id,
      this.pathOf(id),
      logs.map((name) => join(this.folder, name)),
    );
    if (found.kind !== 'stale') {
      return found.kind === 'fresh' ? found.summary : undefined;
    }
    const { fingerprint } = found;
    const conversation = await this.loadFromDisk(id);
    if (!conversation) {
      return undefined;
    }
    const summary = summarize(conversation);
    this.summaries.remember(id, fingerprint, summary);
    return summary;
  }

  private async loadFromDisk(id: string): Promise<Conversation | undefined> {
    let read: Awaited<ReturnType<typeof readWhole>>;
    try {
      read = await readWhole(this.sync, id);
    } catch (error) {
      read = { kind: 'unreadable', message: messageOf(error) };
    }
    if (read.kind === 'ok') {
      return markInterrupted(read.state.toConversation());
    }
    await this.reportUnusable(id, read);
    return undefined;
  }

  private async reportUnusable(id: string, read: Exclude<ConversationFileRead, { kind: 'ok' }>): Promise<void> {
    if (read.kind === 'damaged') {
      this.summaries.delete(id);
    }
    await this.problems.unusable(this.pathOf(id), read);
  }

  private async readState(): Promise<void> {
    const path = join(this.root, STATE_FILE);
    try {
      const state = await readStoreState(path);
      if (state.kind === 'ok') {
        this.lastActive = state.lastActiveId;
      } else {
        await this.problems.setAside(path, t("The chat's state file (which conversation was open last)"), state.reason);
      }
    } catch (error) {
      this.problems.reportOnce({ kind: 'unreadable', path, message: t("The chat's state file could not be read: {0}", messageOf(error)) });
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
