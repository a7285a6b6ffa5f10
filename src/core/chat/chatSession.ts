// Runs the active conversation: appends questions, streams answers into it, and tells the webview
// what changed as small typed messages. Pure TypeScript with injected I/O, so the whole turn (real
// client, real mock server) is unit-tested in Node without VS Code.
import type { KeyGrant } from '../security/keyOrigin';
import type { AssistantMessage, ChatErrorInfo, CodeContext, Conversation, ImageRef, UserMessage } from '../../shared/conversation';
import type { QueuedMessage } from '../../shared/protocol';
import {
  type AnswerEnd,
  appendMessage,
  applyAnswerDelta,
  endAnswer,
  forkAtQuestion,
  forkBefore,
  hasLaterTurns,
  startAnswer,
  truncateFrom,
  userMessage,
} from '../conversation/conversationOps';
import { prepareRequest } from './chatRequest';
import type { ChatSettings } from './chatSettings';
import { consumeAnswer, endStatus } from './answerEvents';
import type { ChatSessionDeps } from './chatSessionDeps';
import { DeltaCoalescer } from './deltaCoalescer';
import { RetryNotices, systemClock } from './retryNotices';
import { SendQueue, type QueuedSend } from './sendQueue';
import { describeFinishReason, describeFork, describeTrimmedHistory } from './sessionNotices';
import { t } from '../../shared/l10n';
import { answerCost } from '../cost/answerCost';
import { imagesToSend } from '../images/imagesToSend';

export type { ChatSessionDeps, StreamChat } from './chatSessionDeps';

export type SubmitResult = 'sent' | 'queued' | 'refused';

interface ActiveAnswer {
  readonly messageId: string;
  readonly controller: AbortController;
  readonly coalescer: DeltaCoalescer;
  readonly done: Promise<void>;
}

/** A key that was never sent says why: "no key set" would send the person to the wrong fix. */
function withheldKeyError(grant: Extract<KeyGrant, { ok: false }>): ChatErrorInfo {
  if (grant.reason === 'missing') {
    return { kind: 'auth', message: t('No CometAPI API key is set. Set your key to start chatting.'), actions: ['setApiKey'] };
  }
  return { kind: 'badBaseUrl', message: grant.message, actions: grant.reason === 'declined' ? ['retry', 'openSettings'] : ['openSettings'] };
}

export class ChatSession {
  private active: ActiveAnswer | undefined;
  private readonly queue = new SendQueue();
  /** Queued messages of a conversation that was switched away from, waiting to go back into the input. */
  private orphans: QueuedSend[] = [];
  private replacing = false;
  private closing = false;
  /** A fork is being shown before its answer starts: the chat is as busy as while an answer streams. */
  private forking = false;

  constructor(
    private readonly deps: ChatSessionDeps,
    private conversationValue: Conversation,
  ) {}

  get conversation(): Conversation {
    return this.conversationValue;
  }

  get streamingMessageId(): string | undefined {
    return this.active?.messageId;
  }

  private get busy(): boolean {
    return this.active !== undefined || this.forking;
  }

  /** Pending text goes into the conversation first, so a full-state replay is complete and nothing is sent twice. */
  flushPending(): void {
    this.active?.coalescer.flush();
  }

  /** The messages waiting for the answer to end, as the chat view shows them. */
  get queued(): QueuedMessage[] {
    return this.queue.view();
  }

  /**
   * Sends a question now, or queues it while an answer streams (or others wait before it): it then goes out
   * by itself when the answers before it have ended, however they ended. 'sent' resolves after its answer.
   */
  async submit(text: string, contexts: readonly CodeContext[] = [], images: readonly ImageRef[] = []): Promise<SubmitResult> {
    if (!text.trim() && contexts.length === 0 && images.length === 0) {
      return 'refused';
    }
    if (this.busy || this.queue.length > 0) {
      if (!this.queue.add({ id: this.deps.newId(), text, contexts, ...(images.length > 0 ? { images } : {}) })) {
        return 'refused';
      }
      this.postQueue();
      return 'queued';
    }
    return (await this.send(text, contexts, images)) ? 'sent' : 'refused';
  }

  /** Takes a queued message back; undefined when it is no longer queued (it was sent meanwhile). */
  cancelQueued(id: string): QueuedSend | undefined {
    const removed = this.queue.remove(id);
    if (removed) {
      this.postQueue();
    }
    return removed;
  }

  /** Queued messages that will not be sent (their conversation was switched away from, or the window is closing). */
  takeOrphans(): QueuedSend[] {
    const orphans = this.orphans;
    this.orphans = [];
    return orphans;
  }

  /** Sends a question and streams its answer; resolves when the answer has ended. Refused while one streams. */
  async send(text: string, contexts: readonly CodeContext[] = [], images: readonly ImageRef[] = []): Promise<boolean> {
    if (this.busy || (!text.trim() && contexts.length === 0 && images.length === 0)) {
      return false;
    }
    const question = userMessage(this.deps.newId(), text, this.deps.now(), contexts, images);
    this.update(appendMessage(this.conversationValue, question));
    this.deps.post({ type: 'messageAdded', message: question });
    await this.answer();
    return true;
  }

