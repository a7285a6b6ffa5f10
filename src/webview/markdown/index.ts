// The webview's markdown engine: streamed answers render incrementally (see incrementalRenderer.ts), finished
// texts in one go, both through the same pipeline (marked -> DOMPurify -> code block toolbars ->
// highlight.js), so a streamed answer ends up exactly as it would have been rendered at once.
import type { CodeBlockButton } from './codeBlocks';
import { defaultRequestIdle, HighlightQueue, type RequestIdle } from './highlightQueue';
import { IncrementalRenderer } from './incrementalRenderer';
import { StreamedSource } from './sourceText';
import type { BrowserWindow } from './sanitize';

export type { CodeBlockButton } from './codeBlocks';

export interface MarkdownStreamOptions {
  readonly codeBlockButtons: readonly CodeBlockButton[];
  /** Schedules a render; defaults to the container window's requestAnimationFrame. */
  readonly requestFrame?: (cb: () => void) => number;
  /** Schedules highlighting of closed code blocks; defaults to the window's requestIdleCallback. */
  readonly requestIdle?: RequestIdle;
  /** Milliseconds, to measure what a render costs; defaults to the window's performance.now(). */
  readonly now?: () => number;
}

export interface MarkdownStream {
  /** Appends streamed text; renders at most once per animation frame. */
  append(delta: string): void;
  /** Renders everything now; the stream is complete. Code blocks not highlighted yet are, in idle time. */
  end(): void;
  /** Replaces everything (replay after reload): renders the full text at once, highlighted. */
  setText(text: string): void;
  readonly text: string;
  dispose(): void;
}

function windowOf(container: HTMLElement): BrowserWindow {
  const window = container.ownerDocument.defaultView;
  if (!window) {
    throw new Error('The markdown container must belong to a document with a window.');
  }
  return window;
}

class MarkdownStreamImpl implements MarkdownStream {
  private source = new StreamedSource();
  private renderer!: IncrementalRenderer;
  private readonly window: BrowserWindow;
  private readonly requestFrame: (cb: () => void) => number;
  private readonly requestIdle: RequestIdle;
  private readonly now: () => number;
  private highlighter: HighlightQueue | undefined;
  private frameRequested = false;
  /** Bumped on setText, so a frame requested for the old text does nothing. */
  private generation = 0;
  private ended = false;
  private disposed = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: MarkdownStreamOptions,
  ) {
    this.window = windowOf(container);
    const window = this.window;
    this.requestFrame = options.requestFrame ?? ((cb) => window.requestAnimationFrame(cb));
    this.requestIdle = options.requestIdle ?? defaultRequestIdle(window);
    this.now = options.now ?? (() => window.performance.now());
    container.classList.add('markdown-body');
    this.reset();
  }

  get text(): string {
    return this.source.text;
  }

  append(delta: string): void {
    if (this.ended || this.disposed || delta.length === 0) {
      return;
    }
    this.renderer.append(this.source.append(delta));
    this.scheduleRender();
  }

  end(): void {
    if (this.ended || this.disposed) {
      return;
    }
    this.ended = true;
    this.renderer.append(this.source.finish());
    this.renderer.render(true);
  }

  setText(text: string): void {
    if (this.disposed) {
      return;
    }
    this.reset();
    this.renderer.append(this.source.append(text));
    this.renderer.render(false);
    this.renderer.highlightTail();
    this.highlighter?.flush();
  }

  /** One-shot render of a finished text: everything settles in a single pass. */
  renderComplete(text: string): void {
    this.reset();
    this.renderer.append(this.source.append(text));
    this.end();
    this.highlighter?.flush();
  }

  dispose(): void {
    this.disposed = true;
    this.highlighter?.dispose();
  }

  private reset(): void {
    this.generation++;
    this.frameRequested = false;
    this.ended = false;
    this.source = new StreamedSource();
    this.container.replaceChildren();
    this.highlighter?.dispose();
    const highlighter = new HighlightQueue(this.window, this.requestIdle);
    this.highlighter = highlighter;
    this.renderer = new IncrementalRenderer(
      this.container,
      { document: this.container.ownerDocument, window: this.window, buttons: this.options.codeBlockButtons },
      highlighter,
      this.now,
    );
  }

  private scheduleRender(): void {
    if (this.frameRequested) {
      return;
    }
    this.frameRequested = true;
    const generation = this.generation;
    this.requestFrame(() => {
      if (generation !== this.generation || this.ended || this.disposed) {
        return;
      }
      this.frameRequested = false;
      this.renderer.render(false);
    });
  }
}

export function createMarkdownStream(container: HTMLElement, options: MarkdownStreamOptions): MarkdownStream {
  return new MarkdownStreamImpl(container, options);
}

/** One-shot render of a finished text (history replay, user messages). */
export function renderMarkdown(container: HTMLElement, text: string, options: MarkdownStreamOptions): void {
  const stream = new MarkdownStreamImpl(container, options);
  stream.renderComplete(text);
  stream.dispose();
}
