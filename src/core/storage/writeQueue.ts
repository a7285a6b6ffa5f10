// Orders and paces the writes of one store: writes to the same key run one after another (so an older version
// can never land after a newer one), and scheduled writes are batched at most once per delay (a throttle, not
// a resetting debounce: a stream that never pauses is still written about every `delayMs`).

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class WriteQueue<T> {
  /** Values scheduled and not yet handed to `write`: the newest version of each key. */
  private readonly pending = new Map<string, T>();
  private readonly chains = new Map<string, Promise<void>>();
  private timer: unknown;
  private closed = false;

  constructor(
    private readonly write: (key: string, value: T) => Promise<void>,
    private readonly timers: Timers,
    private readonly delayMs: number,
    /** Failures of scheduled writes, which nobody awaits. */
    private readonly onScheduledFailure: (key: string, error: unknown) => void,
  ) {}

  /** Writes `value` within delayMs (replacing any version of `key` still waiting). After close(): at once. */
  schedule(key: string, value: T): void {
    if (this.closed) {
      this.run(key, () => this.write(key, value)).catch((error: unknown) => this.onScheduledFailure(key, error));
      return;
    }
    this.pending.set(key, value);
    if (this.timer === undefined) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        void this.writePending().then((failures) => failures.forEach(([k, error]) => this.onScheduledFailure(k, error)));
      }, this.delayMs);
    }
  }

  /** Writes `value` now, dropping any scheduled version of `key`. */
  writeNow(key: string, value: T): Promise<void> {
    this.pending.delete(key);
    return this.run(key, () => this.write(key, value));
  }

  /** Drops the scheduled version of `key`, if any, and returns it. */
  cancel(key: string): T | undefined {
    const value = this.pending.get(key);
    this.pending.delete(key);
    return value;
  }

  /** The version of `key` waiting to be written. */
  scheduled(key: string): T | undefined {
    return this.pending.get(key);
  }

  scheduledValues(): T[] {
    return [...this.pending.values()];
  }

  /** Runs `task` after every earlier write or task of `key`. */
  run(key: string, task: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(key) ?? Promise.resolve()).catch(() => undefined).then(task);
    this.chains.set(key, next);
    const forget = (): void => {
      if (this.chains.get(key) === next) {
        this.chains.delete(key);
      }
    };
    next.then(forget, forget);
    return next;
  }

  /** Resolves once every write of `key` started so far has ended (succeeded or not). */
  async settled(key: string): Promise<void> {
    await this.chains.get(key)?.catch(() => undefined);
  }

  /** Writes everything scheduled now and waits for every write. Rejects with the first failure. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
    }
    this.timer = undefined;
    const failures = await this.writePending();
    await Promise.allSettled(this.chains.values());
    if (failures[0]) {
      throw failures[0][1];
    }
  }

  /** Flushes; from then on, schedule() writes at once (nothing waits for a timer that may never fire). */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  /** Starts every scheduled write; resolves with the failures (never rejects). */
  private async writePending(): Promise<Array<[string, unknown]>> {
    const batch = [...this.pending];
    this.pending.clear();
    const failures: Array<[string, unknown]> = [];
    await Promise.all(batch.map(([key, value]) => this.run(key, () => this.write(key, value)).catch((error: unknown) => void failures.push([key, error]))));
    return failures;
  }
}
