// Tiny DOM helpers. Every element is created from the document the app was mounted in, so the UI runs the
// same in the webview and under jsdom in tests, and text only ever reaches the DOM as textContent.
import { type IDisposable, toDisposable } from '../../shared/disposable';

export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  /** Plain attributes (never `style` or `on*`: the CSP forbids inline styles and handlers anyway). */
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  options: ElementOptions = {},
  children: readonly (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  if (options.className) {
    element.className = options.className;
  }
  if (options.text !== undefined) {
    element.textContent = options.text;
  }
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    element.setAttribute(name, value);
  }
  for (const child of children) {
    element.append(child);
  }
  return element;
}

/** A `type="button"` button (never a form submit) with an accessible name. */
export function button(doc: Document, label: string, options: ElementOptions = {}, children: readonly (Node | string)[] = []): HTMLButtonElement {
  const attrs = { type: 'button', 'aria-label': label, title: label, ...options.attrs };
  return el(doc, 'button', { ...options, attrs }, children);
}

/** Narrows an event target to an Element without relying on a global `Element` (jsdom has its own). */
export function asElement(target: EventTarget | null): Element | null {
  const node = target as Node | null;
  return node !== null && typeof node === 'object' && node.nodeType === 1 ? (node as Element) : null;
}

type ListenableEvents = HTMLElementEventMap & DocumentEventMap & WindowEventMap;

/**
 * Listens on a target the listener's owner does not own (the document, the window, an element made by another
 * class); disposing the result removes the listener. Listeners on an owner's own elements go with the elements.
 */
export function listen<K extends keyof ListenableEvents>(
  target: Document | Window | HTMLElement,
  type: K,
  listener: (event: ListenableEvents[K]) => void,
  options?: AddEventListenerOptions,
): IDisposable {
  const handler = listener as EventListener;
  target.addEventListener(type, handler, options);
  return toDisposable(() => target.removeEventListener(type, handler, options));
}
