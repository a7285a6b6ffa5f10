// The chat webview's root: lays out header, transcript, history and input, talks to the host (ready ->
// state, then incremental messages), hands the draft to the host (which keeps it), keeps the reading
// position across reloads, and announces finished answers to screen readers.
import type { AnswerStatus, ChatErrorInfo, ChatMessage } from '../../shared/conversation';
import { Disposable } from '../../shared/disposable';
import { assertNever, type HostToWebview, type WebviewToHost } from '../../shared/protocol';
import { Announcer } from './announcer';
import type { AnswerEnd, AssistantMessageView } from './assistantMessageView';
import { installClickRouter } from './clickRouter';
import { Composer } from './composer';
import { ContextMeter } from './contextMeter';
import { DraftSync } from './draftSync';
import { el, listen } from './dom';
import { summarise } from './format';
import { HeaderBar } from './header';
import { HashFilePicker } from './hashFilePicker';
import { ConversationCostTally } from './conversationCost';
import { HistoryPanel } from './historyPanel';
import { installWebviewL10n } from './localization';
import { readPersistedState, type HostBridge, type PersistedState } from './hostBridge';
import type { MarkdownRenderer } from './markdownPort';
import { parseHostMessage } from './messageShape';
import { QueuedMessages } from './queuedMessages';
import { Transcript } from './transcript';
import { ImageInput } from './imageInput';
import { browserImagePreparer, type PrepareImage } from './imageScaling';
import { t } from '../../shared/l10n';

export interface ChatAppDeps {
  readonly bridge: HostBridge;
  readonly markdown: MarkdownRenderer;
  /** Defaults to the window's requestAnimationFrame; tests drive frames by hand. */
  readonly requestFrame?: (cb: () => void) => number;
  readonly setTimeout?: (cb: () => void, ms: number) => unknown;
  readonly now?: () => number;
  /** Scales a pasted or dropped picture; the browser's canvas by default, a stand-in under jsdom. */
  readonly prepareImage?: PrepareImage;
}

/** How much of a finished answer the screen reader hears. */
const ANNOUNCE_CHARS = 300;
/** Scroll positions are saved at most this often. */
const SCROLL_SAVE_DELAY_MS = 250;

export class ChatApp extends Disposable {
  private readonly bridge: HostBridge;
  private readonly header: HeaderBar;
  private readonly costs = new ConversationCostTally();
  private readonly transcript: Transcript;
  private readonly composer: Composer;
  private readonly queued: QueuedMessages;
  private readonly hashPicker: HashFilePicker;
  private readonly history: HistoryPanel;
  private readonly announcer: Announcer;
  private readonly draftSync: DraftSync;
  private readonly imageInput: ImageInput;
  private readonly meter: ContextMeter;
  private readonly schedule: (cb: () => void, ms: number) => unknown;
  private restored: PersistedState | undefined;
  private conversationId: string | undefined;
  private streamingId: string | undefined;
  private scrollSavePending = false;

  constructor(
    private readonly root: HTMLElement,
    deps: ChatAppDeps,
  ) {
    super();
    const doc = root.ownerDocument;
    const view = doc.defaultView;
    this.bridge = deps.bridge;
    // The draft goes first, so the host acts on a message (send, switch conversation) with the draft as shown.
    const post = (message: WebviewToHost) => {
      this.draftSync.flush();
      this.bridge.postMessage(message);
    };
    const frame = deps.requestFrame ?? ((cb: () => void) => (view ? view.requestAnimationFrame(cb) : 0));
    const timeout = deps.setTimeout ?? ((cb: () => void, ms: number) => (view ? view.setTimeout(cb, ms) : undefined));
    // Frames and timers still pending when the app is disposed do nothing: no draft or state is posted after it.
    const requestFrame = (cb: () => void) => frame(() => this.isDisposed || cb());
    this.schedule = (cb, ms) => timeout(() => this.isDisposed || cb(), ms);

    this.announcer = new Announcer(doc);
    this.composer = new Composer(doc, {
      post,
      onDraftChange: () => {
        this.draftSync.changed();
        this.meter.update();
      },
      onDraftSettled: () => this.draftSync.flush(),
      onSent: () => this.transcript.jumpToLatest(),
    });
    this.draftSync = new DraftSync({
      post: (message) => this.bridge.postMessage(message),
      read: () => {
        const imageIds = this.composer.images.ids;
        return { text: this.composer.draft, contextIds: this.composer.chips.ids, ...(imageIds.length > 0 ? { imageIds } : {}) };
      },
      conversationId: () => this.conversationId,
      setTimeout: this.schedule,
    });
    this.meter = new ContextMeter(doc, () => ({
      text: this.composer.draft,
      // A chip from before token counts were shown: about four characters per token.
      chipTokens: this.composer.chips.current.map((chip) => chip.tokens ?? Math.ceil(chip.chars / 4)),
      imageCount: this.composer.images.count,
    }));
    this.composer.element.append(this.meter.element);
    this.imageInput = this.register(
      new ImageInput(
        { post, prepare: deps.prepareImage ?? browserImagePreparer(doc), chips: this.composer.images },
        this.composer.input,
        this.composer.element,
      ),
    );
    this.hashPicker = this.register(new HashFilePicker(this.composer, { post, onDraftChange: () => this.draftSync.changed() }));
    // Hidden or going away (a reload, a closed tab): the host gets the draft now, not after the throttle.
    this.register(
      listen(doc, 'visibilitychange', () => {
        if (doc.visibilityState === 'hidden') {
          this.draftSync.flush();
        }
      }),
    );
    if (view) {
      this.register(listen(view, 'pagehide', () => this.draftSync.flush()));
    }
    this.transcript = this.register(
      new Transcript(doc, {
        markdown: deps.markdown,
        requestFrame,
        setTimeout: this.schedule,
        post,
        onExample: (prompt) => this.composer.fill(prompt),
        onScrolled: () => this.saveScrollSoon(),
      }),
    );
    this.history = new HistoryPanel(doc, {
      post,
      now: deps.now ?? Date.now,
      onClose: () => {
        this.header.setHistoryExpanded(false);
        this.header.historyButton.focus();
      },
    });
    this.header = new HeaderBar(doc, post, () => this.toggleHistory());

    const main = el(doc, 'main', { className: 'chat-main' }, [this.transcript.element, this.history.element]);
    root.classList.add('chat-app');
    this.queued = new QueuedMessages(doc, post);
    root.replaceChildren(this.header.element, main, this.queued.element, this.composer.element, this.announcer.element);
    this.register(
      installClickRouter(root, {
        post,
        answerText: (messageId) => this.transcript.assistant(messageId)?.text,
        setTimeout: this.schedule,
      }),
    );

    this.restored = readPersistedState(this.bridge.getState());
  }