  /**
   * Regenerates an answer. The last answer is replaced in place; an earlier one continues in a new
   * conversation (see fork), so the turns after it are never thrown away.
   */
  async retry(answerId: string): Promise<boolean> {
    const index = this.conversationValue.messages.findIndex((message) => message.id === answerId);
    if (this.busy || index < 0 || this.conversationValue.messages[index]?.role !== 'assistant') {
      return false;
    }
    if (hasLaterTurns(this.conversationValue, answerId)) {
      const original = this.conversationValue;
      const fork = forkBefore(original, answerId, { id: this.deps.newId(), now: this.deps.now() });
      if (!fork) {
        return false;
      }
      await this.fork('retry', fork, original);
    } else {
      this.update(truncateFrom(this.conversationValue, answerId));
      this.deps.post({ type: 'messagesTruncated', fromMessageId: answerId });
    }
    await this.answer();
    return true;
  }

  /**
   * Replaces a question and asks again from there. The last question is edited in place; an earlier one
   * continues in a new conversation, so the turns after it are never thrown away.
   */
  async editAndResend(questionId: string, text: string): Promise<boolean> {
    const question = this.conversationValue.messages.find((message) => message.id === questionId);
    if (this.busy || question?.role !== 'user' || !text.trim()) {
      return false;
    }
    const now = this.deps.now();
    if (hasLaterTurns(this.conversationValue, questionId)) {
      const original = this.conversationValue;
      const fork = forkBefore(original, questionId, { id: this.deps.newId(), now });
      if (!fork) {
        return false;
      }
      await this.fork('edit', appendMessage(fork, userMessage(this.deps.newId(), text, now, question.contexts, question.images), now), original);
    } else {
      const edited = forkAtQuestion(this.conversationValue, questionId, { id: this.deps.newId(), text, now });
      this.update(edited);
      this.deps.post({ type: 'messagesTruncated', fromMessageId: questionId });
      const last = edited.messages[edited.messages.length - 1];
      if (last) {
        this.deps.post({ type: 'messageAdded', message: last });
      }
    }
    await this.answer();
    return true;
  }

  /** Continues in `fork`: the host makes it the active conversation and shows it, then the chat says so. */
  private async fork(how: 'retry' | 'edit', fork: Conversation, original: Conversation): Promise<void> {
    this.forking = true;
    try {
      this.update(fork);
      await this.deps.onForked(fork, original);
    } finally {
      this.forking = false;
    }
    this.deps.post({ type: 'notice', level: 'info', text: describeFork(how, fork.title, { title: original.title, messageCount: original.messages.length }) });
  }

  /**
   * Adds a question and an answer that streamed elsewhere (Compare Models' "Continue with this model"), with fresh
   * ids, as if asked here. Refused while an answer streams or messages wait: the order of turns must not change.
   */
  adoptExchange(question: UserMessage, answer: AssistantMessage): boolean {
    if (this.busy || this.queue.length > 0) {
      return false;
    }
    const now = this.deps.now();
    const asked = appendMessage(this.conversationValue, { ...question, id: this.deps.newId(), createdAt: now }, now);
    this.update(appendMessage(asked, { ...answer, id: this.deps.newId(), createdAt: now }, now));
    return true;
  }

  /** Applies a change that is not part of a turn (rename); the webview is told by the caller. */
  transform(change: (conversation: Conversation) => Conversation): void {
    this.update(change(this.conversationValue));
  }

  stop(): void {
    this.active?.controller.abort();
  }

  /**
   * Switches to another conversation (history, New Chat); a running answer is stopped and kept first.
   * Queued messages belong to the conversation they were typed in: they are not sent, and wait in
   * takeOrphans() to go back into the input.
   */
  async replace(conversation: Conversation): Promise<void> {
    this.replacing = true;
    try {
      const dropped = this.queue.takeAll();
      if (dropped.length > 0) {
        this.orphans.push(...dropped);
        this.postQueue();
      }
      const running = this.active;
      if (running) {
        running.controller.abort();
        await running.done;
      }
      this.conversationValue = conversation;
    } finally {
      this.replacing = false;
    }
  }

  /**
   * The window is closing or reloading: the answer in progress is ended as 'interrupted' at once (not as a
   * Stop the person chose), so the final flush writes it that way, then its request is cancelled.
   */
  shutdown(): void {
    // Nothing new goes out while the window closes: queued messages wait in takeOrphans() for the draft.
    this.closing = true;
    this.orphans.push(...this.queue.takeAll());
    const active = this.active;
    if (!active) {
      return;
    }
    active.coalescer.flush();
    this.end(active.messageId, { status: 'interrupted' });
    active.controller.abort();
  }

  dispose(): void {
    this.shutdown();
  }

