// Which parameters each model family takes, in one table (shared/cometapi-wire.md, "Per-provider parameter
// rules"). Sending a field a model rejects fails the whole request (o-series reject `temperature`, reasoning
// models need `max_completion_tokens`, pro models only live on /v1/responses), so anything not known to be
// accepted is left out. First matching row wins; unknown ids get the safest set.
import type { ApiMessage, ChatRequest } from './events';

export type Endpoint = 'chat' | 'responses';
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

const REASONING_ON_RESPONSES = { endpoint: 'responses', tokenField: 'max_completion_tokens', instructionRole: 'developer', temperature: 'omit', reasoningEffort: true } as const;

const ROWS: readonly Row[] = [
  // o1-pro, o3-pro, gpt-5-pro, gpt-5.2-pro ...: served only on /v1/responses.
  { family: 'openai-pro', match: /^(o\d+|gpt-5(\.\d+)?)-pro\b/, ...REASONING_ON_RESPONSES },
  // codex-mini-latest, gpt-5-codex, gpt-5.1-codex-max ...: also Responses-only.
  { family: 'openai-codex', match: /(^|-)codex\b/, ...REASONING_ON_RESPONSES },
  // gpt-5-chat-latest and friends are the non-reasoning chat variants: temperature yes, effort no.
  { family: 'gpt-5-chat', match: /^gpt-5(\.\d+)?-chat\b/, endpoint: 'chat', tokenField: 'max_completion_tokens', instructionRole: 'developer', temperature: OPENAI_RANGE, reasoningEffort: false },
  // gpt-5, gpt-5-mini, gpt-5-nano, gpt-5.1, gpt-5.4 ...: reasoning models that reject temperature.
  { family: 'gpt-5', match: /^gpt-5(\b|\.)/, endpoint: 'chat', tokenField: 'max_completion_tokens', instructionRole: 'developer', temperature: 'omit', reasoningEffort: true },
  // o1, o3, o3-mini, o4-mini, o4-mini-2025-04-16 ...
  { family: 'o-series', match: /^o\d+(-|$)/, endpoint: 'chat', tokenField: 'max_completion_tokens', instructionRole: 'developer', temperature: 'omit', reasoningEffort: true },
  { family: 'gpt-4.1', match: /^gpt-4\.1\b/, endpoint: 'chat', tokenField: 'max_completion_tokens', instructionRole: 'developer', temperature: OPENAI_RANGE, reasoningEffort: false },
  // gpt-4o, chatgpt-4o-latest, gpt-4-turbo, gpt-3.5-turbo: the legacy field and the system role.
  { family: 'openai-legacy', match: /^(gpt-|chatgpt-)/, endpoint: 'chat', tokenField: 'max_tokens', instructionRole: 'system', temperature: OPENAI_RANGE, reasoningEffort: false },
  // Extended thinking only works with the default temperature, so none is sent.
  { family: 'claude-thinking', match: /^claude-.*-thinking$/, endpoint: 'chat', tokenField: 'max_tokens', instructionRole: 'system', temperature: 'omit', reasoningEffort: false },
  { family: 'claude', match: /^claude-/, endpoint: 'chat', tokenField: 'max_tokens', instructionRole: 'system', temperature: CLAUDE_RANGE, reasoningEffort: false },
  { family: 'gemini', match: /^(gemini|gemma)-/, endpoint: 'chat', tokenField: 'max_tokens', instructionRole: 'system', temperature: OPENAI_RANGE, reasoningEffort: false },
];

/** DeepSeek, Grok, Qwen, Kimi, Llama, anything new: what every OpenAI-compatible endpoint accepts. */
const UNKNOWN: ModelRules = { family: 'unknown', endpoint: 'chat', tokenField: 'max_tokens', instructionRole: 'system', temperature: 'asIs', reasoningEffort: false };

export function rulesForModel(modelId: string): ModelRules {
  const id = modelId.trim().toLowerCase();
  const row = ROWS.find((candidate) => candidate.match.test(id));
  if (!row) {
    return UNKNOWN;
  }
  const { match: _match, ...rules } = row;
  return rules;
}

function temperatureFor(rules: ModelRules, requested: number | undefined): number | undefined {
  if (requested === undefined || !Number.isFinite(requested) || rules.temperature === 'omit') {
    return undefined;
  }
  if (rules.temperature === 'asIs') {
    return requested;
  }
  return Math.min(rules.temperature.max, Math.max(rules.temperature.min, requested));
}

function isInstruction(message: ApiMessage): boolean {
  return message.role === 'system' || message.role === 'developer';
}

/** The body of POST /v1/chat/completions, exactly as sent (streaming, with the usage chunk requested). */
export function buildChatCompletionBody(request: ChatRequest): Record<string, unknown> {
  const rules = rulesForModel(request.model);
  const temperature = temperatureFor(rules, request.temperature);
  return {
    model: request.model,
    messages: request.messages.map((message) => ({ role: isInstruction(message) ? rules.instructionRole : message.role, content: message.content })),
    stream: true,
    stream_options: { include_usage: true },
    ...(temperature !== undefined ? { temperature } : {}),
    ...(request.maxOutputTokens !== undefined ? { [rules.tokenField]: request.maxOutputTokens } : {}),
    ...(rules.reasoningEffort && request.reasoningEffort ? { reasoning_effort: request.reasoningEffort } : {}),
  };
}

/**
 * The body of POST /v1/responses: instructions go in `instructions`, the turns in `input`. Only
 * `reasoning.effort` is sent (a reasoning `summary` request is not in CometAPI's documented fields).
 */
export function buildResponsesBody(request: ChatRequest): Record<string, unknown> {
  const rules = rulesForModel(request.model);
  const temperature = temperatureFor(rules, request.temperature);
  const instructions = request.messages.filter(isInstruction).map((message) => message.content).join('\n\n');
  return {
    model: request.model,
    input: request.messages.filter((message) => !isInstruction(message)).map((message) => ({ role: message.role, content: message.content })),
    stream: true,
    ...(instructions !== '' ? { instructions } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(request.maxOutputTokens !== undefined ? { max_output_tokens: request.maxOutputTokens } : {}),
    ...(rules.reasoningEffort && request.reasoningEffort ? { reasoning: { effort: request.reasoningEffort } } : {}),
  };
}