  /** Tells the host the view is listening; it answers with the full state. */
  start(): void {
    this.bridge.postMessage({ type: 'ready' });
  }

  /** Entry point for everything the host posts; junk is ignored. */
  handleMessage(data: unknown): void {
    const message = parseHostMessage(data);
    if (message) {
      this.dispatch(message);
    }
  }

  private dispatch(message: HostToWebview): void {
    this.route(message);
    // The draft may have changed with it (a chip attached, a state replayed, text given back); deltas cannot.
    if (message.type !== 'delta') {
      this.meter.update();
    }
  }

  private route(message: HostToWebview): void {
    switch (message.type) {
      case 'state':
        this.renderState(message);
        break;
      case 'messageAdded':
        this.transcript.add(message.message);
        this.costs.add(message.message);
        if (message.message.role === 'assistant' && message.message.status === 'streaming') {
          this.setStreaming(message.message.id);
        }
        break;
      case 'messagesTruncated':
        this.transcript.truncateFrom(message.fromMessageId);
        this.costs.truncateFrom(message.fromMessageId);
        this.header.setCost(this.costs.total());
        if (this.streamingId && !this.transcript.assistant(this.streamingId)) {
          this.setStreaming(undefined);
        }
        break;
      case 'delta':
        this.transcript.assistant(message.messageId)?.append(message.text, message.reasoning);
        this.transcript.scheduleFollow();
        break;
      case 'answerEnded':
        this.endAnswer(message.messageId, message);
        this.costs.ended(message.messageId, message.cost);
        this.header.setCost(this.costs.total());
        break;
      case 'notice': {
        const answer = message.messageId ? this.transcript.assistant(message.messageId) : undefined;
        if (answer) {
          answer.setNotice(message.text, message.level, message.noticeId);
        } else {
          this.transcript.addEndNotice(message.text, message.level, message.noticeId);
        }
        this.transcript.scheduleFollow();
        break;
      }
      case 'noticeCleared':
        (message.messageId ? this.transcript.assistant(message.messageId) : undefined)?.clearNotice(message.noticeId);
        this.transcript.clearEndNotice(message.noticeId);
        break;
      case 'queue':
        this.queued.render(message.items);
        this.transcript.scheduleFollow();
        break;
      case 'restoreDraft':
        this.composer.restore(message.text);
        break;
      case 'modelChanged':
        this.header.setModel(message.model);
        break;
      case 'costVisibilityChanged':
        this.showCost(message.showCost);
        break;
      case 'apiKeyChanged':
        this.transcript.setHasApiKey(message.hasApiKey);
        break;
      case 'focusInput':
        this.history.close();
        this.composer.focus();
        break;
      case 'attachContext':
        this.composer.chips.add(message.chip);
        this.composer.focus();
        break;
      case 'activeFile':
        this.composer.chips.offer(message.file);
        break;
      case 'filePickerClosed':
        this.hashPicker.closed(message.requestId, message.attached);
        break;
      case 'attachImage':
        this.composer.images.add(message.image);
        this.composer.focus();
        break;
      case 'scaleImage':
        void this.imageInput.takeFromHost(message.name, message.mimeType, message.base64);
        break;
      case 'imageNotice':
        this.composer.images.showNotice(message.text);
        break;
      case 'conversationList':
        this.history.setConversations(message.conversations, message.activeId);
        break;
      case 'contextBudget':
        this.meter.setBudget(message.budget);
        break;
      default:
        assertNever(message);
    }
  }

