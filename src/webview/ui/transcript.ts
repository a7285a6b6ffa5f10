// The scrolling list of messages: builds message views, finds them by id for deltas, shows the empty state and
// end-of-transcript notices. It keeps every message's data but builds views only for the newest ones and for
// those the person has scrolled up to (which ones: TranscriptWindow; the loading line at the top:
// OlderMessages), so a long chat opens as fast as a short one. Scrolling is TranscriptScrolling's.
import type { ChatMessage } from '../../shared/conversation';
import { Disposable, toDisposable } from '../../shared/disposable';
import type { WebviewToHost } from '../../shared/protocol';
import { AssistantMessageView } from './assistantMessageView';
import { DeferredRenderer } from './deferredRenderer';
import { el } from './dom';
import { renderEmptyState } from './emptyState';
import type { MarkdownRenderer } from './markdownPort';
import { OlderMessages } from './olderMessages';
import { TranscriptScrolling, type ReadingPosition } from './transcriptScrolling';
import { TranscriptWindow, type IndexRange } from './transcriptWindow';
import { UserMessageView } from './userMessageView';
import { t } from '../../shared/l10n';

type MessageView = UserMessageView | AssistantMessageView;

export interface TranscriptDeps {
  readonly markdown: MarkdownRenderer;
  readonly requestFrame: (cb: () => void) => number;
  readonly setTimeout: (cb: () => void, ms: number) => unknown;
  readonly post: (message: WebviewToHost) => void;
  readonly onExample: (prompt: string) => void;
  /** The reading position changed (to persist it). */
  readonly onScrolled: () => void;
}

/** Notices at the transcript's end are kept to the last few; older ones are stale. */
const MAX_END_NOTICES = 3;
/**
 * On a full state, this many of the newest answers render their markdown before the first frame: the last
 * answer and the one before it are what a panel shows on opening. The others show their plain text until the
 * deferred renderer reaches them, right after that frame for those near the view.
 */
const EAGER_ANSWERS = 2;
/** Messages at the end of an older batch that are built at their final size (a question and its answer). */
const SETTLED_AT_EDGE = 2;
/** Long enough for the browser to lay them out once and remember their size (contain-intrinsic-size: auto). */
const SETTLE_MS = 1000;

export class Transcript extends Disposable {
  readonly element: HTMLDivElement;
  readonly scroller: HTMLDivElement;
  private readonly list: HTMLDivElement;
  private readonly endNotices: HTMLDivElement;
  private readonly scrolling: TranscriptScrolling;
  private readonly deferred: DeferredRenderer;
  private readonly older: OlderMessages;
  private readonly window = new TranscriptWindow();
  /** Every message of the conversation, built or not; `views` are those from `window.builtFrom` on. */
  private messages: ChatMessage[] = [];
  private readonly indexById = new Map<string, number>();
  private views: MessageView[] = [];
  private readonly byId = new Map<string, MessageView>();
  /** Answers before this index render their markdown when about to be seen, not when built. */
  private eagerFrom = 0;
  private emptyState: HTMLElement | undefined;
  private hasApiKey = true;
  private busy = false;

  constructor(
    private readonly doc: Document,
    private readonly deps: TranscriptDeps,
  ) {
    super();
    this.list = el(doc, 'div', { className: 'messages' });
    this.endNotices = el(doc, 'div', { className: 'transcript-notices' });
    const scroller = el(
      doc,
      'div',
      {
        className: 'transcript',
        attrs: { id: 'transcript', role: 'log', 'aria-live': 'off', 'aria-label': t('Conversation'), tabindex: '0' },
      },
      [this.list, this.endNotices],
    );
    this.scroller = scroller;
    this.older = this.register(new OlderMessages(doc, scroller, () => this.buildOlder()));
    scroller.prepend(this.older.element);
    this.scrolling = this.register(new TranscriptScrolling(doc, this.scroller, this.list, deps));
    this.element = el(doc, 'div', { className: 'transcript-region' }, [this.scroller, this.scrolling.jumpButton]);
    this.deferred = this.register(new DeferredRenderer(this.scroller, deps.setTimeout));
    // Answers still streaming stop rendering their markdown.
    this.register(toDisposable(() => this.disposeViews()));
  }

