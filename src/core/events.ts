// Typed events the chat client yields, whatever endpoint (chat completions or responses) served them.
import type { ChatErrorInfo, Usage } from '../shared/conversation';

export type ChatStreamEvent =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'reasoning'; readonly text: string }
  | { readonly kind: 'usage'; readonly usage: Usage }
  /** The model the server says answered (often a dated snapshot of the requested id). */
  | { readonly kind: 'model'; readonly model: string }
  | { readonly kind: 'finish'; readonly reason: string }
  /** Waiting before another attempt; only before the first token. */
  | { readonly kind: 'retry'; readonly attempt: number; readonly delayMs: number; readonly error: ChatErrorInfo }
  | { readonly kind: 'error'; readonly error: ChatErrorInfo };

/** A message as sent to the API (after prompt building and context trimming). */
export interface ApiMessage {
  readonly role: 'system' | 'developer' | 'user' | 'assistant';
  readonly content: string;
}

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ApiMessage[];
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  readonly reasoningEffort?: 'low' | 'medium' | 'high';
}