  /** `cometapi.showCost` off hides every cost (answers, header, history) by one class, so none is missed. */
  private showCost(show: boolean): void {
    this.root.classList.toggle('costs-hidden', !show);
  }

  private renderState(state: Extract<HostToWebview, { type: 'state' }>): void {
    // What is drawn from now on follows a changed language; the app is first built already in it (startup.ts).
    if (state.l10n) {
      installWebviewL10n(state.l10n);
    }
    this.header.setModel(state.model);
    this.showCost(state.showCost ?? true);
    this.composer.chips.offer(state.activeFile);
    // An answer marked streaming that the host is not streaming any more can only have been cut off.
    const messages = state.conversation.messages.map((message): ChatMessage =>
      message.role === 'assistant' && message.status === 'streaming' && message.id !== state.streamingMessageId
        ? { ...message, status: 'interrupted' }
        : message,
    );
    this.applyDraft(state);
    this.queued.render(state.queue ?? []);
    this.transcript.replaceAll(messages, state.hasApiKey);
    this.costs.reset(messages);
    this.header.setCost(this.costs.total());
    const streaming = state.streamingMessageId ? this.transcript.assistant(state.streamingMessageId) : undefined;
    this.setStreaming(streaming?.isStreaming ? streaming.id : undefined);

    // After a reload, return to where the person was reading (once, and only in the same conversation).
    const restored = this.restored;
    this.restored = undefined;
    if (restored && restored.conversationId === state.conversation.id && !restored.atBottom) {
      this.transcript.restoreReadingPosition(restored);
    }
    this.saveState();
  }

  /**
   * Shows the host's draft of the conversation in the state. Text typed here and not yet handed over (typed
   * while this state was on its way) is newer than the host's copy and stays; the host's chips are added to it.
   */
  private applyDraft(state: Extract<HostToWebview, { type: 'state' }>): void {
    const previous = this.conversationId;
    const typedHere = this.draftSync.dirty && (previous === undefined || previous === state.conversation.id);
    if (!typedHere) {
      // A change still pending belongs to the conversation it was typed in.
      this.draftSync.flush();
    }
    this.conversationId = state.conversation.id;
    const draft = state.draft ?? { text: '', chips: [] };
    if (typedHere) {
      draft.chips.forEach((chip) => this.composer.chips.add(chip));
      draft.images?.forEach((image) => this.composer.images.add(image));
      this.draftSync.changed();
      return;
    }
    this.composer.setDraft(draft.text);
    this.composer.chips.replaceAll(draft.chips);
    this.composer.images.replaceAll(draft.images ?? []);
    this.composer.images.clearNotice();
  }

  private endAnswer(messageId: string, end: AnswerEnd): void {
    const answer = this.transcript.assistant(messageId);
    if (answer?.isStreaming) {
      answer.end(end);
      this.announcer.announce(announcement(answer, end.status, end.error));
    }
    if (this.streamingId === messageId) {
      this.setStreaming(undefined);
    }
    this.transcript.scheduleFollow();
  }

  private setStreaming(messageId: string | undefined): void {
    this.streamingId = messageId;
    const busy = messageId !== undefined;
    this.root.classList.toggle('is-streaming', busy);
    this.composer.setStreaming(busy);
    this.transcript.setBusy(busy);
  }

  private toggleHistory(): void {
    if (this.history.isOpen) {
      this.history.close();
    } else {
      this.history.open();
      this.header.setHistoryExpanded(true);
    }
  }

  private saveScrollSoon(): void {
    if (this.scrollSavePending) {
      return;
    }
    this.scrollSavePending = true;
    this.schedule(() => {
      this.scrollSavePending = false;
      this.saveState();
    }, SCROLL_SAVE_DELAY_MS);
  }

  private saveState(): void {
    this.bridge.setState({ version: 1, conversationId: this.conversationId, ...this.transcript.readingPosition() });
  }
}

function announcement(answer: AssistantMessageView, status: AnswerStatus, error: ChatErrorInfo | undefined): string {
  const model = answer.modelName;
  const text = summarise(answer.text, ANNOUNCE_CHARS);
  switch (status) {
    case 'error':
      return t('Answer from {0} failed: {1}', model, error?.message ?? t('unknown error'));
    case 'stopped':
      return text ? t('Answer from {0} stopped: {1}', model, text) : t('Answer from {0} stopped.', model);
    case 'interrupted':
      return t('Answer from {0} was interrupted.', model);
    case 'done':
    case 'streaming':
      return text ? t('Answer from {0} finished: {1}', model, text) : t('Answer from {0} finished with no text.', model);
    default:
      return assertNever(status);
  }
}
