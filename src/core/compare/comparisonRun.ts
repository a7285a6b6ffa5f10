// One question put to several models at once. Every column streams at the same time with its own Stop; a model
// that fails ends only its own column. The host posts what happens to the Compare panel and, when every column
// has ended, keeps the run in the history as a conversation: the question, then each model's answer.
import type { AnswerTimings, CompareColumn, HostToCompare } from '../../shared/compareProtocol';
import type { AnswerCost, AssistantMessage, ChatErrorInfo, Conversation, UserMessage, Usage } from '../../shared/conversation';
import { consumeAnswer, endStatus } from '../chat/answerEvents';
import { prepareRequest } from '../chat/chatRequest';
import type { ChatSettings } from '../chat/chatSettings';
import type { StreamChat } from '../chat/chatSession';
import { DeltaCoalescer, type CoalescerTimers } from '../chat/deltaCoalescer';
import { titleFromQuestion } from '../conversation/conversationOps';
import { answerCost } from '../cost/answerCost';
import type { ModelPrice } from '../models/modelCatalog';
import { t } from '../../shared/l10n';
import { answerTimings } from './answerTimings';
import { type ImageAccess, imagesToSend } from '../images/imagesToSend';

export interface ComparisonDeps {
  readonly streamChat: StreamChat;
  readonly renderUserMessage: (message: UserMessage) => string;
  readonly priceOf: (model: string) => ModelPrice | undefined;
  readonly post: (message: HostToCompare) => void;
  /** A monotonic clock in milliseconds, for the timings. */
  readonly clock: () => number;
  /** Wall-clock time, for the stored messages. */
  readonly now: () => number;
  readonly newId: () => string;
  readonly log: (line: string) => void;
  /** A column ended (the host saves the run again). */
  readonly onColumnEnded?: () => void;
  readonly coalescerTimers?: CoalescerTimers;
}

export interface ComparisonInput {
  readonly question: UserMessage;
  readonly models: readonly string[];
  readonly settings: ChatSettings;
  readonly apiKey: string;
  /** Where the question's images are read from, and which models may see them. */
  readonly images?: ImageAccess;
}

interface ColumnRun {
  readonly model: string;
  /** The id of this column's answer in the history entry, the same at every save. */
  readonly answerId: string;
  readonly controller: AbortController;
  readonly startedAt: number;
  text: string;
  status: AssistantMessage['status'];
  usage?: Usage;
  cost?: AnswerCost;
  timings?: AnswerTimings;
  error?: ChatErrorInfo;
  servedModel?: string;
  finishReason?: string;
  endedAt?: number;
}

export class ComparisonRun {
  private readonly columns: ColumnRun[];
  private readonly startedAtWallClock: number;
  /** The history entry's id: the run is saved when it starts and again as columns end, always as one conversation. */
  private readonly conversationId: string;

  constructor(
    private readonly input: ComparisonInput,
    private readonly deps: ComparisonDeps,
  ) {
    this.startedAtWallClock = deps.now();
    this.conversationId = deps.newId();
    this.columns = input.models.map((model) => ({
      model,
      answerId: deps.newId(),
      controller: new AbortController(),
      startedAt: deps.clock(),
      text: '',
      status: 'streaming',
    }));
  }

  get question(): UserMessage {
    return this.input.question;
  }

  /** The id the run is kept under in the history. */
  get id(): string {
    return this.conversationId;
  }

  get isRunning(): boolean {
    return this.columns.some((column) => column.status === 'streaming');
  }

  /** Streams every column at once; resolves when all have ended (done, stopped or failed). */
  async run(): Promise<void> {
    await Promise.all(this.columns.map((column, index) => this.runColumn(column, index)));
  }

  stop(index: number): void {
    this.columns[index]?.controller.abort();
  }

  stopAll(): void {
    for (const column of this.columns) {
      column.controller.abort();
    }
  }

  /** What the panel shows, for its first frame and after a reload. */
  view(): CompareColumn[] {
    return this.columns.map((column) => ({
      model: column.model,
      text: column.text,
      status: column.status,
      ...optionalEnd(column),
    }));
  }

  /** The answer of a column that ended with text, as the chat stores answers; undefined otherwise. */
  answerOf(index: number): AssistantMessage | undefined {
    const column = this.columns[index];
    if (!column || column.status === 'streaming' || column.text.trim() === '') {
      return undefined;
    }
    return this.toAnswer(column);
  }

