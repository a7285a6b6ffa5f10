// When to ask for the balance again and when to warn. Asking after every answer would call the quota API once
// per message, so refreshes are throttled; a warning is given once when the balance falls below the threshold and
// again only after it went back above (a top-up), never once per answer.

/** Background refreshes (after answers) happen at most this often. */
export const BALANCE_REFRESH_INTERVAL_MS = 10 * 60 * 1000;

export class BalanceThrottle {
  private lastAttemptAt: number | undefined;

  constructor(private readonly intervalMs = BALANCE_REFRESH_INTERVAL_MS) {}

  /** True (and the attempt is recorded) when a background refresh may run at `now`. */
  tryStart(now: number): boolean {
    if (this.lastAttemptAt !== undefined && now - this.lastAttemptAt < this.intervalMs) {
      return false;
    }
    this.lastAttemptAt = now;
    return true;
  }

  /** A new key is another account: its balance is read at once. */
  reset(): void {
    this.lastAttemptAt = undefined;
  }

  /** A refresh the person asked for also counts, so an answer right after it does not ask again. */
  recordAttempt(now: number): void {
    this.lastAttemptAt = now;
  }
}

export class LowBalanceAlarm {
  private warned = false;

  /**
   * Whether to warn now about `spendable` USD, given the threshold (0 or less turns warnings off; undefined
   * spendable means unlimited). Warns once per fall below the threshold.
   */
  observe(spendable: number | undefined, thresholdUsd: number): boolean {
    const low = thresholdUsd > 0 && spendable !== undefined && spendable < thresholdUsd;
    if (!low) {
      this.warned = false;
      return false;
    }
    if (this.warned) {
      return false;
    }
    this.warned = true;
    return true;
  }
}
