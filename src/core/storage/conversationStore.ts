// Keeps every conversation on disk so none is lost to a reload, a crash or a second window.
//
// Layout under the folder given to open() (the host passes context.globalStorageUri.fsPath):
//   conversations/<id>.json                     one file per conversation (see conversationFile.ts)
//   conversations/<id>.corrupt-<time>.json      a damaged file, moved aside and reported, never deleted
//   state.json                                  { lastActiveId }
//
// Two windows (two processes) share the folder. Each conversation is its own file, replaced atomically
// (atomicFile.ts), so windows never overwrite each other's conversations. If two windows save the SAME
// conversation, the last completed write wins for that conversation, whole (never a mix of both); the other
// window's copy in memory is not merged. lastActiveId works the same way: last writer wins.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Conversation } from '../../shared/conversation';
import type { ConversationSummary } from '../../shared/protocol';
import { markInterrupted, renameConversation, summarize } from '../conversation/conversationOps';
import { matchConversation, queryMatcher } from '../conversation/conversationSearch';
import { cleanStaleTempFiles, codeOf, removeFileIfPresent, writeFileAtomic } from './atomicFile';
import { isValidConversationId, serializeConversation } from './conversationFile';
import { fileFingerprint, moveAside, readConversationFile } from './conversationFileReader';
import { readStoreState, serializeStoreState } from './storeState';
import { type Timers, WriteQueue, realTimers } from './writeQueue';

export interface StoreProblem {
  /** corrupt: moved aside (or could not be). unreadable: skipped, left as is. newerVersion: left as is. saveFailed: a debounced save failed. */
  readonly kind: 'corrupt' | 'unreadable' | 'newerVersion' | 'saveFailed';
  readonly path: string;
  /** Where a corrupt file now is. */
  readonly movedTo?: string;
  /** A plain sentence for the person. */
  readonly message: string;
}

export interface ConversationStoreOptions {
  /** Told about damaged, unreadable or unsaved files; the host shows the message. */
  readonly onProblem?: (problem: StoreProblem) => void;
  readonly now?: () => number;
  readonly timers?: Timers;
  /** How long scheduleSave waits before writing (default 500 ms). */
  readonly saveDelayMs?: number;
  /** Replaces a file's content atomically (default writeFileAtomic); tests count or fail writes with it. */
  readonly writeFile?: (path: string, data: string) => Promise<void>;
}

export interface SearchHit extends ConversationSummary {
  /** Excerpt around the first match in a message; '' when only the title matched. */
  readonly snippet: string;
}

/** What delete() removed: keep it to offer Undo (pass `conversation` to restore()). */
export interface DeletedConversation {
  readonly conversation: Conversation;
}

const DEFAULT_SAVE_DELAY_MS = 500;
/** Temporary files older than this are leftovers of a crashed write, not a write in progress. */
const STALE_TEMP_MS = 10 * 60_000;
/** Files read at once by list() and search(), well under any open-files limit. */
const READ_CONCURRENCY = 16;
const STATE_FILE = 'state.json';
/** The write-queue key of the state file; no conversation id can take it. */
const STATE_KEY = '\u0000state';

interface CachedSummary {
  readonly fingerprint: string;
  readonly summary: ConversationSummary;
}

export class ConversationStore {
  private readonly folder: string;
  private readonly now: () => number;
  private readonly writeFile: (path: string, data: string) => Promise<void>;
  private readonly onProblem: (problem: StoreProblem) => void;
  private readonly queue: WriteQueue<Conversation>;
  /** Conversations this window last saved while an answer was streaming: live here, not interrupted. */
  private readonly live = new Map<string, Conversation>();
  private readonly summaries = new Map<string, CachedSummary>();
  private readonly reported = new Set<string>();
  private lastActive: string | undefined;

  private constructor(private readonly root: string, options: ConversationStoreOptions) {
    this.folder = join(root, 'conversations');
    this.now = options.now ?? Date.now;
    this.writeFile = options.writeFile ?? writeFileAtomic;
    this.onProblem = options.onProblem ?? (() => undefined);
    this.queue = new WriteQueue<Conversation>(
      (_id, conversation) => this.write(conversation),
      options.timers ?? realTimers,
      options.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS,
      (id, error) => this.reportSaveFailure(id, error),
    );
  }

  /** Opens (creating if needed) the store in `root`, and clears temporary files left by crashed writes. */
  static async open(root: string, options: ConversationStoreOptions = {}): Promise<ConversationStore> {
    const store = new ConversationStore(root, options);
    await mkdir(store.folder, { recursive: true });
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
    const ids = await this.idsOnDisk();
    const byId = new Map<string, ConversationSummary>();
    await forEachLimited(ids, async (id) => {
      const summary = await this.summaryFromDisk(id);
      if (summary) byId.set(id, summary);
    });
    const onDisk = new Set(ids);
    for (const id of [...this.summaries.keys()]) if (!onDisk.has(id)) this.summaries.delete(id);
    for (const conversation of this.queue.scheduledValues()) byId.set(conversation.id, summarize(conversation));
    return newestFirst([...byId.values()]);
  }

