// The top of a windowed transcript: while older messages have no views yet (transcriptWindow.ts), a line above
// the first built message says they load on scrolling, and asks for the next batch when it comes near the
// viewport: scrolling, Home / PageUp in the focused transcript, or tabbing to its button. Content inserted
// above the reading position must not move what the person is reading, so insertions keep the view in place.
// With IntersectionObserver (every webview) the line is watched; without one (jsdom) scroll events stand in.
import { Disposable, toDisposable } from '../../shared/disposable';
import { el, listen } from './dom';
import { t } from '../../shared/l10n';

/** Start building before the person reaches the top, so scrolling rarely meets the line itself. */
const ROOT_MARGIN = '100% 0px 0px 0px';

export class OlderMessages extends Disposable {
  readonly element: HTMLDivElement;
  private readonly observer: IntersectionObserver | undefined;

  /** `buildBatch` builds the next older batch into the transcript (above what is built). */
  constructor(
    doc: Document,
    private readonly scroller: HTMLElement,
    private readonly buildBatch: () => void,
  ) {
    super();
    const showButton = el(doc, 'button', {
      className: 'secondary-button older-messages-button',
      text: t('Show earlier messages'),
      attrs: { type: 'button' },
    });
    this.element = el(doc, 'div', { className: 'older-messages' }, [
      el(doc, 'span', { className: 'older-messages-note', text: t('Earlier messages load as you scroll') }),
      showButton,
    ]);
    this.element.hidden = true;
    // The button's press is the person's: the batch appears right under it, where they are looking. (A listener
    // on this class's own element goes with the element; the scroller's is disposed below.)
    showButton.addEventListener('click', () => this.buildBatch());

    const Observer = doc.defaultView?.IntersectionObserver;
    if (Observer) {
      this.observer = new Observer((entries) => this.onIntersection(entries), { root: scroller, rootMargin: ROOT_MARGIN });
      this.register(toDisposable(() => this.observer?.disconnect()));
    } else {
      this.register(
        listen(
          scroller,
          'scroll',
          () => {
            if (!this.element.hidden && scroller.scrollTop < scroller.clientHeight) {
              this.loadKeepingPlace();
            }
          },
          { passive: true },
        ),
      );
    }
  }

  /**
   * Shows the line (and watches it) while there are older messages to build; called after every change to what
   * is built. The observer reports changes only: a batch shorter than the margin, or a new state that leaves
   * the line where it was, would leave it in range with no new report. Watching it afresh reports where it is
   * now, so loading goes on until it is out of range.
   */
  setHasOlder(hasOlder: boolean): void {
    this.element.hidden = !hasOlder;
    this.observer?.unobserve(this.element);
    if (hasOlder) {
      this.observer?.observe(this.element);
    }
  }

  /**
   * Runs `insert` (which adds content above the reading position) and moves the scroll position by the height
   * it added, so the same text stays under the person's eyes. Absolute, from the position read before: a
   * browser that already compensated (scroll anchoring) is not compensated twice.
   */
  keepingPlace(insert: () => void): void {
    const top = this.scroller.scrollTop;
    const height = this.scroller.scrollHeight;
    insert();
    const added = this.scroller.scrollHeight - height;
    if (added !== 0) {
      this.scroller.scrollTop = top + added;
    }
  }

  private loadKeepingPlace(): void {
    this.keepingPlace(() => this.buildBatch());
  }

  private onIntersection(entries: readonly IntersectionObserverEntry[]): void {
    if (!entries.some((entry) => entry.isIntersecting) || this.element.hidden) {
      return;
    }
    this.loadKeepingPlace();
  }
}
