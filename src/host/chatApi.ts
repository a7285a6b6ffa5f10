// What the chat view offers to other host features (selection commands, code actions), so they need not
// know how the conversation is kept or rendered.
import type { AssistantMessage, CodeContext, ImageRef, UserMessage } from '../shared/conversation';

export interface ChatApi {
  /** Shows the chat view and waits until it is visible. */
  reveal(): Promise<void>;
  /** Sends a user message with attached code, as if typed in the chat. */
  send(text: string, contexts?: readonly CodeContext[]): Promise<void>;
  /** Attaches code to the draft as a removable chip, without sending. */
  attach(context: CodeContext): Promise<void>;
  /** The code attached to the question that produced the given answer (for Replace Selection / Show Diff). */
  contextsForAnswer(answerMessageId: string): readonly CodeContext[];
  /** What is in the chat input now, with its attached code (nothing is taken out of it). */
  draftQuestion(): { readonly text: string; readonly contexts: readonly CodeContext[]; readonly images: readonly ImageRef[] };
  /**
   * Adds a question and its answer from elsewhere (Compare Models) to the open chat and shows it; false while an
   * answer streams or messages wait there.
   */
  adoptExchange(question: UserMessage, answer: AssistantMessage): Promise<boolean>;
}
