// Which code an answer was about: the selections attached to the question that produced it. Replace Selection
// and Show Diff compare a suggestion with this code.
import type { CodeContext, Conversation } from '../../shared/conversation';

/** The code attached to the question before `answerMessageId`; empty when there was none or the answer is unknown. */
export function contextsForAnswer(conversation: Conversation, answerMessageId: string): readonly CodeContext[] {
  const messages = conversation.messages;
  const index = messages.findIndex((message) => message.id === answerMessageId);
  for (let i = index - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === 'user') {
      return message.contexts ?? [];
    }
  }
  return [];
}
