// Which parameters each model family takes, in one table (docs/cometapi-wire.md#parameters-per-model-family).
// Sending a field a model rejects fails the whole request (o-series reject `temperature`, reasoning
// models need `max_completion_tokens`, pro models only live on /v1/responses), so anything not known to be
// accepted is left out. First matching row wins; unknown ids get the safest set.
import type { ChatRequest } from '../streams/events';
import { chatCompletionMessages, chatCompletionTools, isInstruction, responsesInput, responsesTools } from './wireMessages';

export { isInstruction };

export type Endpoint = 'chat' | 'responses' | 'messages';
/** cometapi.claudeEndpoint: Anthropic's own format (default) or the OpenAI-compatible one. */
export type ClaudeEndpoint = 'messages' | 'chat';
export type TokenField = 'max_completion_tokens' | 'max_tokens';
export type InstructionRole = 'developer' | 'system';

/** `omit`: never send. `asIs`: send what the person set. A range: clamp into it. */
export type TemperatureRule = 'omit' | 'asIs' | { readonly min: number; readonly max: number };

export interface ModelRules {
  /** Name of the table row that matched, for logs and tests. */
  readonly family: string;
  readonly endpoint: Endpoint;
  /** Field for the output limit on chat completions (the Responses API always uses `max_output_tokens`). */
  readonly tokenField: TokenField;
  /** Role the system prompt is sent with. */
  readonly instructionRole: InstructionRole;
  readonly temperature: TemperatureRule;
  readonly reasoningEffort: boolean;
}

interface Row extends ModelRules {
  readonly match: RegExp;
}

const OPENAI_RANGE = { min: 0, max: 2 } as const;
const CLAUDE_RANGE = { min: 0, max: 1 } as const;

const REASONING_ON_RESPONSES = {
  endpoint: 'responses',
  tokenField: 'max_completion_tokens',
  instructionRole: 'developer',
  temperature: 'omit',
  reasoningEffort: true,
} as const;

const ROWS: readonly Row[] = [
  // o1-pro, o3-pro, gpt-5-pro, gpt-5.2-pro ...: served only on /v1/responses.
  { family: 'openai-pro', match: /^(o\d+|gpt-5(\.\d+)?)-pro\b/, ...REASONING_ON_RESPONSES },
  // codex-mini-latest, gpt-5-codex, gpt-5.1-codex-max ...: also Responses-only.
  { family: 'openai-codex', match: /(^|-)codex\b/, ...REASONING_ON_RESPONSES },
  // gpt-5-chat-latest and friends are the non-reasoning chat variants: temperature yes, effort no.
  {
    family: 'gpt-5-chat',
    match: /^gpt-5(\.\d+)?-chat\b/,
    endpoint: 'chat',
    tokenField: 'max_completion_tokens',
    instructionRole: 'developer',
    temperature: OPENAI_RANGE,
    reasoningEffort: false,
  },
  // gpt-5, gpt-5-mini, gpt-5-nano, gpt-5.1, gpt-5.4 ...: reasoning models that reject temperature.
  {
    family: 'gpt-5',
    match: /^gpt-5(\b|\.)/,
    endpoint: 'chat',
    tokenField: 'max_completion_tokens',
    instructionRole: 'developer',
    temperature: 'omit',
    reasoningEffort: true,
  },
  // o1, o3, o3-mini, o4-mini, o4-mini-2025-04-16 ...
  {
    family: 'o-series',
    match: /^o\d+(-|$)/,
    endpoint: 'chat',
    tokenField: 'max_completion_tokens',
    instructionRole: 'developer',
    temperature: 'omit',
    reasoningEffort: true,
  },
  {
    family: 'gpt-4.1',
    match: /^gpt-4\.1\b/,
    endpoint: 'chat',
    tokenField: 'max_completion_tokens',
    instructionRole: 'developer',
    temperature: OPENAI_RANGE,
    reasoningEffort: false,
  },
  // gpt-4o, chatgpt-4o-latest, gpt-4-turbo, gpt-3.5-turbo: the legacy field and the system role.
  {
    family: 'openai-legacy',
    match: /^(gpt-|chatgpt-)/,
    endpoint: 'chat',
    tokenField: 'max_tokens',
    instructionRole: 'system',
    temperature: OPENAI_RANGE,
    reasoningEffort: false,
  },
  // Claude goes to POST /v1/messages (prompt caching, extended thinking; docs/cometapi-wire.md#anthropic-format-post-v1messages)
  // unless cometapi.claudeEndpoint says "chat". The fields below are what the chat completions path sends.
  // Extended thinking only works with the default temperature, so none is sent.
  {
    family: 'claude-thinking',
    match: /^claude-.*-thinking$/,
    endpoint: 'messages',
    tokenField: 'max_tokens',
    instructionRole: 'system',
    temperature: 'omit',
    reasoningEffort: false,
  },
  {
    family: 'claude',
    match: /^claude-/,
    endpoint: 'messages',
    tokenField: 'max_tokens',
    instructionRole: 'system',
    temperature: CLAUDE_RANGE,
    reasoningEffort: false,
  },
  {
    family: 'gemini',
    match: /^(gemini|gemma)-/,
    endpoint: 'chat',
    tokenField: 'max_tokens',
    instructionRole: 'system',
    temperature: OPENAI_RANGE,
    reasoningEffort: false,
  },
];

