// The conversation model shared by host (which owns and persists it) and webview (which renders it).

/** Token counts as the server reported them; absent fields were not reported. */
export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
  readonly reasoningTokens?: number;
}

/** The closed set of failures a person can see; see src/core/errors.ts for how each is recognised. */
export type ErrorKind =
  | 'auth'
  | 'quota'
  | 'rateLimit'
  | 'modelNotFound'
  | 'badBaseUrl'
  | 'badRequest'
  | 'network'
  | 'timeout'
  | 'server'
  | 'streamBroken'
  | 'cancelled';

/** What the error card offers as its fix. Each maps to a host command. */
export type ErrorAction = 'setApiKey' | 'selectModel' | 'retry' | 'openSettings';

export interface ChatErrorInfo {
  readonly kind: ErrorKind;
  /** Plain sentence for the person; never holds the API key. */
  readonly message: string;
  /** CometAPI's request id, to quote to support. */
  readonly requestId?: string;
  readonly status?: number;
  readonly actions: readonly ErrorAction[];
}

/**
 * streaming: tokens still arriving. done: finished normally. stopped: the person pressed Stop.
 * error: failed (see `error`). interrupted: the window closed or crashed mid-answer.
 */
export type AnswerStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

/** Code the person attached from an editor (Explain Selection and friends). */
export interface CodeContext {
  readonly path: string;
  readonly languageId: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly code: string;
  /** Set when the selection was cut to fit: the last line that was included. */
  readonly truncatedAtLine?: number;
  /** Total lines of the original selection, for the "lines 1-2,300 of 9,000" notice. */
  readonly totalLines?: number;
  /** The document's URI, so "Replace Selection" can find it again. */
  readonly uri?: string;
}

export interface UserMessage {
  readonly id: string;
  readonly role: 'user';
  /** What the person typed (or the instruction of Explain Selection). */
  readonly text: string;
  readonly createdAt: number;
  readonly contexts?: readonly CodeContext[];
}

export interface AssistantMessage {
  readonly id: string;
  readonly role: 'assistant';
  readonly text: string;
  readonly reasoning?: string;
  /** The model id that was asked (the server may answer with a dated snapshot; see `servedModel`). */
  readonly model: string;
  readonly servedModel?: string;
  readonly status: AnswerStatus;
  readonly usage?: Usage;
  readonly finishReason?: string;
  readonly error?: ChatErrorInfo;
  readonly createdAt: number;
  readonly endedAt?: number;
}

export type ChatMessage = UserMessage | AssistantMessage;

export interface Conversation {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Name of the workspace the conversation was started in, if any. */
  readonly workspace?: string;
  readonly messages: readonly ChatMessage[];
}