  /** Rebuilds from a full state: the newest messages, in one DOM insertion however long the conversation is. */
  replaceAll(messages: readonly ChatMessage[], hasApiKey: boolean): void {
    this.disposeViews();
    this.hasApiKey = hasApiKey;
    this.messages = [...messages];
    this.indexById.clear();
    this.messages.forEach((message, index) => this.indexById.set(message.id, index));
    this.list.replaceChildren(this.buildNewest(this.window.reset(this.messages.length)));
    this.endNotices.replaceChildren();
    this.refreshEmptyState();
    this.scrolling.followFromHere();
  }

  add(message: ChatMessage): void {
    if (this.indexById.has(message.id)) {
      return;
    }
    const index = this.window.appended();
    this.messages.push(message);
    this.indexById.set(message.id, index);
    const view = this.createView(message, index);
    this.views.push(view);
    this.list.append(view.element);
    this.refreshEmptyState();
    if (message.role === 'user') {
      // The person just asked: show their question and follow the answer, wherever they were reading.
      this.scrolling.followFromHere();
    } else {
      this.scrolling.scheduleFollow();
    }
  }

  /** Removes the message with this id and everything after it, built or not. */
  truncateFrom(messageId: string): void {
    const index = this.indexById.get(messageId);
    if (index === undefined) {
      return;
    }
    const { keepViews, rebuild } = this.window.truncated(index);
    for (const view of this.views.splice(keepViews)) {
      this.byId.delete(view.id);
      if (view instanceof AssistantMessageView) {
        this.deferred.cancel(view.bodyElement);
        view.dispose();
      }
      view.element.remove();
    }
    for (const removed of this.messages.splice(index)) {
      this.indexById.delete(removed.id);
    }
    if (rebuild) {
      // The cut was above everything built: show the newest of what is left, as on opening.
      this.list.append(this.buildNewest(rebuild));
    }
    this.older.setHasOlder(this.window.hasOlder);
    this.refreshEmptyState();
    this.scheduleFollow();
  }

  assistant(messageId: string): AssistantMessageView | undefined {
    const view = this.byId.get(messageId);
    return view instanceof AssistantMessageView ? view : undefined;
  }

  setHasApiKey(hasApiKey: boolean): void {
    this.hasApiKey = hasApiKey;
    this.emptyState?.remove();
    this.emptyState = undefined;
    this.refreshEmptyState();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    for (const view of this.views) {
      view.setBusy(busy);
    }
  }

  /** A notice below the last message; one with the id of a notice still shown replaces it. */
  addEndNotice(text: string, level: 'info' | 'warning', noticeId?: string): void {
    const existing = noticeId === undefined ? undefined : this.endNoticeElement(noticeId);
    if (existing) {
      existing.textContent = text;
      existing.className = `notice notice-${level}`;
      return;
    }
    this.endNotices.append(
      el(this.doc, 'div', {
        className: `notice notice-${level}`,
        text,
        attrs: { role: 'status', ...(noticeId === undefined ? {} : { 'data-notice-id': noticeId }) },
      }),
    );
    while (this.endNotices.childElementCount > MAX_END_NOTICES) {
      this.endNotices.firstElementChild?.remove();
    }
    this.scheduleFollow();
  }

  clearEndNotice(noticeId: string): void {
    this.endNoticeElement(noticeId)?.remove();
  }

  private endNoticeElement(noticeId: string): Element | undefined {
    return [...this.endNotices.children].find((notice) => notice.getAttribute('data-notice-id') === noticeId);
  }

  scheduleFollow(): void {
    this.scrolling.scheduleFollow();
  }

  jumpToLatest(): void {
    this.scrolling.jumpToLatest();
  }

  /**
   * Returns to a saved reading position (after a reload). A position saved at a message is found again there,
   * building down to it first if it is older than what a full state builds; one saved without (no layout, or
   * an older build) is a plain scroll offset.
   */
  restoreReadingPosition(position: ReadingPosition): void {
    const index = position.anchorId === undefined ? undefined : this.indexById.get(position.anchorId);
    if (index === undefined) {
      this.scrolling.restore(position.scrollTop);
      return;
    }
    const range = this.window.downTo(index);
    if (range) {
      this.list.prepend(this.buildRange(range));
      this.older.setHasOlder(this.window.hasOlder);
    }
    this.scrolling.restoreTo(this.views[index - this.window.builtFrom].element, position.anchorOffset ?? 0);
  }

