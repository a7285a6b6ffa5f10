// Runs the active conversation: appends questions, streams answers into it, and tells the webview
// what changed as small typed messages. Pure TypeScript with injected I/O, so the whole turn (real
// client, real mock server) is unit-tested in Node without VS Code.
import type { ChatErrorInfo, CodeContext, Conversation, UserMessage, Usage } from '../../shared/conversation';
import type { HostToWebview } from '../../shared/protocol';
import type { ChatRequest, ChatStreamEvent } from '../events';
import type { StreamChatOptions } from '../chatClient';
import { rulesForModel } from '../modelRules';
import { buildApiMessages } from '../conversation/contextBudget';
import { type AnswerEnd, appendMessage, applyAnswerDelta, endAnswer, forkAtQuestion, startAnswer, truncateFrom, userMessage } from '../conversation/conversationOps';
import type { ChatSettings } from './chatSettings';
import { DeltaCoalescer } from './deltaCoalescer';
import { describeFinishReason, describeRetry, describeTrimmedHistory } from './sessionNotices';

export type StreamChat = (request: ChatRequest, options: StreamChatOptions, signal: AbortSignal) => AsyncIterable<ChatStreamEvent>;

export interface ChatSessionDeps {
  readonly post: (message: HostToWebview) => void;
  readonly readSettings: () => ChatSettings;
  readonly getApiKey: () => Promise<string | undefined>;
  readonly streamChat: StreamChat;
  /** Called on every visible change; persistence debounces it. */
  readonly onConversationChanged: (conversation: Conversation) => void;
  /** Called when an answer ended, so persistence writes at once. */
  readonly onAnswerSettled: (conversation: Conversation) => void;
  readonly onStreamingChanged: (streaming: boolean) => void;
  readonly renderUserMessage: (message: UserMessage) => string;
  readonly log: (line: string) => void;
  readonly newId: () => string;
  readonly now: () => number;
  readonly coalesceMs?: number;
}

interface ActiveAnswer {
  readonly messageId: string;
  readonly controller: AbortController;
  readonly coalescer: DeltaCoalescer;
  readonly done: Promise<void>;
}

const missingKeyError: ChatErrorInfo = {
  kind: 'auth',
  message: 'No CometAPI API key is set. Set your key to start chatting.',
  actions: ['setApiKey'],
};

export class ChatSession {
  private active: ActiveAnswer | undefined;

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

  /** Pending text goes into the conversation first, so a full-state replay is complete and nothing is sent twice. */
  flushPending(): void {
    this.active?.coalescer.flush();
  }

  /** Sends a question and streams its answer; resolves when the answer has ended. Refused while one streams. */
  async send(text: string, contexts: readonly CodeContext[] = []): Promise<boolean> {
    if (this.active || (!text.trim() && contexts.length === 0)) {
      return false;
    }
    const question = userMessage(this.deps.newId(), text, this.deps.now(), contexts);
    this.update(appendMessage(this.conversationValue, question));
    this.deps.post({ type: 'messageAdded', message: question });
    await this.answer();
    return true;
  }

  /** Regenerates an answer: drops it (and anything after it) and asks again. */
  async retry(answerId: string): Promise<boolean> {
    const index = this.conversationValue.messages.findIndex((message) => message.id === answerId);
    if (this.active || index < 0 || this.conversationValue.messages[index]?.role !== 'assistant') {
      return false;
    }
    this.update(truncateFrom(this.conversationValue, answerId));
    this.deps.post({ type: 'messagesTruncated', fromMessageId: answerId });
    await this.answer();
    return true;
  }

  /** Replaces an earlier question and asks again from there; later turns are dropped (the chat forks). */
  async editAndResend(questionId: string, text: string): Promise<boolean> {
    const question = this.conversationValue.messages.find((message) => message.id === questionId);
    if (this.active || question?.role !== 'user' || !text.trim()) {
      return false;
    }
    const forked = forkAtQuestion(this.conversationValue, questionId, { id: this.deps.newId(), text, now: this.deps.now() });
    this.update(forked);
    this.deps.post({ type: 'messagesTruncated', fromMessageId: questionId });
    const edited = forked.messages[forked.messages.length - 1];
    if (edited) {
      this.deps.post({ type: 'messageAdded', message: edited });
    }
    await this.answer();
    return true;
  }

  /** Applies a change that is not part of a turn (rename); the webview is told by the caller. */
  transform(change: (conversation: Conversation) => Conversation): void {
    this.update(change(this.conversationValue));
  }

