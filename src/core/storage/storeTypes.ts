// The conversation store's public shapes: how it is opened, what it tells about other windows' changes, what
// search and delete return. Kept apart from the store's mechanics (conversationStore.ts).
import type { Conversation } from '../../shared/conversation';
import type { ConversationSummary } from '../../shared/protocol';
import type { OutsideChanges } from './conversationSync';
import type { StoreProblem } from './storeProblems';
import type { Timers } from './writeQueue';

export interface ConversationStoreOptions {
  /** Told about damaged, unreadable or unsaved files; the host shows the message. */
  readonly onProblem?: (problem: StoreProblem) => void;
  readonly now?: () => number;
  readonly timers?: Timers;
  /** How long scheduleSave waits before writing (default 500 ms). */
  readonly saveDelayMs?: number;
  /** Replaces a file's content atomically (default writeFileAtomic); tests count or fail writes with it. */
  readonly writeFile?: (path: string, data: string) => Promise<void>;
  /** Told when a save or refresh found changes another window made to the same conversation. */
  readonly onExternalChange?: (change: ExternalChange) => void;
}

export type ExternalChange =
  /** Another window's changes were merged in; `conversation` is the result, to show. */
  | ({ readonly kind: 'merged'; readonly id: string; readonly conversation: Conversation } & OutsideChanges)
  /**
   * Both windows changed the same messages: this window's version was saved; the other window's version was
   * saved as a new conversation `forkId`, titled `forkTitle`.
   */
  | { readonly kind: 'forked'; readonly id: string; readonly forkId: string; readonly forkTitle: string };

export interface SearchHit extends ConversationSummary {
  /** Excerpt around the first match in a message; '' when only the title matched. */
  readonly snippet: string;
}

/** What delete() removed: keep it to offer Undo (pass `conversation` to restore()). */
export interface DeletedConversation {
  readonly conversation: Conversation;
}
