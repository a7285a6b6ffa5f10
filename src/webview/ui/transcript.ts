// The scrolling list of messages: builds message views (in one batch for a full state), finds them by id
// for deltas, shows the empty state and end-of-transcript notices. Scrolling is TranscriptScrolling's.
import type { ChatMessage } from '../../shared/conversation';
import { Disposable, toDisposable } from '../../shared/disposable';
import type { WebviewToHost } from '../../shared/protocol';
import { AssistantMessageView } from './assistantMessageView';
import { DeferredRenderer } from './deferredRenderer';
import { el } from './dom';
import { renderEmptyState } from './emptyState';
import type { MarkdownRenderer } from './markdownPort';
import { TranscriptScrolling } from './transcriptScrolling';
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
/** On a full state, this many of the newest answers render at once (they fill the screen); older ones wait. */
const EAGER_ANSWERS = 6;

export class Transcript extends Disposable {
  readonly element: HTMLDivElement;
  readonly scroller: HTMLDivElement;
  private readonly list: HTMLDivElement;
  private readonly endNotices: HTMLDivElement;
  private readonly scrolling: TranscriptScrolling;
  private readonly deferred: DeferredRenderer;
  private views: MessageView[] = [];
  private readonly byId = new Map<string, MessageView>();
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
    this.scroller = el(
      doc,
      'div',
      {
        className: 'transcript',
        attrs: { id: 'transcript', role: 'log', 'aria-live': 'off', 'aria-label': t('Conversation'), tabindex: '0' },
      },
      [this.list, this.endNotices],
    );
    this.scrolling = this.register(new TranscriptScrolling(doc, this.scroller, this.list, deps));
    this.element = el(doc, 'div', { className: 'transcript-region' }, [this.scroller, this.scrolling.jumpButton]);
    this.deferred = this.register(new DeferredRenderer(this.scroller, deps.setTimeout));
    // Answers still streaming stop rendering their markdown.
    this.register(toDisposable(() => this.disposeViews()));
  }

  /** Rebuilds everything from a full state, in one DOM insertion however long the conversation is. */
  replaceAll(messages: readonly ChatMessage[], hasApiKey: boolean): void {
    this.disposeViews();
    this.hasApiKey = hasApiKey;
    const fragment = this.doc.createDocumentFragment();
    const eagerFrom = indexOfNthLastAnswer(messages, EAGER_ANSWERS);
    messages.forEach((message, index) => {
      fragment.append(this.createView(message, index < eagerFrom).element);
    });
    this.list.replaceChildren(fragment);
    this.endNotices.replaceChildren();
    this.refreshEmptyState();
    this.scrolling.followFromHere();
  }

  add(message: ChatMessage): void {
    if (this.byId.has(message.id)) {
      return;
    }
    this.list.append(this.createView(message).element);
    this.refreshEmptyState();
    if (message.role === 'user') {
      // The person just asked: show their question and follow the answer, wherever they were reading.
      this.scrolling.followFromHere();
    } else {
      this.scrolling.scheduleFollow();
    }
  }

  /** Removes the message with this id and everything after it. */
  truncateFrom(messageId: string): void {
    const index = this.views.findIndex((view) => view.id === messageId);
    if (index < 0) {
      return;
    }
    for (const view of this.views.splice(index)) {
      this.byId.delete(view.id);
      if (view instanceof AssistantMessageView) {
        this.deferred.cancel(view.bodyElement);
        view.dispose();
      }
      view.element.remove();
    }
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

  restoreScroll(scrollTop: number): void {
    this.scrolling.restore(scrollTop);
  }

  readingPosition(): { scrollTop: number; atBottom: boolean } {
    return this.scrolling.readingPosition();
  }

  private createView(message: ChatMessage, deferBody = false): MessageView {
    let view: MessageView;
    if (message.role === 'user') {
      view = new UserMessageView(this.doc, message, this.deps.post);
    } else {
      const defer = deferBody ? (element: Element, render: () => void) => this.deferred.defer(element, render) : undefined;
      view = new AssistantMessageView(this.doc, message, this.lastQuestionHadContexts(), this.deps, defer);
    }
    view.setBusy(this.busy);
    this.views.push(view);
    this.byId.set(message.id, view);
    return view;
  }

  /** Replace Selection / Show Diff are offered on an answer only if its question carried code. */
  private lastQuestionHadContexts(): boolean {
    for (let i = this.views.length - 1; i >= 0; i--) {
      const view = this.views[i];
      if (view instanceof UserMessageView) {
        return view.hasContexts;
      }
    }
    return false;
  }

  private refreshEmptyState(): void {
    const empty = this.views.length === 0;
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
