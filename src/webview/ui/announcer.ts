// A visually hidden polite live region. Answers are announced once, when they end: announcing every
// token would make a screen reader read fragments over and over.
import { el } from './dom';

export class Announcer {
  readonly element: HTMLDivElement;

  constructor(doc: Document) {
    this.element = el(doc, 'div', {
      className: 'visually-hidden',
      attrs: { id: 'sr-announcer', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' },
    });
  }

  announce(text: string): void {
    // Clearing first makes a repeated identical sentence count as a change.
    this.element.textContent = '';
    this.element.textContent = text;
  }
}