  readingPosition(): ReadingPosition {
    return this.scrolling.readingPosition(this.views.map((view) => view.element));
  }

  /** Builds the next batch of older messages above the first built one (the person is scrolling up to them). */
  private buildOlder(): void {
    const range = this.window.older();
    if (range) {
      // The batch's last messages end up at the top edge of the view, where the browser anchors scrolling:
      // anchored at its top, a message that grows once laid out or rendered pushes the text being read
      // down. Those are built at their final size: markdown now, and laid out now (see .settling in chat.css).
      const settleFrom = Math.max(range.start, range.end - SETTLED_AT_EDGE);
      this.list.prepend(this.buildRange(range, settleFrom));
      const settling = this.views.slice(settleFrom - range.start, range.end - range.start).map((view) => view.element);
      settling.forEach((element) => element.classList.add('settling'));
      this.deps.setTimeout(() => settling.forEach((element) => element.classList.remove('settling')), SETTLE_MS);
    }
    this.older.setHasOlder(this.window.hasOlder);
  }

  /** The newest messages of a full state (or of what a cut above them left); only a few answers render now. */
  private buildNewest(range: IndexRange): DocumentFragment {
    this.eagerFrom = indexOfNthLastAnswer(this.messages, EAGER_ANSWERS);
    this.older.setHasOlder(this.window.hasOlder);
    return this.buildRange(range);
  }

  /** Views for `range`, in order, as one fragment; `range` lies just above the built views or they are empty. */
  private buildRange(range: IndexRange, eagerFrom = this.eagerFrom): DocumentFragment {
    const fragment = this.doc.createDocumentFragment();
    const built: MessageView[] = [];
    for (let index = range.start; index < range.end; index++) {
      const view = this.createView(this.messages[index], index, index < eagerFrom);
      built.push(view);
      fragment.append(view.element);
    }
    this.views = [...built, ...this.views];
    return fragment;
  }

  private createView(message: ChatMessage, index: number, deferBody = false): MessageView {
    let view: MessageView;
    if (message.role === 'user') {
      view = new UserMessageView(this.doc, message, this.deps.post);
    } else {
      const defer = deferBody ? (element: Element, render: () => void) => this.deferred.defer(element, render) : undefined;
      view = new AssistantMessageView(this.doc, message, this.questionHadContexts(index), this.deps, defer);
    }
    view.setBusy(this.busy);
    this.byId.set(message.id, view);
    return view;
  }

  /**
   * Replace Selection / Show Diff are offered on an answer only if its question carried code. Read from the
   * messages, not the views: an answer can be built before its question is.
   */
  private questionHadContexts(answerIndex: number): boolean {
    for (let i = answerIndex - 1; i >= 0; i--) {
      const message = this.messages[i];
      if (message.role === 'user') {
        return (message.contexts ?? []).length > 0;
      }
    }
    return false;
  }

  private refreshEmptyState(): void {
    const empty = this.messages.length === 0;
    if (empty && !this.emptyState) {
      this.emptyState = renderEmptyState(this.doc, this.hasApiKey, this.deps.onExample);
      this.list.append(this.emptyState);
    } else if (!empty && this.emptyState) {
      this.emptyState.remove();
      this.emptyState = undefined;
    }
  }

  private disposeViews(): void {
    this.deferred.cancelAll();
    for (const view of this.views) {
      if (view instanceof AssistantMessageView) {
        view.dispose();
      }
    }
    this.views = [];
    this.byId.clear();
    this.messages = [];
    this.indexById.clear();
    this.emptyState = undefined;
  }
}

/** Index of the n-th answer from the end (0 when there are fewer): messages before it may render later. */
function indexOfNthLastAnswer(messages: readonly ChatMessage[], n: number): number {
  let seen = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === 'assistant' && ++seen === n) {
      return i;
    }
  }
  return 0;
}
