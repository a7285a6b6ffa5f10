// The settings a chat request depends on, read fresh by the host for every request.
import type { ClaudeEndpoint } from '../requests/modelRules';

export type ReasoningEffort = 'low' | 'medium' | 'high';

export interface ChatSettings {
  readonly baseUrl: string;
  readonly model: string;
  readonly systemPrompt: string;
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  readonly requestTimeoutSeconds: number;
  readonly maxRetries: number;
  readonly reasoningEffort?: ReasoningEffort;
  readonly maxContextTokens: number;
  /** Where Claude models are sent: Anthropic's /v1/messages, or chat completions. */
  readonly claudeEndpoint: ClaudeEndpoint;
}

export const defaultChatSettings: ChatSettings = {
  baseUrl: 'https://api.cometapi.com/v1',
  model: 'gpt-5-mini',
  systemPrompt: '',
  requestTimeoutSeconds: 60,
  maxRetries: 3,
  maxContextTokens: 64000,
  claudeEndpoint: 'messages',
};

function finiteOrUndefined(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : undefined;
}

/** Turns raw configuration values (any shape a person can type into settings.json) into safe settings. */
export function sanitizeChatSettings(raw: Record<string, unknown>): ChatSettings {
  const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value.trim() : fallback);
  const effort = raw.reasoningEffort;
  const maxOutput = finiteOrUndefined(raw.maxOutputTokens, 1, 10_000_000);
  return {
    baseUrl: text(raw.baseUrl, defaultChatSettings.baseUrl),
    model: text(raw.model, defaultChatSettings.model),
    systemPrompt: typeof raw.systemPrompt === 'string' ? raw.systemPrompt : '',
    temperature: finiteOrUndefined(raw.temperature, 0, 2),
    maxOutputTokens: maxOutput === undefined ? undefined : Math.floor(maxOutput),
    requestTimeoutSeconds: finiteOrUndefined(raw.requestTimeoutSeconds, 5, 600) ?? defaultChatSettings.requestTimeoutSeconds,
    maxRetries: Math.floor(finiteOrUndefined(raw.maxRetries, 0, 8) ?? defaultChatSettings.maxRetries),
    reasoningEffort: effort === 'low' || effort === 'medium' || effort === 'high' ? effort : undefined,
    maxContextTokens: Math.floor(finiteOrUndefined(raw.maxContextTokens, 1000, 10_000_000) ?? defaultChatSettings.maxContextTokens),
    claudeEndpoint: raw.claudeEndpoint === 'chat' ? 'chat' : 'messages',
  };
}
