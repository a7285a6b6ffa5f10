// Runs the image sweep (src/core/storage/imageSweep.ts) once a day at most, a few minutes after start-up so it
// never competes with opening the chat, and says in the log what it removed.
import type * as vscode from 'vscode';
import { imagesInUse, sweepImages, type ConversationSource } from '../../core/storage/imageSweep';
import { Disposable, toDisposable } from '../../shared/disposable';
import type { Logger } from '../logger';

const LAST_SWEEP_KEY = 'cometapi.imageSweepAt';
const SWEEP_EVERY_MS = 24 * 60 * 60 * 1000;
const DELAY_AFTER_START_MS = 3 * 60 * 1000;

export interface ImageSweeperDeps {
  readonly folder: string;
  readonly conversations: ConversationSource;
  readonly state: vscode.Memento;
  readonly logger: Logger;
  readonly now?: () => number;
}

export class ImageSweeper extends Disposable {
  constructor(private readonly deps: ImageSweeperDeps) {
    super();
    const timer = setTimeout(() => void this.sweepIfDue(), DELAY_AFTER_START_MS);
    this.register(toDisposable(() => clearTimeout(timer)));
  }

  async sweepIfDue(): Promise<void> {
    const now = (this.deps.now ?? Date.now)();
    const last = this.deps.state.get<number>(LAST_SWEEP_KEY);
    if (this.isDisposed || (typeof last === 'number' && now - last < SWEEP_EVERY_MS && now >= last)) {
      return;
    }
    await this.deps.state.update(LAST_SWEEP_KEY, now);
    try {
      const inUse = await imagesInUse(this.deps.conversations);
      if (!inUse) {
        this.deps.logger.info('Stored images were not cleaned up: a conversation could not be read.');
        return;
      }
      const { removed, bytes } = await sweepImages(this.deps.folder, inUse, now);
      if (removed > 0) {
        this.deps.logger.info(`Removed ${removed} stored images no conversation uses any more (${Math.round(bytes / 1024)} KB).`);
      }
    } catch (error) {
      this.deps.logger.warn(`Stored images were not cleaned up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
