// Which messages of the conversation have views. A long chat opens with only its newest messages built (what
// fills the screen, and a margin); older ones are built in batches, oldest last, as the person scrolls up, so
// opening a 2,000-message chat costs about what opening a 30-message one does, in time and in DOM.
// Pure bookkeeping over message indices: the built ones are always one run at the end, [builtFrom, total).
// The transcript does the building; this only says which indices.

/** A run of message indices, `start` included, `end` not. */
export interface IndexRange {
  readonly start: number;
  readonly end: number;
}

export interface WindowSizes {
  /** Messages built on a full state: the newest ones, enough to fill a tall panel with room to scroll. */
  readonly initial: number;
  /** Messages built each time the person nears the top of what is built. */
  readonly batch: number;
}

export const DEFAULT_WINDOW: WindowSizes = { initial: 30, batch: 20 };

export class TranscriptWindow {
  private total = 0;
  private from = 0;

  constructor(private readonly sizes: WindowSizes = DEFAULT_WINDOW) {}

  /** Index of the oldest message with a view (equal to the total when none has one). */
  get builtFrom(): number {
    return this.from;
  }

  get hasOlder(): boolean {
    return this.from > 0;
  }

  /** A full state of `total` messages: the newest ones to build now. */
  reset(total: number): IndexRange {
    this.total = total;
    this.from = Math.max(0, total - this.sizes.initial);
    return { start: this.from, end: total };
  }

  /** A message was added at the end; new messages are always built (the streaming answer is the newest). */
  appended(): number {
    return this.total++;
  }

  /** The next batch just above what is built, or undefined when the oldest message is built already. */
  older(): IndexRange | undefined {
    return this.from > 0 ? this.downTo(Math.max(0, this.from - this.sizes.batch)) : undefined;
  }

  /** Everything from `index` up to what is built (a saved reading position there), or undefined if built. */
  downTo(index: number): IndexRange | undefined {
    const start = Math.max(0, Math.min(index, this.total));
    if (start >= this.from) {
      return undefined;
    }
    const range = { start, end: this.from };
    this.from = start;
    return range;
  }

  /**
   * Messages from `index` on were removed (retry, edit and resend). Returns how many built views survive
   * (the ones before `index`) and, when the cut was above everything built, the newest of what is left to
   * build so the screen is not left empty.
   */
  truncated(index: number): { keepViews: number; rebuild: IndexRange | undefined } {
    if (index < 0 || index >= this.total) {
      return { keepViews: this.total - this.from, rebuild: undefined };
    }
    this.total = index;
    if (index >= this.from) {
      return { keepViews: index - this.from, rebuild: undefined };
    }
    const rebuild = this.reset(index);
    return { keepViews: 0, rebuild: rebuild.start < rebuild.end ? rebuild : undefined };
  }
}
