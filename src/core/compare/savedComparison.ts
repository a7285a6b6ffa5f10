// A comparison brought back from the history after its panel was closed by a reload (VS Code restores the panel;
// the run itself did not survive): the question and each model's answer as they were kept, in column order. It
// answers the panel as a live run does, with nothing left to stream or stop.
import type { CompareColumn } from '../../shared/compareProtocol';
import { MAX_COMPARED_MODELS } from '../../shared/compareProtocol';
import type { AssistantMessage, Conversation, UserMessage } from '../../shared/conversation';

export class SavedComparison {
  private constructor(
    readonly id: string,
    readonly question: UserMessage,
    private readonly answers: readonly AssistantMessage[],
  ) {}

  /** The run kept as `conversation` (a question, then one answer per model), or undefined if it is not one. */
  static from(conversation: Conversation): SavedComparison | undefined {
    const [question, ...rest] = conversation.messages;
    const answers = rest.filter((message): message is AssistantMessage => message.role === 'assistant');
    if (question?.role !== 'user' || answers.length !== rest.length || answers.length < 1 || answers.length > MAX_COMPARED_MODELS) {
      return undefined;
    }
    return new SavedComparison(conversation.id, question, answers);
  }

  get isRunning(): boolean {
    return false;
  }

  view(): CompareColumn[] {
    return this.answers.map((answer) => ({
      model: answer.model,
      text: answer.text,
      // Streaming when kept means the window went away mid-answer.
      status: answer.status === 'streaming' ? 'interrupted' : answer.status,
      ...(answer.usage ? { usage: answer.usage } : {}),
      ...(answer.cost ? { cost: answer.cost } : {}),
      ...(answer.error ? { error: answer.error } : {}),
      // Only the total time is known from what was kept; time to first token was not.
      ...(answer.endedAt !== undefined ? { timings: { totalMs: Math.max(0, answer.endedAt - answer.createdAt) } } : {}),
    }));
  }

  answerOf(index: number): AssistantMessage | undefined {
    const answer = this.answers[index];
    return answer && answer.status !== 'streaming' && answer.text.trim() !== '' ? answer : undefined;
  }

  stop(): void {
    // Nothing streams in a run brought back from the history.
  }

  stopAll(): void {
    // As stop().
  }
}
