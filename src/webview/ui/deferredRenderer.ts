// Renders expensive content (an answer's markdown: parse, sanitise, highlight) only when it is about to be
// seen. A long chat replayed from `state` then costs a few answers' worth of rendering, not hundreds.
// With IntersectionObserver (every webview) a deferred element renders when it comes within two screens of
// the viewport, nearest first, in slices of a few milliseconds per task: opening a chat reports a dozen
// answers near the view at once, and rendering them all in one task would hold up the frame after the first
// and the person's first scroll or keystroke. Without an observer (jsdom) the rest renders in small
// background batches, newest first.

import { Disposable, toDisposable } from '../../shared/disposable';

/** How far outside the viewport rendering starts, so scrolling meets finished content. */
const ROOT_MARGIN = '200% 0px';
/** Background batch size when there is no IntersectionObserver. */
const BATCH = 10;
/** Rendering time per task for elements near the view, before yielding to the browser (a frame is ~16 ms). */
const SLICE_MS = 8;

export class DeferredRenderer extends Disposable {
  private readonly pending = new Map<Element, () => void>();
  private readonly observer: IntersectionObserver | undefined;
  private batchScheduled = false;
  /** Elements the observer found near the view, with their distance from its middle (nearest render first). */
  private readonly due = new Map<Element, number>();
  private sliceScheduled = false;

  constructor(
    root: HTMLElement,
    private readonly schedule: (cb: () => void, ms: number) => unknown,
  ) {
    super();
    const Observer = root.ownerDocument.defaultView?.IntersectionObserver;
    this.observer = Observer
      ? new Observer(
          (entries) => {
            for (const entry of entries) {
              if (entry.isIntersecting) {
                this.due.set(entry.target, distanceFromMiddle(entry));
              } else {
                this.due.delete(entry.target);
              }
            }
            this.scheduleSlice();
          },
          { root, rootMargin: ROOT_MARGIN },
        )
      : undefined;
    // Nothing waiting renders after dispose, and the observer lets go of the elements.
    this.register(toDisposable(() => this.cancelAll()));
  }

  defer(element: Element, render: () => void): void {
    this.pending.set(element, render);
    if (this.observer) {
      this.observer.observe(element);
    } else {
      this.scheduleBatch();
    }
  }

  /** Renders one element now if it is still waiting (it is needed, e.g. it is being edited or searched). */
  renderNow(element: Element): void {
    const render = this.pending.get(element);
    if (!render) {
      return;
    }
    this.cancel(element);
    render();
  }

  cancel(element: Element): void {
    this.pending.delete(element);
    this.due.delete(element);
    this.observer?.unobserve(element);
  }

  cancelAll(): void {
    this.pending.clear();
    this.due.clear();
    this.observer?.disconnect();
  }

  private scheduleSlice(): void {
    if (this.sliceScheduled || this.due.size === 0) {
      return;
    }
    this.sliceScheduled = true;
    this.schedule(() => {
      this.sliceScheduled = false;
      if (this.isDisposed) {
        return;
      }
      const started = performance.now();
      const nearestFirst = [...this.due].sort((a, b) => a[1] - b[1]).map(([element]) => element);
      for (const element of nearestFirst) {
        if (performance.now() - started >= SLICE_MS) {
          break;
        }
        this.renderNow(element);
      }
      this.scheduleSlice();
    }, 0);
  }

  private scheduleBatch(): void {
    if (this.batchScheduled) {
      return;
    }
    this.batchScheduled = true;
    this.schedule(() => {
      this.batchScheduled = false;
      if (this.isDisposed) {
        return;
      }
      // Newest first: the person starts at the bottom of the transcript.
      const batch = [...this.pending.keys()].slice(-BATCH).reverse();
      batch.forEach((element) => this.renderNow(element));
      if (this.pending.size > 0) {
        this.scheduleBatch();
      }
    }, 0);
  }
}

/** How far an observed element's middle is from the middle of the viewport, in pixels. */
function distanceFromMiddle(entry: IntersectionObserverEntry): number {
  const view = entry.rootBounds;
  if (!view) {
    return 0;
  }
  const box = entry.boundingClientRect;
  return Math.abs(box.top + box.height / 2 - (view.top + view.height / 2));
}
