// Renders expensive content (an answer's markdown: parse, sanitise, highlight) only when it is about to be
// seen. A long chat replayed from `state` then costs a few answers' worth of rendering, not hundreds.
// With IntersectionObserver (every webview) a deferred element renders when it comes within two screens of
// the viewport; without one (jsdom) the rest renders in small background batches, newest first.

import { Disposable, toDisposable } from '../../shared/disposable';

/** How far outside the viewport rendering starts, so scrolling meets finished content. */
const ROOT_MARGIN = '200% 0px';
/** Background batch size when there is no IntersectionObserver. */
const BATCH = 10;

export class DeferredRenderer extends Disposable {
  private readonly pending = new Map<Element, () => void>();
  private readonly observer: IntersectionObserver | undefined;
  private batchScheduled = false;

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
                this.renderNow(entry.target);
              }
            }
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
    this.observer?.unobserve(element);
  }

  cancelAll(): void {
    this.pending.clear();
    this.observer?.disconnect();
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
