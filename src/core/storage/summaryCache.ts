// The history list's summaries, kept per conversation with a fingerprint of its files (the snapshot and its logs),
// so listing a history of hundreds of chats reads only the ones that changed since; and the bounded, parallel
// reading the list and the search share.
import type { ConversationSummary } from '../../shared/protocol';
import { fileFingerprint } from './conversationFileReader';

/** How many conversation files are read at once when listing or searching. */
const READ_CONCURRENCY = 16;

export type SummaryLookup =
  | { readonly kind: 'fresh'; readonly summary: ConversationSummary }
  | { readonly kind: 'stale'; readonly fingerprint: string }
  /** The snapshot file is gone. */
  | { readonly kind: 'missing' };

interface CachedSummary {
  readonly fingerprint: string;
  readonly summary: ConversationSummary;
}

export class SummaryCache {
  private readonly entries = new Map<string, CachedSummary>();

  /** The cached summary while the files are as they were; else the fingerprint to remember a new one under. */
  async lookup(id: string, snapshotPath: string, logPaths: readonly string[]): Promise<SummaryLookup> {
    const snapshot = await fileFingerprint(snapshotPath);
    if (snapshot === undefined) {
      return { kind: 'missing' };
    }
    // The log grows with every save while the snapshot stays: both say whether the summary is still right.
    const fingerprint = [snapshot, ...(await Promise.all(logPaths.map((path) => fileFingerprint(path))))].join('|');
    const cached = this.entries.get(id);
    return cached?.fingerprint === fingerprint ? { kind: 'fresh', summary: cached.summary } : { kind: 'stale', fingerprint };
  }

  remember(id: string, fingerprint: string, summary: ConversationSummary): void {
    this.entries.set(id, { fingerprint, summary });
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  /** Forgets conversations no longer on disk. */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of [...this.entries.keys()]) {
      if (!ids.has(id)) {
        this.entries.delete(id);
      }
    }
  }
}

export function newestFirst<T extends ConversationSummary>(items: T[]): T[] {
  return items.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}

export async function forEachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length) }, worker));
}
