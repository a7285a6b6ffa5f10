// Whole-file writes that never leave a half-written file behind, and reads whose failures say what happened.
// A write goes to a temporary file in the same folder, is flushed to disk (fsync), then renamed over the
// target. Rename within one folder is atomic, so a reader (this window or another) sees the old file or the
// new one, never a mix; a crash before the rename leaves the old file intact plus a stray temporary file,
// which cleanStaleTempFiles removes later.
import { randomBytes } from 'node:crypto';
import { open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { t } from '../../shared/l10n';

/** A read or write that failed for a reason other than "the file does not exist". */
export class StorageFileError extends Error {
  override readonly name = 'StorageFileError';
  constructor(
    message: string,
    readonly path: string,
    /** The Node error code (EACCES, ENOSPC, ...), when there is one. */
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface AtomicWriteOptions {
  /**
   * Called after the temporary file is complete and flushed, just before the rename. Only tests use it, to
   * crash a process at the worst moment.
   */
  readonly beforeRename?: (tempPath: string) => Promise<void> | void;
}

const TEMP_SUFFIX = '.tmp';
/** Windows refuses a rename while another process has the target open (antivirus, a reading window). */
const TRANSIENT_CODES = new Set(['EBUSY', 'EPERM', 'EACCES']);
const RENAME_ATTEMPTS = 5;

/** Replaces `path` with `data` (UTF-8) atomically. The folder must exist. Throws StorageFileError. */
export async function writeFileAtomic(path: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(tempPath);
    await renameWithRetry(tempPath, path);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw new StorageFileError(t('Could not save {0}: {1}', path, describeFileError(error)), path, codeOf(error), { cause: error });
  }
  await syncFolder(dirname(path));
}

/** The file's text, or undefined if it does not exist. Other failures throw StorageFileError. */
export async function readTextFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') {
      return undefined;
    }
    throw new StorageFileError(t('Could not read {0}: {1}', path, describeFileError(error)), path, codeOf(error), { cause: error });
  }
}

/** Deletes the file; one that is already gone is fine. Other failures throw StorageFileError. */
export async function removeFileIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') {
      return;
    }
    throw new StorageFileError(t('Could not delete {0}: {1}', path, describeFileError(error)), path, codeOf(error), { cause: error });
  }
}

export type JsonReadResult =
  | { readonly kind: 'ok'; readonly value: unknown }
  | { readonly kind: 'missing' }
  /** The file exists but is not JSON; `reason` is a short plain explanation. */
  | { readonly kind: 'corrupt'; readonly reason: string };

/** Reads and parses a JSON file. I/O failures (permissions, disk) throw StorageFileError. */
export async function readJsonFile(path: string): Promise<JsonReadResult> {
  const text = await readTextFile(path);
  if (text === undefined) {
    return { kind: 'missing' };
  }
  if (text.trim() === '') {
    return { kind: 'corrupt', reason: t('the file is empty') };
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'corrupt', reason: `it is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** True for the temporary files writeFileAtomic creates; folder listings must skip them. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX);
}

/**
 * Removes temporary files left in `folder` by writes that crashed before their rename. Only files older than
 * `maxAgeMs` go, so a write another window is doing right now is not disturbed. Returns how many were removed.
 */
export async function cleanStaleTempFiles(folder: string, maxAgeMs: number, now: number = Date.now()): Promise<number> {
  let removed = 0;
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names.filter(isTempFileName)) {
    const path = join(folder, name);
    try {
      const info = await stat(path);
      if (now - info.mtimeMs >= maxAgeMs) {
        await unlink(path);
        removed++;
      }
    } catch {
      // Gone already (another window cleaned it, or its write finished): nothing to do.
    }
  }
  return removed;
}

/** The error's Node code (ENOENT, EACCES, ...), if any. */
export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const transient = process.platform === 'win32' && TRANSIENT_CODES.has(codeOf(error) ?? '');
      if (!transient || attempt >= RENAME_ATTEMPTS) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/** Makes the rename itself durable on POSIX. Windows cannot open folders; there it is skipped. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') {
    return;
  }
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data is already safe in the file; only the rename's durability is at stake.
  }
}

/** A plain explanation of a file error: "permission denied (EACCES)" rather than the raw Node message. */
export function describeFileError(error: unknown): string {
  const code = codeOf(error);
  const plain: Record<string, string> = {
    ENOSPC: t('the disk is full'),
    EACCES: t('permission denied'),
    EPERM: t('the operation is not permitted (is the file locked or read-only?)'),
    EROFS: t('the file system is read-only'),
    EISDIR: t('a folder is in the way'),
    ENOTDIR: t('a file is in the way of the folder'),
    ENOENT: t('the folder does not exist'),
    EMFILE: t('too many files are open'),
    EBUSY: t('the file is in use'),
  };
  const detail = error instanceof Error ? error.message : String(error);
  return code && plain[code] ? `${plain[code]} (${code})` : detail;
}
