// Decides when the transcript follows a streaming answer. Pure: the caller feeds it scroll metrics and
// applies what it returns, so the rules are unit-tested without layout.
//
// Rules: follow while the view sits at the bottom. Any scroll up by the person stops following (the view
// then never moves on its own while they read). Reaching the bottom again, or "Jump to latest", resumes.
// A scroll up stops following when it followed the person's input (the caller says so), or when nothing
// changed size since the last look (find-in-page, a link to an anchor: someone wants to see that place).
// A scroll up that came with a size change is layout settling (scroll anchoring as off-screen messages get
// their real height, the viewport shrinking): following goes on and the caller returns to the end.

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
  private lastScrollHeight = -1;

  get isFollowing(): boolean {
    return this.following;
  }

  /** Whether to offer "Jump to latest": the person left the end and there is more below. */
  shouldOfferJump(metrics: ScrollMetrics): boolean {
    return !this.following && !isAtBottom(metrics);
  }

  /** Every scroll event. `byPerson`: it came right after their input (wheel, keys, touch, scrollbar drag). */
  onScroll(metrics: ScrollMetrics, byPerson: boolean): void {
    if (isAtBottom(metrics)) {
      this.following = true;
    } else if (metrics.scrollTop < this.lastScrollTop && (byPerson || metrics.scrollHeight === this.lastScrollHeight)) {
      this.following = false;
    }
    this.lastScrollTop = metrics.scrollTop;
    this.lastScrollHeight = metrics.scrollHeight;
  }

  /**
   * The person signalled an upward scroll (wheel, PageUp) before any scroll event: stop at once, so a follow
   * already scheduled for this frame does not yank the view back down. At the top there is nowhere to go,
   * so a stray wheel over a short chat does not stop following.
   */
  onUserScrollUp(metrics: ScrollMetrics): void {
    if (metrics.scrollTop > 0) {
      this.following = false;
    }
  }

  /** Content changed: the scrollTop to apply, or undefined to leave the view where the person put it. */
  targetAfterContentChange(metrics: ScrollMetrics): number | undefined {
    this.lastScrollHeight = metrics.scrollHeight;
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
    this.lastScrollHeight = metrics.scrollHeight;
    return bottom;
  }

  /** Restores a saved reading position (after a reload) without following. */
  restore(scrollTop: number): void {
    this.following = false;
    this.lastScrollTop = scrollTop;
  }
}
