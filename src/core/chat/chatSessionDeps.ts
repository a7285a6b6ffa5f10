// What a chat session needs from outside: where its messages go, the settings, the key, the network and the
// clocks, all injected so the whole turn runs in Node tests against the mock server (chatSession.ts).
import type { KeyGrant } from '../security/keyOrigin';
import type { Conversation, UserMessage } from '../../shared/conversation';
import type { HostToWebview } from '../../shared/protocol';
import type { ChatRequest, ChatStreamEvent } from '../streams/events';
import type { StreamChatOptions } from '../client/chatClient';
import type { ModelPrice } from '../models/modelCatalog';
import type { ImageStore } from '../storage/imageStore';
import type { ChatSettings } from './chatSettings';
import type { Clock } from './retryNotices';

export type StreamChat = (request: ChatRequest, options: StreamChatOptions, signal: AbortSignal) => AsyncIterable<ChatStreamEvent>;

export interface ChatSessionDeps {
  readonly post: (message: HostToWebview) => void;
  readonly readSettings: () => ChatSettings;
  /** The key for this request's base URL, or why it was withheld (no key, plain http, another origin declined). */
  readonly getApiKey: () => Promise<KeyGrant>;
  readonly streamChat: StreamChat;
  /** The catalogue's price of a model now, if it has one; answers keep the cost worked out from it. */
  readonly priceOf?: (model: string) => ModelPrice | undefined;
  /** Called on every visible change; persistence debounces it. */
  readonly onConversationChanged: (conversation: Conversation) => void;
  /** Called when an answer ended, so persistence writes at once. */
  readonly onAnswerSettled: (conversation: Conversation) => void;
  readonly onStreamingChanged: (streaming: boolean) => void;
  /**
   * Retry or Edit on an earlier turn continued in `fork`, a new conversation, leaving `original` as it was.
   * The host makes the fork the active conversation and shows it (the full state) before this resolves.
   */
  readonly onForked: (fork: Conversation, original: Conversation) => Promise<void>;
  readonly renderUserMessage: (message: UserMessage) => string;
  /** Where the images of questions are kept (by hash); without one, questions with images are refused. */
  readonly images?: ImageStore;
  /** Why `imageCount` images cannot go to `model` (not a vision model, too many); default: the rules table. */
  readonly imageRefusal?: (model: string, imageCount: number) => string | undefined;
  readonly log: (line: string) => void;
  readonly newId: () => string;
  readonly now: () => number;
  readonly coalesceMs?: number;
  /** Drives the retry countdown; tests pass a fake one. */
  readonly clock?: Clock;
}
