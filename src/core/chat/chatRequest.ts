// What one answer asks the API: the conversation so far cut to the context budget, with the settings' system
// prompt and parameters, and how to reach the server. Pure, so the session only streams.
import type { Conversation, ImageMimeType, UserMessage } from '../../shared/conversation';
import type { StreamChatOptions } from '../client/chatClient';
import { buildApiMessages } from '../conversation/contextBudget';
import type { ChatRequest } from '../streams/events';
import { rulesForModel } from '../requests/modelRules';
import type { ChatSettings } from './chatSettings';

export interface PreparedRequest {
  readonly request: ChatRequest;
  readonly options: StreamChatOptions;
  /** Turns left out to fit maxContextTokens (the chat says so). */
  readonly droppedTurns: number;
  readonly estimatedTokens: number;
}

export function prepareRequest(
  history: Conversation,
  settings: ChatSettings,
  apiKey: string,
  renderUserMessage: (message: UserMessage) => string,
  /** Base64 of every image the history names, by SHA-256 (read from the image store before this). */
  imageData: ReadonlyMap<string, string> = new Map(),
): PreparedRequest {
  const built = buildApiMessages(history, {
    systemPrompt: settings.systemPrompt,
    instructionRole: rulesForModel(settings.model).instructionRole,
    maxContextTokens: settings.maxContextTokens,
    renderUserMessage,
    imagePartsOf: (message) =>
      (message.images ?? []).flatMap((image) => {
        const base64 = imageData.get(image.sha256);
        return base64 === undefined ? [] : [{ type: 'image' as const, mimeType: image.mimeType satisfies ImageMimeType, base64 }];
      }),
  });
  const request: ChatRequest = {
    model: settings.model,
    messages: built.messages,
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.maxOutputTokens !== undefined ? { maxOutputTokens: settings.maxOutputTokens } : {}),
    ...(settings.reasoningEffort !== undefined ? { reasoningEffort: settings.reasoningEffort } : {}),
  };
  const options: StreamChatOptions = {
    baseUrl: settings.baseUrl,
    apiKey,
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    maxRetries: settings.maxRetries,
    claudeEndpoint: settings.claudeEndpoint,
  };
  return { request, options, droppedTurns: built.droppedTurns, estimatedTokens: built.estimatedTokens };
}
