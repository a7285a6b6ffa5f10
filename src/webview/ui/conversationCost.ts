// The running total of what the open conversation's answers cost, for the header. Each answer's cost was worked
// out and stored when it ended (docs/cometapi-wire.md#cost); this only adds them up, in transcript order, so
// Retry and edit-and-resend (which drop the messages after a point) drop their costs too.
import type { AnswerCost, ChatMessage } from '../../shared/conversation';

export interface CostTotal {
  readonly usd: number;
  /** Answers whose cost is in `usd`. */
  readonly priced: number;
  /** Answers that ended with "Price unknown" or "Usage not reported": not in `usd`. */
  readonly unpriced: number;
}

export class ConversationCostTally {
  private order: string[] = [];
  private readonly costs = new Map<string, AnswerCost | undefined>();

  reset(messages: readonly ChatMessage[]): void {
    this.order = [];
    this.costs.clear();
    for (const message of messages) {
      this.add(message);
    }
  }

  add(message: ChatMessage): void {
    this.order.push(message.id);
    this.costs.set(message.id, message.role === 'assistant' ? message.cost : undefined);
  }

  ended(messageId: string, cost: AnswerCost | undefined): void {
    if (this.costs.has(messageId)) {
      this.costs.set(messageId, cost);
    }
  }

  truncateFrom(messageId: string): void {
    const index = this.order.indexOf(messageId);
    if (index < 0) {
      return;
    }
    for (const id of this.order.splice(index)) {
      this.costs.delete(id);
    }
  }

  total(): CostTotal {
    let usd = 0;
    let priced = 0;
    let unpriced = 0;
    for (const cost of this.costs.values()) {
      if (cost?.kind === 'priced') {
        usd += cost.usd;
        priced += 1;
      } else if (cost !== undefined) {
        unpriced += 1;
      }
    }
    return { usd, priced, unpriced };
  }
}
