// Decides when the transcript follows a streaming answer. Pure: the caller feeds it scroll metrics and
// applies what it returns, so the rules are unit-tested without layout.
//
// Rules: follow while the view sits at the bottom. Any scroll up by the person stops following (the view
// then never moves on its own while they read). Reaching the bottom again, or "Jump to latest", resumes.

export interface ScrollMetrics {
  readonly scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

/** Within this many pixels of the end counts as "at the bottom" (sub-pixel zoom, rounding, margins). */
const BOTTOM_SLACK_PX = 16;

export function distanceFromBottom(metrics: ScrollMetrics): number {
  return Math.max(0, metrics.scrollHeight - metrics.clientHeight - metrics.scrollTop);
}

export function isAtBottom(metrics: ScrollMetrics): boolean {
  return distanceFromBottom(metrics) <= BOTTOM_SLACK_PX;
}

export class ScrollFollower {
  private following = true;
  private lastScrollTop = 0;

  get isFollowing(): boolean {
    return this.following;
  }

  /** Whether to offer "Jump to latest": the person left the end and there is more below. */
  shouldOfferJump(metrics: ScrollMetrics): boolean {
    return !this.following && !isAtBottom(metrics);
  }

  /** Every scroll event, whoever caused it. Content growth never moves scrollTop up, so up means the person. */
  onScroll(metrics: ScrollMetrics): void {
    if (isAtBottom(metrics)) {
      this.following = true;
    } else if (metrics.scrollTop < this.lastScrollTop) {
      this.following = false;
    }
    this.lastScrollTop = metrics.scrollTop;
  }

  /**
   * The person signalled an upward scroll (wheel, touch, PageUp) before any scroll event: stop at once, so a
   * follow already scheduled for this frame does not yank the view back down.
   */
  onUserScrollUp(): void {
    this.following = false;
  }

  /** Content changed: the scrollTop to apply, or undefined to leave the view where the person put it. */
  targetAfterContentChange(metrics: ScrollMetrics): number | undefined {
    if (!this.following) {
      return undefined;
    }
    const bottom = Math.max(0, metrics.scrollHeight - metrics.clientHeight);
    return bottom === metrics.scrollTop ? undefined : bottom;
  }

  /** "Jump to latest" (or a new question sent): follow again and go to the end. */
  jumpToLatest(metrics: ScrollMetrics): number {
    this.following = true;
    const bottom = Math.max(0, metrics.scrollHeight - metrics.clientHeight);
    this.lastScrollTop = bottom;
    return bottom;
  }

  /** Restores a saved reading position (after a reload) without following. */
  restore(scrollTop: number): void {
    this.following = false;
    this.lastScrollTop = scrollTop;
  }
}
