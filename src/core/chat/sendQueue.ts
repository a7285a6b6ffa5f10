// Questions the person sent while an answer was streaming. They wait here, in the host (so a reloaded chat
// view still shows them), and go out one by one, oldest first, each when the answer before it has ended.
import type { CodeContext, ImageRef } from '../../shared/conversation';
import { MAX_QUEUED_MESSAGES, type QueuedMessage } from '../../shared/protocol';

export interface QueuedSend {
  readonly id: string;
  readonly text: string;
  readonly contexts: readonly CodeContext[];
  /** Images attached to it (stored already; only their references wait here). */
  readonly images?: readonly ImageRef[];
}

export class SendQueue {
  private items: QueuedSend[] = [];

  get length(): number {
    return this.items.length;
  }

  /** False when the queue is full: the caller tells the person instead of dropping the text. */
  add(item: QueuedSend): boolean {
    if (this.items.length >= MAX_QUEUED_MESSAGES) {
      return false;
    }
    this.items.push(item);
    return true;
  }

  /** The oldest waiting message, taken out of the queue. */
  next(): QueuedSend | undefined {
    return this.items.shift();
  }

  remove(id: string): QueuedSend | undefined {
    const index = this.items.findIndex((item) => item.id === id);
    return index < 0 ? undefined : this.items.splice(index, 1)[0];
  }

  takeAll(): QueuedSend[] {
    const all = this.items;
    this.items = [];
    return all;
  }

  /** What the chat view shows: the text and how much code goes with it, never the code itself. */
  view(): QueuedMessage[] {
    return this.items.map((item) => ({ id: item.id, text: item.text, contextCount: item.contexts.length }));
  }
}