  /**
   * The conversation, or undefined if there is none with that id (or its file was damaged: then it has been
   * moved aside and reported). An answer left 'streaming' by a window that closed comes back 'interrupted'.
   */
  async load(id: string): Promise<Conversation | undefined> {
    if (!isValidConversationId(id)) return undefined;
    return this.queue.scheduled(id) ?? this.live.get(id) ?? this.loadFromDisk(id);
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
    if (!isValidConversationId(id)) return undefined;
    const inMemory = this.queue.cancel(id) ?? this.live.get(id);
    this.live.delete(id);
    await this.queue.settled(id);
    const conversation = inMemory ?? (await this.loadFromDisk(id));
    await this.queue.run(id, () => removeFileIfPresent(this.pathOf(id)));
    this.summaries.delete(id);
    if (this.lastActive === id) await this.setLastActiveId(undefined);
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
    if (!conversation) return undefined;
    const renamed = renameConversation(conversation, title, this.now());
    if (renamed !== conversation) await this.save(renamed);
    return renamed;
  }

  /** Conversations whose title or message text contains `query` (case-insensitive), newest first. */
  async search(query: string): Promise<SearchHit[]> {
    const matcher = queryMatcher(query);
    if (!matcher) return (await this.list()).map((summary) => ({ ...summary, snippet: '' }));
    const ids = new Set([...(await this.idsOnDisk()), ...this.queue.scheduledValues().map((c) => c.id)]);
    const hits: SearchHit[] = [];
    await forEachLimited([...ids], async (id) => {
      const conversation = await this.load(id);
      const match = conversation && matchConversation(conversation, matcher);
      if (conversation && match) hits.push({ ...summarize(conversation), snippet: match.snippet });
    });
    return newestFirst(hits);
  }

  /** Writes what is pending; later scheduleSave calls write at once. */
  async dispose(): Promise<void> {
    await this.queue.close();
  }

  private pathOf(id: string): string {
    return join(this.folder, `${id}.json`);
  }

  private assertSavable(conversation: Conversation): void {
    if (!isValidConversationId(conversation.id)) throw new Error(`Conversation id "${conversation.id}" cannot name a file`);
  }

  private noteLive(conversation: Conversation): void {
    const streaming = conversation.messages.some((m) => m.role === 'assistant' && m.status === 'streaming');
    if (streaming) this.live.set(conversation.id, conversation);
    else this.live.delete(conversation.id);
  }

  private async write(conversation: Conversation): Promise<void> {
    this.summaries.delete(conversation.id);
    await this.writeFile(this.pathOf(conversation.id), serializeConversation(conversation));
    this.reported.delete(`saveFailed:${conversation.id}`);
  }

  private async idsOnDisk(): Promise<string[]> {
    const names = await readdir(this.folder).catch((error: unknown) => {
      if (codeOf(error) === 'ENOENT') return [] as string[];
      throw error;
    });
    return names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).filter(isValidConversationId);
  }

  private async summaryFromDisk(id: string): Promise<ConversationSummary | undefined> {
    const fingerprint = await fileFingerprint(this.pathOf(id));
    if (fingerprint === undefined) return undefined;
    const cached = this.summaries.get(id);
    if (cached?.fingerprint === fingerprint) return cached.summary;
    const conversation = await this.loadFromDisk(id);
    if (!conversation) return undefined;
    const summary = summarize(conversation);
    this.summaries.set(id, { fingerprint, summary });
    return summary;
  }

  private async loadFromDisk(id: string): Promise<Conversation | undefined> {
    const path = this.pathOf(id);
    const read = await readConversationFile(path, id);
    switch (read.kind) {
      case 'ok':
        return markInterrupted(read.conversation);
      case 'missing':
        return undefined;
      case 'unreadable':
        this.reportOnce({ kind: 'unreadable', path, message: `A saved conversation could not be read and was skipped: ${read.message}` });
        return undefined;
      case 'newer':
        this.reportOnce({ kind: 'newerVersion', path, message: `The saved conversation ${path} was written by a newer version of CometAPI Chat (format ${read.version}); it is left untouched.` });
        return undefined;
      case 'damaged':
        this.summaries.delete(id);
        await this.setAside(path, 'A saved conversation', read.reason);
        return undefined;
    }
  }

  /** Moves a damaged file aside and tells the person where it went. */
  private async setAside(path: string, what: string, reason: string): Promise<void> {
    const moved = await moveAside(path, this.now());
    if (moved.kind === 'moved') {
      this.onProblem({ kind: 'corrupt', path, movedTo: moved.movedTo, message: `${what} was damaged (${reason}). It was moved aside to ${moved.movedTo}, so nothing in it is lost; everything else is unaffected.` });
    } else if (moved.kind === 'failed') {
      this.reportOnce({ kind: 'corrupt', path, message: `${what} (${path}) is damaged (${reason}) and could not be moved aside (${moved.message}). It was left as it is.` });
    }
  }

  private async readState(): Promise<void> {
    const path = join(this.root, STATE_FILE);
    try {
      const state = await readStoreState(path);
      if (state.kind === 'ok') this.lastActive = state.lastActiveId;
      else await this.setAside(path, "The chat's state file (which conversation was open last)", state.reason);
    } catch (error) {
      this.reportOnce({ kind: 'unreadable', path, message: `The chat's state file could not be read: ${messageOf(error)}` });
    }
  }

  private reportSaveFailure(id: string, error: unknown): void {
    this.reportOnce({ kind: 'saveFailed', path: this.pathOf(id), message: `A conversation could not be saved, changes since its last save may be lost if the window closes: ${messageOf(error)}` }, `saveFailed:${id}`);
  }

  /** Reports a problem once per store lifetime (per file), so a list() call per keystroke does not repeat it. */
  private reportOnce(problem: StoreProblem, key = `${problem.kind}:${problem.path}`): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.onProblem(problem);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function newestFirst<T extends ConversationSummary>(items: T[]): T[] {
  return items.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}

async function forEachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length) }, worker));
}