  /**
   * The run as a conversation for the history: the question, then every model's answer in column order. Saved as
   * the run starts and as columns end, so a window that closes mid-run keeps what had arrived (marked interrupted).
   */
  toConversation(): Conversation {
    const now = this.deps.now();
    return {
      id: this.conversationId,
      title: t('Compare: {0}', titleFromQuestion(this.input.question)),
      createdAt: this.startedAtWallClock,
      updatedAt: now,
      messages: [this.input.question, ...this.columns.map((column) => this.toAnswer(column))],
    };
  }

  private toAnswer(column: ColumnRun): AssistantMessage {
    return {
      id: column.answerId,
      role: 'assistant',
      text: column.text,
      model: column.model,
      // A column still streaming when the run is kept (the panel closed) was cut off.
      status: column.status === 'streaming' ? 'interrupted' : column.status,
      createdAt: this.startedAtWallClock,
      ...(column.endedAt !== undefined ? { endedAt: column.endedAt } : {}),
      ...(column.usage ? { usage: column.usage } : {}),
      ...(column.cost ? { cost: column.cost } : {}),
      ...(column.servedModel ? { servedModel: column.servedModel } : {}),
      ...(column.finishReason ? { finishReason: column.finishReason } : {}),
      ...(column.error ? { error: column.error } : {}),
    };
  }

  private async runColumn(column: ColumnRun, index: number): Promise<void> {
    const { settings, apiKey, question } = this.input;
    const columnSettings: ChatSettings = { ...settings, model: column.model };
    const history: Conversation = { id: 'compare', title: '', createdAt: 0, updatedAt: 0, messages: [question] };
    // A model that cannot see the question's images gets no request: its column says why, the others go on.
    const images = await imagesToSend(history, column.model, this.input.images ?? {});
    if (!images.ok) {
      column.error = images.error;
      this.endColumn(column, index, undefined);
      return;
    }
    const { request, options } = prepareRequest(history, columnSettings, apiKey, this.deps.renderUserMessage, images.data);
    const coalescer = new DeltaCoalescer(
      (delta) => {
        // The kept text grows only with what was posted: a state sent between two deltas (the panel
        // loading, or reloaded) must not hold text a pending delta will bring again.
        if (delta.text) {
          column.text += delta.text;
          this.deps.post({ type: 'compareDelta', column: index, text: delta.text });
        }
      },
      16,
      this.deps.coalescerTimers,
    );
    let firstTokenAt: number | undefined;
    const firstToken = () => {
      firstTokenAt ??= this.deps.clock();
    };
    try {
      const summary = await consumeAnswer(this.deps.streamChat(request, options, column.controller.signal), {
        onText: (text) => {
          firstToken();
          coalescer.pushText(text);
        },
        onReasoning: firstToken,
      });
      Object.assign(column, summary);
    } finally {
      coalescer.flush();
      coalescer.dispose();
    }
    this.endColumn(column, index, firstTokenAt);
  }

  private endColumn(column: ColumnRun, index: number, firstTokenAt: number | undefined): void {
    column.status = endStatus(column, column.controller.signal.aborted);
    if (column.status === 'stopped') {
      column.error = undefined;
    } else if (column.error) {
      this.deps.log(`Compare: ${column.model} failed: ${column.error.kind}: ${column.error.message}`);
    }
    column.timings = answerTimings(column.startedAt, firstTokenAt, this.deps.clock(), column.usage);
    // As in the chat: a failure without usage has no cost to show, rather than a made-up one.
    if (!column.error || column.usage) {
      column.cost = answerCost(this.deps.priceOf(column.model), column.usage);
    }
    column.endedAt = this.deps.now();
    this.deps.post({ type: 'compareEnded', column: index, status: column.status, ...optionalEnd(column) });
    this.deps.onColumnEnded?.();
  }
}

function optionalEnd(column: ColumnRun): Partial<Pick<CompareColumn, 'usage' | 'cost' | 'timings' | 'error'>> {
  return {
    ...(column.usage ? { usage: column.usage } : {}),
    ...(column.cost ? { cost: column.cost } : {}),
    ...(column.timings ? { timings: column.timings } : {}),
    ...(column.error ? { error: column.error } : {}),
  };
}