/** DeepSeek, Grok, Qwen, Kimi, Llama, anything new: what every OpenAI-compatible endpoint accepts. */
const UNKNOWN: ModelRules = {
  family: 'unknown',
  endpoint: 'chat',
  tokenField: 'max_tokens',
  instructionRole: 'system',
  temperature: 'asIs',
  reasoningEffort: false,
};

export function rulesForModel(modelId: string): ModelRules {
  const id = modelId.trim().toLowerCase();
  const row = ROWS.find((candidate) => candidate.match.test(id));
  if (!row) {
    return UNKNOWN;
  }
  const { match: _match, ...rules } = row;
  return rules;
}

/**
 * The endpoint a request goes to, with the person's choice for Claude applied. Claude requests that carry
 * tools (VS Code's chat, other extensions) stay on chat completions, where tool calls round-trip already.
 */
export function endpointFor(request: ChatRequest, claudeEndpoint: ClaudeEndpoint = 'messages'): Endpoint {
  const { endpoint } = rulesForModel(request.model);
  if (endpoint !== 'messages') {
    return endpoint;
  }
  const usesTools = (request.tools?.length ?? 0) > 0 || request.messages.some((message) => message.role === 'tool' || (message.toolCalls?.length ?? 0) > 0);
  return claudeEndpoint === 'chat' || usesTools ? 'chat' : 'messages';
}

export function temperatureFor(rules: ModelRules, requested: number | undefined): number | undefined {
  if (requested === undefined || !Number.isFinite(requested) || rules.temperature === 'omit') {
    return undefined;
  }
  if (rules.temperature === 'asIs') {
    return requested;
  }
  return Math.min(rules.temperature.max, Math.max(rules.temperature.min, requested));
}

/** The body of POST /v1/chat/completions, exactly as sent (streaming, with the usage chunk requested). */
export function buildChatCompletionBody(request: ChatRequest): Record<string, unknown> {
  const rules = rulesForModel(request.model);
  const temperature = temperatureFor(rules, request.temperature);
  return {
    model: request.model,
    messages: chatCompletionMessages(request.messages, rules.instructionRole),
    stream: true,
    stream_options: { include_usage: true },
    ...(temperature !== undefined ? { temperature } : {}),
    ...(request.maxOutputTokens !== undefined ? { [rules.tokenField]: request.maxOutputTokens } : {}),
    ...(rules.reasoningEffort && request.reasoningEffort ? { reasoning_effort: request.reasoningEffort } : {}),
    ...chatCompletionTools(request),
  };
}

/**
 * The body of POST /v1/responses: instructions go in `instructions`, the turns in `input`. Only
 * `reasoning.effort` is sent (a reasoning `summary` request is not in CometAPI's documented fields).
 */
export function buildResponsesBody(request: ChatRequest): Record<string, unknown> {
  const rules = rulesForModel(request.model);
  const temperature = temperatureFor(rules, request.temperature);
  const instructions = request.messages
    .filter(isInstruction)
    .map((message) => message.content)
    .join('\n\n');
  return {
    model: request.model,
    input: responsesInput(request.messages),
    stream: true,
    ...(instructions !== '' ? { instructions } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(request.maxOutputTokens !== undefined ? { max_output_tokens: request.maxOutputTokens } : {}),
    ...(rules.reasoningEffort && request.reasoningEffort ? { reasoning: { effort: request.reasoningEffort } } : {}),
    ...responsesTools(request),
  };
}
