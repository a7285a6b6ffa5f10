// The files of one conversation and the low-level ways to touch them:
//   <id>.json           the snapshot: the conversation as a whole plus the name of the log that continues it
//   <id>.<name>.log     the change log (conversationLog.ts); a new snapshot starts a new log with a new name,
//                       so a log left behind by a crash can never be mistaken for the current one
//   <id>.lock/          held (a folder, created atomically) while a window writes the conversation
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rmdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Conversation } from '../../shared/conversation';
import { StorageFileError, codeOf } from './atomicFile';
import { isValidConversationId, serializeConversation } from './conversationFile';
import { t } from '../../shared/l10n';

export const snapshotName = (id: string): string => `${id}.json`;
export const logName = (id: string, log: string): string => `${id}.${log}.log`;
const lockName = (id: string): string => `${id}.lock`;

/** A fresh log name: 12 hex characters. */
export function newLogName(): string {
  return randomBytes(6).toString('hex');
}

/** Which conversation a log file belongs to, from its file name. */
export function parseLogFileName(name: string): { readonly id: string; readonly log: string } | undefined {
  const match = /^(.+)\.([0-9a-f]{12})\.log$/u.exec(name);
  return match ? { id: match[1] as string, log: match[2] as string } : undefined;
}

/** The snapshot file's text: the conversation file (conversationFile.ts) with the name of its log in front. */
export function serializeSnapshot(conversation: Conversation, log: string): string {
  return `{"log":${JSON.stringify(log)},${serializeConversation(conversation).slice(1)}`;
}

export interface LogChunk {
  /** Complete lines only: a record still being written (or torn) is left for later. */
  readonly text: string;
  /** The byte offset just after `text`, where the next read starts. */
  readonly end: number;
}

/** Reads the log from byte `offset` up to its last complete line; undefined if the log does not exist. */
export async function readLog(path: string, offset: number): Promise<LogChunk | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') {
      return undefined;
    }
    throw new StorageFileError(t('Could not read {0}: {1}', path, (error as Error).message), path, codeOf(error), { cause: error });
  }
  try {
    const { size } = await handle.stat();
    if (size <= offset) {
      return { text: '', end: offset };
    }
    const buffer = Buffer.alloc(size - offset);
    let read = 0;
    while (read < buffer.length) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, offset + read);
      if (bytesRead === 0) {
        break;
      }
      read += bytesRead;
    }
    const lastNewline = buffer.lastIndexOf(0x0a, read - 1);
    if (lastNewline < 0) {
      return { text: '', end: offset };
    }
    return { text: buffer.toString('utf8', 0, lastNewline + 1), end: offset + lastNewline + 1 };
  } finally {
    await handle.close();
  }
}

/** Appends `text` in one write and flushes it to disk; returns the log's size afterwards. */
export async function appendLog(path: string, text: string): Promise<number> {
  try {
    const handle = await open(path, 'a', 0o600);
    try {
      await handle.write(text, null, 'utf8');
      await handle.datasync();
      return (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new StorageFileError(t('Could not save {0}: {1}', path, (error as Error).message), path, codeOf(error), { cause: error });
  }
}

/** Each conversation in `folder` (by its snapshot) with the names of its log files. */
export async function listConversationFiles(folder: string): Promise<Map<string, string[]>> {
  const names = await readdir(folder).catch((error: unknown) => {
    if (codeOf(error) === 'ENOENT') {
      return [] as string[];
    }
    throw error;
  });
  const files = new Map<string, string[]>();
  for (const name of names) {
    if (!name.endsWith('.json')) {
      continue;
    }
    const id = name.slice(0, -'.json'.length);
    if (isValidConversationId(id)) {
      files.set(id, []);
    }
  }
  for (const name of names) {
    const log = parseLogFileName(name);
    if (log) {
      files.get(log.id)?.push(name);
    }
  }
  return files;
}

/** Removes the logs of conversation `id` except `keep` (a log the current snapshot no longer names is spent). */
export async function removeLogs(folder: string, id: string, keep?: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const parsed = parseLogFileName(name);
    if (parsed?.id === id && parsed.log !== keep) {
      await unlink(join(folder, name)).catch(() => undefined);
    }
  }
}

/** A lock left by a window that crashed while writing is taken over after this long. */
const STALE_LOCK_MS = 15_000;

/**
 * Runs `work` while holding the conversation's lock, so two windows never interleave a read-then-append or
 * a rewrite of the same conversation. Waits for a lock another window holds; takes over a stale one.
 */
export async function withConversationLock<T>(folder: string, id: string, work: () => Promise<T>): Promise<T> {
  const path = join(folder, lockName(id));
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(path);
      break;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') {
        throw new StorageFileError(t('Could not lock {0}: {1}', path, (error as Error).message), path, codeOf(error), { cause: error });
      }
      const info = await stat(path).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > STALE_LOCK_MS) {
        await rmdir(path).catch(() => undefined);
      } else {
        await new Promise((resolve) => setTimeout(resolve, Math.min(2 + attempt, 25)));
      }
    }
  }
  try {
    return await work();
  } finally {
    await rmdir(path).catch(() => undefined);
  }
}
