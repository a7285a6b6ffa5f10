// Batches streamed text so the webview gets at most one message per interval, however fast tokens
// arrive. The first delta after a quiet period goes out at once (the person sees the answer start
// without delay); later ones wait for the interval to pass.

export interface CoalescedDelta {
  readonly text: string;
  readonly reasoning: string;
}

export interface CoalescerTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: CoalescerTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class DeltaCoalescer {
  private text: string[] = [];
  private reasoning: string[] = [];
  private timer: unknown;
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly emit: (delta: CoalescedDelta) => void,
    private readonly intervalMs = 16,
    private readonly timers: CoalescerTimers = realTimers,
  ) {}

  pushText(text: string): void {
    if (text) {
      this.text.push(text);
      this.schedule();
    }
  }

  pushReasoning(text: string): void {
    if (text) {
      this.reasoning.push(text);
      this.schedule();
    }
  }

  /** Sends whatever is pending now (at the end of an answer, before the end message). */
  flush(): void {
    this.cancelTimer();
    if (this.text.length === 0 && this.reasoning.length === 0) {
      return;
    }
    const delta = { text: this.text.join(''), reasoning: this.reasoning.join('') };
    this.text = [];
    this.reasoning = [];
    this.lastFlushAt = this.timers.now();
    this.emit(delta);
  }

  /** Forgets pending text: used when the full state is replayed, which already contains it. */
  discard(): void {
    this.cancelTimer();
    this.text = [];
    this.reasoning = [];
  }

  dispose(): void {
    this.discard();
  }

  private schedule(): void {
    if (this.timer !== undefined) {
      return;
    }
    const wait = this.lastFlushAt + this.intervalMs - this.timers.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
