// The notice under an answer while its request is retried: a countdown that ticks each second, then, once the
// attempt resolves, a past-tense line (the answer came) or nothing (it failed for good or was stopped: the
// error card or the Stopped marker says the rest). One notice id per answer, so each post replaces the last.
import type { ChatErrorInfo } from '../../shared/conversation';
import type { HostToWebview } from '../../shared/protocol';
import { describeRetried, describeRetry } from './sessionNotices';

export interface Clock {
  readonly now: () => number;
  readonly setInterval: (callback: () => void, ms: number) => unknown;
  readonly clearInterval: (handle: unknown) => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

const TICK_MS = 1000;

export function retryNoticeId(messageId: string): string {
  return `retry-${messageId}`;
}

export class RetryNotices {
  private readonly failures: ChatErrorInfo[] = [];
  private timer: unknown;
  private open = false;

  constructor(
    private readonly messageId: string,
    private readonly maxRetries: number,
    private readonly post: (message: HostToWebview) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A retry was scheduled `delayMs` from now: show the countdown and tick it down each second. */
  scheduled(retry: number, delayMs: number, error: ChatErrorInfo): void {
    this.stopTicking();
    this.failures.push(error);
    this.open = true;
    const deadline = this.clock.now() + delayMs;
    const show = (): void => {
      const remaining = deadline - this.clock.now();
      this.postText(describeRetry(retry, this.maxRetries, remaining, error), 'warning');
      if (remaining <= 0) {
        this.stopTicking();
      }
    };
    show();
    if (delayMs > 0) {
      this.timer = this.clock.setInterval(show, TICK_MS);
    }
  }

  /** The retried request is answering: the countdown becomes a line saying what happened. */
  answering(): void {
    if (!this.open) {
      return;
    }
    this.stopTicking();
    this.open = false;
    this.postText(describeRetried(this.failures), 'info');
  }

  /** The answer ended without a retried attempt answering (gave up, stopped): the notice goes. */
  ended(): void {
    this.stopTicking();
    if (this.open) {
      this.open = false;
      this.post({ type: 'noticeCleared', messageId: this.messageId, noticeId: retryNoticeId(this.messageId) });
    }
  }

  private postText(text: string, level: 'info' | 'warning'): void {
    this.post({ type: 'notice', messageId: this.messageId, noticeId: retryNoticeId(this.messageId), level, text });
  }

  private stopTicking(): void {
    if (this.timer !== undefined) {
      this.clock.clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
