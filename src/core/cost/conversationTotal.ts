// What a stored conversation's answers cost in all, for the history list. Each answer's cost was fixed when it
// ended (answerCost.ts); this only adds up the priced ones, so an answer without a price adds nothing rather than a
// guess (docs/cometapi-wire.md#cost).
import type { ChatMessage } from '../../shared/conversation';

/** The sum of the priced answers in USD, or undefined when no answer has a price. */
export function pricedTotalUsd(messages: readonly ChatMessage[]): number | undefined {
  let total: number | undefined;
  for (const message of messages) {
    if (message.role === 'assistant' && message.cost?.kind === 'priced') {
      total = (total ?? 0) + message.cost.usd;
    }
  }
  return total;
}
