// The scrolling list of messages: builds message views (in one batch for a full state), finds them by id
// for deltas, shows the empty state and end-of-transcript notices, and follows the stream (ScrollFollower)
// with a "Jump to latest" button once the person scrolls away.
import type { ChatMessage } from '../../shared/conversation';
import type { WebviewToHost } from '../../shared/protocol';
import { AssistantMessageView } from './assistantMessageView';
import { DeferredRenderer } from './deferredRenderer';
import { button, el } from './dom';
import { renderEmptyState } from './emptyState';
import { icon } from './icons';
import type { MarkdownRenderer } from './markdownPort';
import { ScrollFollower, isAtBottom, type ScrollMetrics } from './scrollFollower';
import { UserMessageView } from './userMessageView';

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

export class Transcript {
  readonly element: HTMLDivElement;
  readonly scroller: HTMLDivElement;
  private readonly list: HTMLDivElement;
  private readonly endNotices: HTMLDivElement;
  private readonly jumpButton: HTMLButtonElement;
  private readonly follower = new ScrollFollower();
  private readonly deferred: DeferredRenderer;
  private views: MessageView[] = [];
  private readonly byId = new Map<string, MessageView>();
  private emptyState: HTMLElement | undefined;
  private hasApiKey = true;
  private busy = false;
  private followScheduled = false;

  constructor(private readonly doc: Document, private readonly deps: TranscriptDeps) {
    this.list = el(doc, 'div', { className: 'messages' });
    this.endNotices = el(doc, 'div', { className: 'transcript-notices' });
    this.scroller = el(doc, 'div', {
      className: 'transcript',
      attrs: { id: 'transcript', role: 'log', 'aria-live': 'off', 'aria-label': 'Conversation', tabindex: '0' },
    }, [this.list, this.endNotices]);
    this.jumpButton = button(doc, 'Jump to latest', { className: 'jump-to-latest', attrs: { id: 'jump-to-latest' } }, [icon(doc, 'arrowDown'), el(doc, 'span', { text: 'Jump to latest' })]);
    this.jumpButton.hidden = true;
    this.jumpButton.addEventListener('click', () => this.jumpToLatest());
    this.element = el(doc, 'div', { className: 'transcript-region' }, [this.scroller, this.jumpButton]);
    this.deferred = new DeferredRenderer(this.scroller, deps.setTimeout);

    this.scroller.addEventListener('scroll', () => {
      this.follower.onScroll(this.metrics());
      this.updateJumpButton();
      deps.onScrolled();
    }, { passive: true });
    this.scroller.addEventListener('wheel', (event) => {
      if (event.deltaY < 0) {
        this.userScrolledUp();
      }
    }, { passive: true });
    this.scroller.addEventListener('keydown', (event) => {
      if (event.target === this.scroller && ['ArrowUp', 'PageUp', 'Home'].includes(event.key)) {
        this.userScrolledUp();
      }
    });
  }

  get messageCount(): number {
    return this.views.length;
  }

  get isFollowing(): boolean {
    return this.follower.isFollowing;
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
    this.follower.jumpToLatest(this.metrics());
    this.scheduleFollow();
  }

  add(message: ChatMessage): void {
    if (this.byId.has(message.id)) {
      return;
    }
    this.list.append(this.createView(message).element);
    this.refreshEmptyState();
    if (message.role === 'user') {
      // The person just asked: show their question and follow the answer, wherever they were reading.
      this.follower.jumpToLatest(this.metrics());
    }
    this.scheduleFollow();
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

  addEndNotice(text: string, level: 'info' | 'warning'): void {
    this.endNotices.append(el(this.doc, 'div', { className: `notice notice-${level}`, text, attrs: { role: 'status' } }));
    while (this.endNotices.childElementCount > MAX_END_NOTICES) {
      this.endNotices.firstElementChild?.remove();
    }
    this.scheduleFollow();
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

  jumpToLatest(): void {
    this.scroller.scrollTop = this.follower.jumpToLatest(this.metrics());
    this.updateJumpButton();
  }

  /** Returns to a saved reading position (after a reload); the person is reading, so do not follow. */
  restoreScroll(scrollTop: number): void {
    this.scroller.scrollTop = scrollTop;
    this.follower.restore(this.scroller.scrollTop);
    this.updateJumpButton();
  }

  readingPosition(): { scrollTop: number; atBottom: boolean } {
    const metrics = this.metrics();
    return { scrollTop: metrics.scrollTop, atBottom: isAtBottom(metrics) };
  }

  private userScrolledUp(): void {
    this.follower.onUserScrollUp();
    this.updateJumpButton();
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

  private updateJumpButton(): void {
    this.jumpButton.hidden = !this.follower.shouldOfferJump(this.metrics());
  }

  private metrics(): ScrollMetrics {
    return { scrollTop: this.scroller.scrollTop, scrollHeight: this.scroller.scrollHeight, clientHeight: this.scroller.clientHeight };
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
