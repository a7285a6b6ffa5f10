// What the store tells the person about files it cannot use: each problem once per file and store lifetime
// (list() runs per keystroke in the history search), and damaged files moved aside, never deleted.
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { StorageFileError, codeOf, describeFileError } from './atomicFile';
import type { ConversationFileRead } from './conversationFileReader';
import { moveAside } from './conversationFileReader';
import { parseLogFileName } from './logFiles';
import { t } from '../../shared/l10n';

export interface StoreProblem {
  /** corrupt: moved aside (or could not be). unreadable: skipped, left as is. newerVersion: left as is. saveFailed: a debounced save failed. */
  readonly kind: 'corrupt' | 'unreadable' | 'newerVersion' | 'saveFailed';
  readonly path: string;
  /** Where a corrupt file now is. */
  readonly movedTo?: string;
  /** A plain sentence for the person. */
  readonly message: string;
}

export class StoreProblems {
  private readonly reported = new Set<string>();

  constructor(
    private readonly onProblem: (problem: StoreProblem) => void,
    private readonly now: () => number,
  ) {}

  /** Reports a problem once per store lifetime (per `key`, by default per kind and file). */
  reportOnce(problem: StoreProblem, key = `${problem.kind}:${problem.path}`): void {
    if (this.reported.has(key)) {
      return;
    }
    this.reported.add(key);
    this.onProblem(problem);
  }

  saveFailed(id: string, path: string, error: unknown): void {
    this.reportOnce(
      {
        kind: 'saveFailed',
        path,
        message: t('A conversation could not be saved, changes since its last save may be lost if the window closes: {0}', messageOf(error)),
      },
      `saveFailed:${id}`,
    );
  }

  /** A later save succeeded: its next failure is worth saying again. */
  saved(id: string): void {
    this.reported.delete(`saveFailed:${id}`);
  }

  /** Says why the conversation file at `path` was not used; a damaged one goes aside with its logs. */
  async unusable(path: string, read: Exclude<ConversationFileRead, { kind: 'ok' }>): Promise<void> {
    switch (read.kind) {
      case 'missing':
        return;
      case 'unreadable':
        this.reportOnce({ kind: 'unreadable', path, message: t('A saved conversation could not be read and was skipped: {0}', read.message) });
        return;
      case 'newer':
        this.reportOnce({
          kind: 'newerVersion',
          path,
          message: t('The saved conversation {0} was written by a newer version of CometAPI Chat (format {1}); it is left untouched.', path, read.version),
        });
        return;
      case 'damaged':
        await this.setAside(path, t('A saved conversation'), read.reason);
        await this.setLogsAside(path);
        return;
    }
  }

  /** Moves a damaged file aside and tells the person where it went. */
  async setAside(path: string, what: string, reason: string): Promise<void> {
    const moved = await moveAside(path, this.now());
    if (moved.kind === 'moved') {
      this.onProblem({
        kind: 'corrupt',
        path,
        movedTo: moved.movedTo,
        message: t('{0} was damaged ({1}). It was moved aside to {2}, so nothing in it is lost; everything else is unaffected.', what, reason, moved.movedTo),
      });
    } else if (moved.kind === 'failed') {
      this.reportOnce({
        kind: 'corrupt',
        path,
        message: t('{0} ({1}) is damaged ({2}) and could not be moved aside ({3}). It was left as it is.', what, path, reason, moved.message),
      });
    }
  }

  /** The logs of a damaged snapshot `<folder>/<id>.json` go aside with it: they may hold the newest turns. */
  private async setLogsAside(snapshotPath: string): Promise<void> {
    const folder = join(snapshotPath, '..');
    const id = snapshotPath.slice(folder.length + 1).replace(/\.json$/u, '');
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/gu, '-');
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (parseLogFileName(name)?.id !== id) {
        continue;
      }
      const path = join(folder, name);
      await rename(path, path.replace(/\.log$/u, `.corrupt-${stamp}.log`)).catch((error: unknown) => {
        if (codeOf(error) !== 'ENOENT') {
          this.reportOnce({ kind: 'corrupt', path, message: t('Part of a damaged conversation ({0}) could not be moved aside: {1}', path, messageOf(error)) });
        }
      });
    }
  }
}

/** Fails (StorageFileError) when nothing can be written in `folder`: better told at once than at every save. */
export async function probeWritable(folder: string): Promise<void> {
  const path = join(folder, `.probe-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(path, 'wx', 0o600);
    await handle.close();
    await unlink(path);
  } catch (error) {
    throw new StorageFileError(t('Cannot write in {0}: {1}', folder, describeFileError(error)), folder, codeOf(error), { cause: error });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
