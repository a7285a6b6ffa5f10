// Applies ScrollFollower's rules to the real transcript: listens for the person's scrolling (wheel, keys,
// scrollbar drags, focus moves), keeps the end in view after content or size changes while following,
// and shows "Jump to latest" once they have scrolled away.
import { Disposable, toDisposable } from '../../shared/disposable';
import { button, el, listen } from './dom';
import { icon } from './icons';
import { ScrollFollower, isAtBottom, type ScrollMetrics } from './scrollFollower';
import { t } from '../../shared/l10n';

export interface TranscriptScrollingDeps {
  readonly requestFrame: (cb: () => void) => number;
  /** The reading position changed (to persist it). */
  readonly onScrolled: () => void;
}

/**
 * Where the person is reading. The scroll offset alone would not survive a reload of a windowed transcript
 * (fewer messages are built then, so the same offset shows other text): the message at the top of the view
 * and how far into it the view starts say the same place whatever is built above it.
 */
export interface ReadingPosition {
  readonly scrollTop: number;
  readonly atBottom: boolean;
  readonly anchorId?: string;
  readonly anchorOffset?: number;
}

/** A scroll this soon after the person's input in the transcript is theirs. */
const INPUT_INTENT_MS = 1000;
const SCROLL_UP_KEYS: ReadonlySet<string> = new Set(['ArrowUp', 'PageUp', 'Home']);

export class TranscriptScrolling extends Disposable {
  readonly jumpButton: HTMLButtonElement;
  private readonly follower = new ScrollFollower();
  private followScheduled = false;
  private pointerDown = false;
  /** Event timestamp of the person's last input in the transcript (wheel, key, focus). */
  private lastInputAt = Number.NEGATIVE_INFINITY;

  constructor(
    doc: Document,
    private readonly scroller: HTMLElement,
    content: HTMLElement,
    private readonly deps: TranscriptScrollingDeps,
  ) {
    super();
    this.jumpButton = button(doc, t('Jump to latest'), { className: 'jump-to-latest', attrs: { id: 'jump-to-latest' } }, [
      icon(doc, 'arrowDown'),
      el(doc, 'span', { text: t('Jump to latest') }),
    ]);
    this.jumpButton.hidden = true;
    this.jumpButton.addEventListener('click', () => this.jumpToLatest());

    scroller.addEventListener(
      'scroll',
      (event) => {
        this.follower.onScroll(this.metrics(), this.pointerDown || event.timeStamp - this.lastInputAt < INPUT_INTENT_MS);
        if (this.follower.isFollowing) {
          // Scroll anchoring or a resize moved the view off the end without the person asking: go back.
          this.scheduleFollow();
        }
        this.updateJumpButton();
        deps.onScrolled();
      },
      { passive: true },
    );
    scroller.addEventListener(
      'wheel',
      (event) => {
        this.lastInputAt = event.timeStamp;
        if (event.deltaY < 0) {
          this.userScrolledUp();
        }
      },
      { passive: true },
    );
    scroller.addEventListener('keydown', (event) => {
      this.lastInputAt = event.timeStamp;
      if (event.target === scroller && SCROLL_UP_KEYS.has(event.key)) {
        this.userScrolledUp();
      }
    });
    // Scrollbar drags and touch scrolling: every scroll while the pointer is down is the person's.
    scroller.addEventListener('pointerdown', () => {
      this.pointerDown = true;
    });
    for (const type of ['pointerup', 'pointercancel'] as const) {
      this.register(
        listen(doc, type, () => {
          this.pointerDown = false;
        }),
      );
    }
    // Tabbing to something earlier in the chat scrolls it into view: that is reading, not to be undone.
    scroller.addEventListener('focusin', (event) => {
      this.lastInputAt = event.timeStamp;
    });
    // Size changes no message caused (late layout of off-screen messages, chips above the input, a resized
    // panel) must keep the end in view too.
    const Resize = doc.defaultView?.ResizeObserver;
    if (Resize) {
      const observer = new Resize(() => this.scheduleFollow());
      observer.observe(scroller);
      observer.observe(content);
      this.register(toDisposable(() => observer.disconnect()));
    }
  }

  get isFollowing(): boolean {
    return this.follower.isFollowing;
  }

  /** Content grew or shrank: after this frame's rendering, keep the end in view if following. */
  scheduleFollow(): void {
    if (this.followScheduled) {
      return;
    }
    this.followScheduled = true;
    this.deps.requestFrame(() => {
      this.followScheduled = false;
      const target = this.follower.targetAfterContentChange(this.metrics());
      if (target !== undefined) {
        this.scroller.scrollTop = target;
      }
      this.updateJumpButton();
    });
  }

  /** Follow from now on (a new question, a new conversation), whatever the person was reading. */
  followFromHere(): void {
    this.follower.jumpToLatest(this.metrics());
    this.scheduleFollow();
  }

  jumpToLatest(): void {
    this.scroller.scrollTop = this.follower.jumpToLatest(this.metrics());
    this.updateJumpButton();
  }

  /** Returns to a saved reading position (after a reload); the person is reading, so do not follow. */
  restore(scrollTop: number): void {
    this.scroller.scrollTop = scrollTop;
    this.follower.restore(this.scroller.scrollTop);
    this.updateJumpButton();
  }

  /** Returns to `offset` pixels below the top of `element` (a saved reading position), without following. */
  restoreTo(element: Element, offset: number): void {
    const top = element.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top + this.scroller.scrollTop;
    this.restore(top + offset);
  }

  /** `messages`: the built message elements, top to bottom, each with a `data-message-id`. */
  readingPosition(messages: readonly Element[]): ReadingPosition {
    const metrics = this.metrics();
    const position = { scrollTop: metrics.scrollTop, atBottom: isAtBottom(metrics) };
    const viewTop = this.scroller.getBoundingClientRect().top;
    const anchor = firstEndingBelow(messages, viewTop);
    const id = anchor?.getAttribute('data-message-id');
    return anchor && id ? { ...position, anchorId: id, anchorOffset: viewTop - anchor.getBoundingClientRect().top } : position;
  }

  private userScrolledUp(): void {
    this.follower.onUserScrollUp(this.metrics());
    this.updateJumpButton();
  }

  private updateJumpButton(): void {
    this.jumpButton.hidden = !this.follower.shouldOfferJump(this.metrics());
  }

  private metrics(): ScrollMetrics {
    return { scrollTop: this.scroller.scrollTop, scrollHeight: this.scroller.scrollHeight, clientHeight: this.scroller.clientHeight };
  }
}

/** The first of `elements` (in layout order) whose bottom is below `y`: the one at the top of the view. */
function firstEndingBelow(elements: readonly Element[], y: number): Element | undefined {
  let low = 0;
  let high = elements.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (elements[middle].getBoundingClientRect().bottom > y) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return elements[low];
}