  stop(): void {
    this.active?.controller.abort();
  }

  /** Switches to another conversation (history, New Chat); a running answer is stopped and kept first. */
  async replace(conversation: Conversation): Promise<void> {
    const running = this.active;
    if (running) {
      running.controller.abort();
      await running.done;
    }
    this.conversationValue = conversation;
  }

  /**
   * The window is closing or reloading: the answer in progress is ended as 'interrupted' at once (not as a
   * Stop the person chose), so the final flush writes it that way, then its request is cancelled.
   */
  shutdown(): void {
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
      this.deps.post({ type: 'delta', messageId: answer.id, ...(delta.text ? { text: delta.text } : {}), ...(delta.reasoning ? { reasoning: delta.reasoning } : {}) });
    }, this.deps.coalesceMs ?? 16);
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.active = { messageId: answer.id, controller, coalescer, done };
    this.deps.onStreamingChanged(true);
    try {
      await this.stream(answer, history, settings, controller, coalescer);
    } finally {
      coalescer.dispose();
      this.active = undefined;
      this.deps.onStreamingChanged(false);
      this.deps.onAnswerSettled(this.conversationValue);
      finished();
    }
  }

  private async stream(answer: { readonly id: string }, history: Conversation, settings: ChatSettings, controller: AbortController, coalescer: DeltaCoalescer): Promise<void> {
    const apiKey = await this.deps.getApiKey();
    if (!apiKey) {
      this.end(answer.id, { status: 'error', error: missingKeyError });
      return;
    }
    const rules = rulesForModel(settings.model);
    const built = buildApiMessages(history, {
      systemPrompt: settings.systemPrompt,
      instructionRole: rules.instructionRole,
      maxContextTokens: settings.maxContextTokens,
      renderUserMessage: this.deps.renderUserMessage,
    });
    if (built.droppedTurns > 0) {
      this.deps.post({ type: 'notice', messageId: answer.id, level: 'info', text: describeTrimmedHistory(built.droppedTurns, settings.maxContextTokens) });
    }
    const request: ChatRequest = {
      model: settings.model,
      messages: built.messages,
      ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
      ...(settings.maxOutputTokens !== undefined ? { maxOutputTokens: settings.maxOutputTokens } : {}),
      ...(settings.reasoningEffort !== undefined ? { reasoningEffort: settings.reasoningEffort } : {}),
    };
    const options: StreamChatOptions = {
      baseUrl: settings.baseUrl,
      apiKey,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      maxRetries: settings.maxRetries,
    };
    this.deps.log(`Request to ${settings.model}: ${built.messages.length} messages, ~${built.estimatedTokens} tokens.`);

    let usage: Usage | undefined;
    let servedModel: string | undefined;
    let finishReason: string | undefined;
    let error: ChatErrorInfo | undefined;
    for await (const event of this.deps.streamChat(request, options, controller.signal)) {
      switch (event.kind) {
        case 'text':
          coalescer.pushText(event.text);
          break;
        case 'reasoning':
          coalescer.pushReasoning(event.text);
          break;
        case 'usage':
          usage = event.usage;
          break;
        case 'model':
          servedModel = event.model;
          break;
        case 'retry':
          this.deps.log(`Retrying (attempt ${event.attempt}) in ${event.delayMs} ms after: ${event.error.message}`);
          this.deps.post({ type: 'notice', messageId: answer.id, level: 'warning', text: describeRetry(event.attempt, settings.maxRetries, event.delayMs, event.error) });
          break;
        case 'finish':
          finishReason = event.reason;
          break;
        case 'error':
          error = event.error;
          break;
      }
    }
    coalescer.flush();
    const stopped = error?.kind === 'cancelled' || (controller.signal.aborted && !error);
    if (error && !stopped) {
      this.deps.log(`Answer failed: ${error.kind}: ${error.message}${error.requestId ? ` (request id ${error.requestId})` : ''}`);
    }
    const finishNotice = stopped || error ? undefined : describeFinishReason(finishReason);
    if (finishNotice) {
      this.deps.post({ type: 'notice', messageId: answer.id, level: 'warning', text: finishNotice });
    }
    this.end(answer.id, {
      status: stopped ? 'stopped' : error ? 'error' : 'done',
      ...(usage ? { usage } : {}),
      ...(servedModel ? { servedModel } : {}),
      ...(finishReason ? { finishReason } : {}),
      ...(error && !stopped ? { error } : {}),
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
