// Highlighting runs outside the frames that show streamed text: a closed code block is queued and highlighted
// piece by piece (see highlight.ts) in idle time, so a 200 KB block closing costs its frame nothing. A finished
// text rendered at once (history, setText) is highlighted on the spot by flush().
import { Disposable, toDisposable } from '../../shared/disposable';
import { codeOfBlock } from './codeBlocks';
import { highlightableLanguage, highlightPiece } from './highlight';
import { sanitizeHtmlParts, type BrowserWindow } from './sanitize';

/** Schedules work for when the page is idle; the callback is called once. */
export type RequestIdle = (callback: () => void) => void;

/** How long one idle slice may keep highlighting before it hands the thread back. */
const SLICE_MS = 4;

/**
 * One code block, highlighted a piece at a time into a detached fragment; the code element takes the result in
 * one change when the last piece is done. Changing the code element per piece would make the browser lay the
 * whole block out again in every slice (a 200 KB block: dozens of slices of 100+ ms each).
 */
class HighlightJob {
  private offset = 0;
  /** The pieces highlighted so far, off the document. */
  private readonly done: DocumentFragment;
  private constructor(
    private readonly code: HTMLElement,
    private readonly text: string,
    private readonly language: string,
    /** The code element's one text node, shown until the whole block is highlighted. */
    private readonly plain: Text,
    private readonly window: BrowserWindow,
  ) {
    this.done = code.ownerDocument.createDocumentFragment();
  }

  static start(block: Element, window: BrowserWindow): HighlightJob | undefined {
    const code = codeOfBlock(block);
    const text = code?.textContent ?? '';
    const language = code && highlightableLanguage(text, block.getAttribute('data-language') ?? '');
    if (!code || !language) {
      return undefined;
    }
    let rest = code.firstChild;
    if (code.childNodes.length !== 1 || rest?.nodeType !== 3) {
      rest = code.ownerDocument.createTextNode(text);
      code.replaceChildren(rest);
    }
    return new HighlightJob(code, text, language, rest as Text, window);
  }

  /** Highlights the next piece; returns whether more remains. */
  step(): boolean {
    // Something else replaced or grew the code (a block rendered again, a streaming tail): it is no longer ours.
    if (this.plain.parentNode !== this.code || this.plain.data !== this.text) {
      return false;
    }
    const { end, html } = highlightPiece(this.text, this.offset, this.language);
    const [highlighted] = sanitizeHtmlParts([html], this.window);
    // Belt and braces: a highlighter bug must never change what Copy copies; that piece and the rest stay plain.
    if (highlighted.textContent !== this.text.slice(this.offset, end)) {
      this.commit(this.text.slice(this.offset));
      return false;
    }
    this.done.append(...Array.from(highlighted.childNodes));
    this.offset = end;
    if (end < this.text.length) {
      return true;
    }
    this.commit('');
    return false;
  }

  /** Puts what was highlighted, then `plain`, in place of the code's text. */
  private commit(plain: string): void {
    if (plain) {
      this.done.append(plain);
    }
    if (this.offset > 0) {
      this.code.replaceChildren(this.done);
    }
  }
}

export class HighlightQueue extends Disposable {
  private readonly jobs: HighlightJob[] = [];
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly window: BrowserWindow,
    private readonly requestIdle: RequestIdle,
  ) {
    super();
    this.register(
      toDisposable(() => {
        this.stopped = true;
        this.jobs.length = 0;
      }),
    );
  }

  /** Queues every code block in the given top-level nodes (including blocks nested in lists or quotes). */
  add(nodes: readonly Node[]): void {
    for (const node of nodes) {
      if (node.nodeType !== 1) {
        continue;
      }
      const element = node as Element;
      const blocks = element.classList.contains('code-block') ? [element] : Array.from(element.querySelectorAll('.code-block'));
      for (const block of blocks) {
        const job = HighlightJob.start(block, this.window);
        if (job) {
          this.jobs.push(job);
        }
      }
    }
    this.schedule();
  }

  /** Highlights everything queued now. */
  flush(): void {
    this.work(Infinity);
  }

  private schedule(): void {
    if (this.scheduled || this.stopped || this.jobs.length === 0) {
      return;
    }
    this.scheduled = true;
    this.requestIdle(() => {
      this.scheduled = false;
      if (!this.stopped) {
        this.work(SLICE_MS);
        this.schedule();
      }
    });
  }

  private work(budgetMs: number): void {
    const clock = this.window.performance;
    const deadline = clock.now() + budgetMs;
    // At least one piece per slice, so a loaded machine still makes progress.
    do {
      const job = this.jobs[0];
      if (!job) {
        return;
      }
      if (!job.step()) {
        this.jobs.shift();
      }
    } while (clock.now() < deadline);
  }
}

/** The page's idle callback where there is one (webviews), else a timer (jsdom). */
export function defaultRequestIdle(window: BrowserWindow): RequestIdle {
  if (typeof window.requestIdleCallback === 'function') {
    // The timeout bounds the wait on a page that is never idle (a long answer streaming fast).
    return (callback) => void window.requestIdleCallback(() => callback(), { timeout: 200 });
  }
  return (callback) => void window.setTimeout(callback, 0);
}
