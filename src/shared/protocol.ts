// The typed message protocol between the extension host and the chat webview.
// Both sides import these with `import type`; the host switches on `type` with an exhaustiveness check,
// the webview validates with isHostToWebview before trusting a message.
import type { AnswerStatus, ChatErrorInfo, ChatMessage, CodeContext, Conversation, ErrorAction, Usage } from './conversation';

/** Summary of a stored conversation for the history list. */
export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  readonly workspace?: string;
  readonly messageCount: number;
}

export type HostToWebview =
  /** Full state, sent in answer to `ready` and whenever the conversation is replaced. */
  | {
      readonly type: 'state';
      readonly conversation: Conversation;
      readonly model: string;
      readonly hasApiKey: boolean;
      /** Id of the answer that is streaming now, if any. */
      readonly streamingMessageId?: string;
    }
  /** A message was appended (the user's question, or a new empty streaming answer). */
  | { readonly type: 'messageAdded'; readonly message: ChatMessage }
  /** Messages from this id on were removed (Retry, edit-and-resend). */
  | { readonly type: 'messagesTruncated'; readonly fromMessageId: string }
  /** Text appended to a streaming answer. Only the new part, never the text so far. */
  | { readonly type: 'delta'; readonly messageId: string; readonly text?: string; readonly reasoning?: string }
  /** The answer finished, was stopped, failed or was interrupted. */
  | {
      readonly type: 'answerEnded';
      readonly messageId: string;
      readonly status: AnswerStatus;
      readonly usage?: Usage;
      readonly finishReason?: string;
      readonly servedModel?: string;
      readonly error?: ChatErrorInfo;
    }
  /** A transient notice about a streaming answer: a retry after a 429, history trimmed to fit, etc. */
  | { readonly type: 'notice'; readonly messageId?: string; readonly text: string; readonly level: 'info' | 'warning' }
  | { readonly type: 'modelChanged'; readonly model: string }
  | { readonly type: 'apiKeyChanged'; readonly hasApiKey: boolean }
  /** Put keyboard focus in the input (after Open Chat / New Chat). */
  | { readonly type: 'focusInput' }
  /** Attach code to the draft as a removable chip (Add Selection to Chat). */
  | { readonly type: 'attachContext'; readonly context: CodeContext }
  /** The history list, in answer to `listConversations`. */
  | { readonly type: 'conversationList'; readonly conversations: readonly ConversationSummary[]; readonly activeId: string };

export type CodeBlockAction = 'insert' | 'replaceSelection' | 'showDiff' | 'newFile';

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly text: string; readonly contexts?: readonly CodeContext[] }
  | { readonly type: 'stop' }
  /** Regenerate the given answer (drops it and anything after it). */
  | { readonly type: 'retry'; readonly messageId: string }
  /** Replace an earlier question with new text and resend from there. */
  | { readonly type: 'editAndResend'; readonly messageId: string; readonly text: string }
  | { readonly type: 'newChat' }
  | { readonly type: 'runAction'; readonly action: ErrorAction }
  | { readonly type: 'copy'; readonly text: string }
  | {
      readonly type: 'codeAction';
      readonly action: CodeBlockAction;
      readonly code: string;
      readonly language: string;
      /** The answer the block belongs to, so Replace Selection can find its source selection. */
      readonly messageId: string;
    }
  | { readonly type: 'openLink'; readonly href: string }
  | { readonly type: 'selectModel' }
  | { readonly type: 'listConversations' }
  | { readonly type: 'openConversation'; readonly id: string }
  | { readonly type: 'deleteConversation'; readonly id: string }
  | { readonly type: 'renameConversation'; readonly id: string; readonly title: string }
  | { readonly type: 'exportConversation'; readonly id: string };

/** Both unions' `type` strings, for validation of messages crossing the boundary. */
const hostToWebviewTypes: ReadonlySet<string> = new Set<HostToWebview['type']>([
  'state',
  'messageAdded',
  'messagesTruncated',
  'delta',
  'answerEnded',
  'notice',
  'modelChanged',
  'apiKeyChanged',
  'focusInput',
  'attachContext',
  'conversationList',
]);

const webviewToHostTypes: ReadonlySet<string> = new Set<WebviewToHost['type']>([
  'ready',
  'send',
  'stop',
  'retry',
  'editAndResend',
  'newChat',
  'runAction',
  'copy',
  'codeAction',
  'openLink',
  'selectModel',
  'listConversations',
  'openConversation',
  'deleteConversation',
  'renameConversation',
  'exportConversation',
]);

function hasKnownType(value: unknown, known: ReadonlySet<string>): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && known.has((value as { type: string }).type);
}

export function isHostToWebview(value: unknown): value is HostToWebview {
  return hasKnownType(value, hostToWebviewTypes);
}

export function isWebviewToHost(value: unknown): value is WebviewToHost {
  return hasKnownType(value, webviewToHostTypes);
}

/** Compile-time exhaustiveness guard for `switch (msg.type)`. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}
