// Opening the conversation store, with a way out when the disk refuses: if VS Code's global storage folder
// cannot be created or written (permissions, a read-only or full disk, a file in the way), the chat still
// works for this session with conversations kept in memory, and the person is told once that nothing will be
// saved. Everything else (the key, models, commands) is unaffected.
import type { Conversation } from '../../shared/conversation';
import type { ConversationSummary } from '../../shared/protocol';
import { renameConversation, summarize } from '../conversation/conversationOps';
import { matchConversation, queryMatcher } from '../conversation/conversationSearch';
import { ConversationStore, type ConversationStoreOptions, type DeletedConversation, type SearchHit } from './conversationStore';

/** What the host uses of a store: the disk-backed ConversationStore or the in-memory fallback. */
export type ChatStore = Pick<
  ConversationStore,
  | 'lastActiveId'
  | 'setLastActiveId'
  | 'list'
  | 'load'
  | 'checkout'
  | 'adoptMerged'
  | 'refresh'
  | 'save'
  | 'scheduleSave'
  | 'flush'
  | 'delete'
  | 'restore'
  | 'rename'
  | 'search'
  | 'dispose'
>;

export interface OpenedChatStore {
  readonly store: ChatStore;
  /** Set when the fallback is in use: why conversations will not be saved, in a plain sentence. */
  readonly notSavedBecause?: string;
}

/** Opens the store in `root`; when that fails, an in-memory store and the reason. Never throws. */
export async function openChatStore(root: string, options: ConversationStoreOptions = {}): Promise<OpenedChatStore> {
  try {
    return { store: await ConversationStore.open(root, options) };
  } catch (error) {
    return { store: new MemoryConversationStore(options.now), notSavedBecause: error instanceof Error ? error.message : String(error) };
  }
}

/** Conversations kept for this session only. */
export class MemoryConversationStore implements ChatStore {
  private readonly conversations = new Map<string, Conversation>();
  private last: string | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  get lastActiveId(): string | undefined {
    return this.last;
  }

  async setLastActiveId(id: string | undefined): Promise<void> {
    this.last = id;
  }

  async list(): Promise<ConversationSummary[]> {
    return newestFirst([...this.conversations.values()].map(summarize));
  }

  async load(id: string): Promise<Conversation | undefined> {
    return this.conversations.get(id);
  }

  async checkout(id: string): Promise<Conversation | undefined> {
    return this.conversations.get(id);
  }

  adoptMerged(): Conversation | undefined {
    return undefined;
  }

  async refresh(): Promise<void> {
    // Nothing else writes to memory.
  }

  async save(conversation: Conversation): Promise<void> {
    this.conversations.set(conversation.id, conversation);
  }

  scheduleSave(conversation: Conversation): void {
    this.conversations.set(conversation.id, conversation);
  }

  async flush(): Promise<void> {
    // Nothing is pending.
  }

  async delete(id: string): Promise<DeletedConversation | undefined> {
    const conversation = this.conversations.get(id);
    this.conversations.delete(id);
    if (this.last === id) {
      this.last = undefined;
    }
    return conversation ? { conversation } : undefined;
  }

  async restore(conversation: Conversation): Promise<void> {
    this.conversations.set(conversation.id, conversation);
  }

  async rename(id: string, title: string): Promise<Conversation | undefined> {
    const conversation = this.conversations.get(id);
    if (!conversation) {
      return undefined;
    }
    const renamed = renameConversation(conversation, title, this.now());
    this.conversations.set(id, renamed);
    return renamed;
  }

  async search(query: string): Promise<SearchHit[]> {
    const matcher = queryMatcher(query);
    const hits: SearchHit[] = [];
    for (const conversation of this.conversations.values()) {
      const match = matcher ? matchConversation(conversation, matcher) : { snippet: '' };
      if (match) {
        hits.push({ ...summarize(conversation), snippet: match.snippet });
      }
    }
    return newestFirst(hits);
  }

  async dispose(): Promise<void> {
    // Nothing to write.
  }
}

function newestFirst<T extends ConversationSummary>(items: T[]): T[] {
  return items.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}
