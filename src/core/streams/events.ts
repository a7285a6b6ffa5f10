// Typed events the chat client yields, whatever endpoint (chat completions or responses) served them.
import type { ChatErrorInfo, Usage } from '../../shared/conversation';

export type ChatStreamEvent =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'reasoning'; readonly text: string }
  | { readonly kind: 'usage'; readonly usage: Usage }
  /** The model the server says answered (often a dated snapshot of the requested id). */
  | { readonly kind: 'model'; readonly model: string }
  /** A complete tool call (only when the request carried tools): its arguments already parsed as JSON. */
  | { readonly kind: 'toolCall'; readonly call: ToolCallRequest }
  /** CometAPI's id for this attempt, from the response headers, for the log. */
  | { readonly kind: 'requestId'; readonly requestId: string }
  | { readonly kind: 'finish'; readonly reason: string }
  /** Waiting before another attempt; only before the first token. */
  | { readonly kind: 'retry'; readonly attempt: number; readonly delayMs: number; readonly error: ChatErrorInfo }
  | { readonly kind: 'error'; readonly error: ChatErrorInfo };

export interface ToolCallRequest {
  readonly id: string;
  readonly name: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** A part of a user message that holds more than text (VS Code's chat can send images). */
export type ApiContentPart = { readonly type: 'text'; readonly text: string } | { readonly type: 'image'; readonly mimeType: string; readonly base64: string };

/** A tool call as the assistant made it, sent back with the conversation; `arguments` is JSON text. */
export interface ApiToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** A message as sent to the API (after prompt building and context trimming). */
export interface ApiMessage {
  readonly role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  /** The text; for a message with `parts`, the text of its text parts (what token estimates count). */
  readonly content: string;
  /** User messages with images: text and images in their order; sent instead of `content`. */
  readonly parts?: readonly ApiContentPart[];
  /** Assistant messages that called tools. */
  readonly toolCalls?: readonly ApiToolCall[];
  /** Tool messages: the call this is the result of. */
  readonly toolCallId?: string;
}

/** A function the model may call (JSON schema parameters), as VS Code's chat or another extension offers it. */
export interface ApiTool {
  readonly name: string;
  readonly description: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** `required`: the model must call one of the tools (exactly that one when there is only one). */
export type ApiToolChoice = 'auto' | 'required' | { readonly name: string };

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ApiMessage[];
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  readonly reasoningEffort?: 'low' | 'medium' | 'high';
  readonly tools?: readonly ApiTool[];
  readonly toolChoice?: ApiToolChoice;
}
