// Hands the draft to the host, which keeps it with the conversation (a page reload or a closed tab would
// lose anything kept only here). Changes are sent at most every DRAFT_THROTTLE_MS, and at once when the
// person leaves the input, the view is hidden, or any other message is about to go to the host.
import type { WebviewToHost } from '../../shared/protocol';

export const DRAFT_THROTTLE_MS = 400;

export interface DraftSyncDeps {
  post(message: WebviewToHost): void;
  /** The draft as shown now. */
  read(): { readonly text: string; readonly contextIds: string[]; readonly imageIds?: string[] };
  /** The conversation the draft belongs to; undefined until the host's first state arrived. */
  conversationId(): string | undefined;
  setTimeout(callback: () => void, ms: number): unknown;
}

export class DraftSync {
  private pending = false;
  private timerSet = false;

  constructor(private readonly deps: DraftSyncDeps) {}

  /** The person changed the draft and the host has not been told yet. */
  get dirty(): boolean {
    return this.pending;
  }

  changed(): void {
    this.pending = true;
    if (this.timerSet) {
      return;
    }
    this.timerSet = true;
    this.deps.setTimeout(() => {
      this.timerSet = false;
      this.flush();
    }, DRAFT_THROTTLE_MS);
  }

  /** Sends a pending change now. Before the first state there is no conversation to send it for: it waits. */
  flush(): void {
    const conversationId = this.deps.conversationId();
    if (!this.pending || conversationId === undefined) {
      return;
    }
    this.pending = false;
    this.deps.post({ type: 'draft', conversationId, ...this.deps.read() });
  }
}