  private async answer(): Promise<void> {
    const settings = this.deps.readSettings();
    const answer = startAnswer(this.deps.newId(), settings.model, this.deps.now());
    const history = this.conversationValue;
    this.update(appendMessage(history, answer));
    this.deps.post({ type: 'messageAdded', message: answer });

    const controller = new AbortController();
    const coalescer = new DeltaCoalescer((delta) => {
      this.update(applyAnswerDelta(this.conversationValue, answer.id, delta.text, delta.reasoning));
      this.deps.post({
        type: 'delta',
        messageId: answer.id,
        ...(delta.text ? { text: delta.text } : {}),
        ...(delta.reasoning ? { reasoning: delta.reasoning } : {}),
      });
    }, this.deps.coalesceMs ?? 16);
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.active = { messageId: answer.id, controller, coalescer, done };
    this.deps.onStreamingChanged(true);
    const notices = new RetryNotices(answer.id, settings.maxRetries, this.deps.post, this.deps.clock ?? systemClock);
    try {
      await this.stream(answer, history, settings, controller, coalescer, notices);
    } finally {
      notices.ended();
      coalescer.dispose();
      this.active = undefined;
      this.deps.onStreamingChanged(false);
      this.deps.onAnswerSettled(this.conversationValue);
      finished();
      this.sendNextQueued();
    }
  }

  /** The answer ended (done, stopped, failed): the oldest queued message goes out now. */
  private sendNextQueued(): void {
    if (this.active || this.replacing || this.closing) {
      return;
    }
    const next = this.queue.next();
    if (!next) {
      return;
    }
    this.postQueue();
    this.send(next.text, next.contexts, next.images).catch((error: unknown) =>
      this.deps.log(`A queued message could not be sent: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private postQueue(): void {
    this.deps.post({ type: 'queue', items: this.queue.view() });
  }

  private async stream(
    answer: { readonly id: string },
    history: Conversation,
    settings: ChatSettings,
    controller: AbortController,
    coalescer: DeltaCoalescer,
    notices: RetryNotices,
  ): Promise<void> {
    // Images are checked before the key is even read: a model that cannot see them gets no request at all.
    const images = await imagesToSend(history, settings.model, { store: this.deps.images, refusal: this.deps.imageRefusal });
    if (!images.ok) {
      this.end(answer.id, { status: 'error', error: images.error });
      return;
    }
    const grant = await this.deps.getApiKey();
    if (!grant.ok) {
      this.end(answer.id, { status: 'error', error: withheldKeyError(grant) });
      return;
    }
    const { apiKey } = grant;
    const { request, options, droppedTurns, estimatedTokens } = prepareRequest(history, settings, apiKey, this.deps.renderUserMessage, images.data);
    if (droppedTurns > 0) {
      this.deps.post({ type: 'notice', messageId: answer.id, level: 'info', text: describeTrimmedHistory(droppedTurns, settings.maxContextTokens) });
    }
    this.deps.log(`Request to ${settings.model}: ${request.messages.length} messages, ~${estimatedTokens} tokens.`);

    const summary = await consumeAnswer(this.deps.streamChat(request, options, controller.signal), {
      onText: (text) => coalescer.pushText(text),
      onReasoning: (text) => coalescer.pushReasoning(text),
      onAnswering: () => notices.answering(),
      onRetry: (retry) => {
        this.deps.log(`Retry ${retry.attempt} of ${settings.maxRetries} in ${retry.delayMs} ms after: ${retry.error.message}`);
        notices.scheduled(retry.attempt, retry.delayMs, retry.error);
      },
    });
    coalescer.flush();
    const { usage, servedModel, finishReason, error } = summary;
    const status = endStatus(summary, controller.signal.aborted);
    if (status === 'error' && error) {
      this.deps.log(`Answer failed: ${error.kind}: ${error.message}${error.requestId ? ` (request id ${error.requestId})` : ''}`);
    }
    // The countdown must not outlive its retry: gone before the error card or the Stopped marker shows.
    notices.ended();
    const finishNotice = status === 'done' ? describeFinishReason(finishReason) : undefined;
    if (finishNotice) {
      this.deps.post({ type: 'notice', messageId: answer.id, level: 'warning', text: finishNotice });
    }
    this.end(answer.id, {
      status,
      ...(usage ? { usage } : {}),
      ...(error && !usage ? {} : { cost: answerCost(this.deps.priceOf?.(settings.model), usage) }),
      ...(servedModel ? { servedModel } : {}),
      ...(finishReason ? { finishReason } : {}),
      ...(status === 'error' && error ? { error } : {}),
    });
  }

  private end(messageId: string, outcome: Omit<AnswerEnd, 'endedAt'>): void {
    this.update(endAnswer(this.conversationValue, messageId, { ...outcome, endedAt: this.deps.now() }));
    this.deps.post({ type: 'answerEnded', messageId, ...outcome });
  }

  private update(conversation: Conversation): void {
    this.conversationValue = conversation;
    this.deps.onConversationChanged(conversation);
  }
}
