// VS Code's language model messages, in a plain shape the host fills from VS Code's part classes, turned into
// the ApiMessages the chat client sends (docs/architecture.md#vs-codes-language-model-api). Also the token
// estimate VS Code asks for, the tool choice for VS Code's tool mode, and the model options we take from a
// caller. Pure: no vscode, no I/O.
import { estimateTokens } from '../../shared/tokenEstimate';
import type { ApiContentPart, ApiMessage, ApiTool, ApiToolCall, ApiToolChoice } from '../streams/events';

export type LmPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'toolCall'; readonly callId: string; readonly name: string; readonly input: unknown }
  /** A tool's result; `text` is what the tool returned, its parts joined. */
  | { readonly kind: 'toolResult'; readonly callId: string; readonly text: string }
  | { readonly kind: 'image'; readonly mimeType: string; readonly data: Uint8Array };

export interface LmMessage {
  /** VS Code's chat sends its instructions as a system message (role 3, not yet in the stable API's enum). */
  readonly role: 'user' | 'assistant' | 'system';
  readonly parts: readonly LmPart[];
}

export interface LmTool {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: object;
}

function textOf(parts: readonly LmPart[]): string {
  return parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
}

function base64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

function assistantMessage(parts: readonly LmPart[]): ApiMessage {
  const toolCalls: ApiToolCall[] = parts.flatMap((part) =>
    part.kind === 'toolCall' ? [{ id: part.callId, name: part.name, arguments: JSON.stringify(part.input ?? {}) }] : [],
  );
  return { role: 'assistant', content: textOf(parts), ...(toolCalls.length > 0 ? { toolCalls } : {}) };
}

/**
 * A user message's tool results become `tool` messages, first (they must directly follow the assistant's
 * calls); its text and images, if any, become one user message after them.
 */
function userMessages(parts: readonly LmPart[]): ApiMessage[] {
  const results: ApiMessage[] = parts.flatMap((part) =>
    part.kind === 'toolResult' ? [{ role: 'tool', toolCallId: part.callId, content: part.text } as const] : [],
  );
  const content: ApiContentPart[] = parts.flatMap((part): ApiContentPart[] => {
    if (part.kind === 'text') {
      return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    }
    return part.kind === 'image' ? [{ type: 'image', mimeType: part.mimeType, base64: base64(part.data) }] : [];
  });
  if (content.length === 0) {
    return results;
  }
  const text = textOf(parts);
  const hasImage = content.some((part) => part.type === 'image');
  return [...results, { role: 'user', content: text, ...(hasImage ? { parts: content } : {}) }];
}

/**
 * The conversation as the API takes it. A system message is sent as an instruction; the model rules decide
 * whether it goes as `system` or `developer` (or as the Responses API's `instructions`).
 */
export function toApiMessages(messages: readonly LmMessage[]): ApiMessage[] {
  return messages.flatMap((message): ApiMessage[] => {
    switch (message.role) {
      case 'system':
        return [{ role: 'system', content: textOf(message.parts) }];
      case 'assistant':
        return [assistantMessage(message.parts)];
      case 'user':
        return userMessages(message.parts);
    }
  });
}

export function toApiTools(tools: readonly LmTool[] | undefined): ApiTool[] | undefined {
  if (tools === undefined || tools.length === 0) {
    return undefined;
  }
  // Chat completions want an object schema; a tool without one takes no arguments.
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    parameters: (tool.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
  }));
}

/** VS Code's tool mode as `tool_choice`: Required with one tool names it; with several, any one must be called. */
export function toolChoiceFor(mode: 'auto' | 'required', tools: readonly ApiTool[] | undefined): ApiToolChoice | undefined {
  if (tools === undefined || tools.length === 0) {
    return undefined;
  }
  if (mode === 'auto') {
    return 'auto';
  }
  return tools.length === 1 ? { name: tools[0].name } : 'required';
}

/** Tokens an image costs, roughly (a high-detail 1024 px image is about 765 tokens for OpenAI's models). */
const IMAGE_TOKENS = 800;
/** Role and separators around each message. */
const MESSAGE_OVERHEAD_TOKENS = 4;

/** The extension's own estimate (shared/tokenEstimate.ts) for a message VS Code asks about. */
export function estimateLmTokens(message: LmMessage): number {
  let total = MESSAGE_OVERHEAD_TOKENS;
  for (const part of message.parts) {
    switch (part.kind) {
      case 'text':
        total += estimateTokens(part.text);
        break;
      case 'toolCall':
        total += estimateTokens(part.name) + estimateTokens(JSON.stringify(part.input ?? {}));
        break;
      case 'toolResult':
        total += estimateTokens(part.text);
        break;
      case 'image':
        total += IMAGE_TOKENS;
        break;
    }
  }
  return total;
}

export interface LmRequestOptions {
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  readonly reasoningEffort?: 'low' | 'medium' | 'high';
}

/**
 * The request options a caller may set through `modelOptions`. Only these known keys are read, checked by
 * type; everything else is dropped, above all VS Code's private keys starting with `_`, which the API must
 * never see.
 */
export function requestOptionsFrom(modelOptions: Readonly<Record<string, unknown>> | undefined): LmRequestOptions {
  const options: { -readonly [K in keyof LmRequestOptions]: LmRequestOptions[K] } = {};
  if (modelOptions === undefined) {
    return options;
  }
  const temperature = modelOptions.temperature;
  if (typeof temperature === 'number' && Number.isFinite(temperature) && temperature >= 0 && temperature <= 2) {
    options.temperature = temperature;
  }
  const maxTokens = modelOptions.maxOutputTokens ?? modelOptions.max_tokens ?? modelOptions.maxTokens;
  if (typeof maxTokens === 'number' && Number.isInteger(maxTokens) && maxTokens > 0) {
    options.maxOutputTokens = maxTokens;
  }
  const effort = modelOptions.reasoningEffort ?? modelOptions.reasoning_effort;
  if (effort === 'low' || effort === 'medium' || effort === 'high') {
    options.reasoningEffort = effort;
  }
  return options;
}
