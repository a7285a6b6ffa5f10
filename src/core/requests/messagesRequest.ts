// The body of POST /v1/messages (Anthropic's format, which CometAPI serves for Claude), exactly as sent. Two
// things make this format worth using over chat completions (docs/cometapi-wire.md#anthropic-format-post-v1messages):
// - Prompt caching. A block marked `cache_control: {type: "ephemeral"}` ends a prefix the provider keeps for a
//   few minutes; a later request starting with the same prefix reads it from cache at a fraction of the input
//   price. We mark the system prompt, and, once the request is long enough to be cached at all, the newest
//   question: it ends "the conversation so far" with any file or selection attached to it, which is exactly
//   the prefix of the follow-up. The provider looks back from a mark for the longest prefix it already holds,
//   so each turn reads what the previous turn wrote. A prefix shorter than MIN_CACHED_PREFIX_TOKENS is not
//   cached by the provider anyway, so it is not marked.
// - Extended thinking, streamed into the Thinking block, with a budget per reasoning effort.
// Requests with tools never come here (modelRules.endpointFor keeps them on chat completions).
import { estimateTokens } from '../../shared/tokenEstimate';
import type { ApiMessage, ChatRequest } from '../streams/events';
import { isInstruction, rulesForModel, temperatureFor } from './modelRules';

/** Sent as the `anthropic-version` header; the version the format above is documented for. */
export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Thinking budgets per cometapi.reasoningEffort (tokens the model may think before answering). Anthropic's
 * smallest budget is 1024; high stays small enough that budget plus the default answer length fits the output
 * limit of every Claude model that thinks (Opus 4 allows 32,000 output tokens).
 */
export const THINKING_BUDGET_TOKENS = { low: 2048, medium: 8192, high: 16384 } as const;
/** A `-thinking` id with no effort set thinks this much. */
export const DEFAULT_THINKING_EFFORT = 'medium';

/** Anthropic caches no prefix shorter than this (1024 tokens for Sonnet and Opus). By estimate. */
export const MIN_CACHED_PREFIX_TOKENS = 1024;

/** max_tokens is required; this is the answer length when cometapi.maxOutputTokens is not set. */
export const DEFAULT_MAX_TOKENS = 8192;
/** Claude 2 and the first Claude 3 models cannot write more than this in one answer. */
const OLD_MODEL_MAX_TOKENS = 4096;
const OLD_MODELS = /^claude-(2|instant|3-(haiku|sonnet|opus))/;
/** Claude models from before extended thinking existed (it came with Claude 3.7 Sonnet). */
const NO_THINKING = /^claude-(2|instant|3-(haiku|sonnet|opus)|3-5-)/;

const EPHEMERAL = { type: 'ephemeral' } as const;

type Block =
  | { type: 'text'; text: string; cache_control?: typeof EPHEMERAL }
  | { type: 'image'; source: { type: 'base64'; media_type: string; data: string }; cache_control?: typeof EPHEMERAL };
interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: Block[];
}

/** A message's blocks: its text, or its parts in order with images as base64 sources (no URL is fetched). */
function blocksOf(message: ApiMessage): Block[] {
  if (message.parts === undefined) {
    return message.content.trim() === '' ? [] : [{ type: 'text', text: message.content }];
  }
  return message.parts.flatMap((part): Block[] => {
    if (part.type === 'image') {
      return [{ type: 'image', source: { type: 'base64', media_type: part.mimeType, data: part.base64 } }];
    }
    return part.text.trim() === '' ? [] : [{ type: 'text', text: part.text }];
  });
}

/** The answer length for a model when the person set none. */
export function defaultMaxTokens(modelId: string): number {
  return OLD_MODELS.test(modelId.trim().toLowerCase()) ? OLD_MODEL_MAX_TOKENS : DEFAULT_MAX_TOKENS;
}

/** The thinking budget this request asks for, or undefined when the model should answer straight away. */
export function thinkingBudgetFor(request: ChatRequest): number | undefined {
  const id = request.model.trim().toLowerCase();
  if (NO_THINKING.test(id)) {
    return undefined;
  }
  if (request.reasoningEffort !== undefined) {
    return THINKING_BUDGET_TOKENS[request.reasoningEffort];
  }
  return rulesForModel(id).family === 'claude-thinking' ? THINKING_BUDGET_TOKENS[DEFAULT_THINKING_EFFORT] : undefined;
}

/**
 * User and assistant turns as Anthropic wants them: one text block per message, empty ones left out (the API
 * refuses empty text blocks), and two messages of the same role in a row (a question whose answer failed, then
 * the next question) joined into one turn as separate blocks, so the same history always gives the same blocks
 * and a cached prefix stays a prefix.
 */
function toTurns(messages: readonly ApiMessage[]): AnthropicMessage[] {
  const turns: AnthropicMessage[] = [];
  for (const message of messages) {
    const blocks = isInstruction(message) ? [] : blocksOf(message);
    if (blocks.length === 0) {
      continue;
    }
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const previous = turns[turns.length - 1];
    if (previous?.role === role) {
      previous.content.push(...blocks);
    } else {
      turns.push({ role, content: blocks });
    }
  }
  return turns;
}

export function buildMessagesBody(request: ChatRequest): Record<string, unknown> {
  const rules = rulesForModel(request.model);
  const instructions = request.messages
    .filter(isInstruction)
    .map((message) => message.content)
    .filter((text) => text.trim() !== '')
    .join('\n\n');
  const turns = toTurns(request.messages);
  const estimated = request.messages.reduce((sum, message) => sum + estimateTokens(message.content), 0);
  const newest = turns[turns.length - 1];
  const newestBlock = newest?.role === 'user' ? newest.content[newest.content.length - 1] : undefined;
  if (newestBlock && estimated >= MIN_CACHED_PREFIX_TOKENS) {
    newestBlock.cache_control = EPHEMERAL;
  }
  const budget = thinkingBudgetFor(request);
  const answerTokens = request.maxOutputTokens ?? defaultMaxTokens(request.model);
  // Thinking counts against max_tokens, which must stay above the budget: the person's limit is for the answer.
  const maxTokens = budget === undefined ? answerTokens : budget + answerTokens;
  // Anthropic refuses a custom temperature together with thinking.
  const temperature = budget === undefined ? temperatureFor(rules, request.temperature) : undefined;
  return {
    model: request.model,
    max_tokens: maxTokens,
    ...(instructions !== '' ? { system: [{ type: 'text', text: instructions, cache_control: EPHEMERAL }] } : {}),
    messages: turns,
    stream: true,
    ...(budget !== undefined ? { thinking: { type: 'enabled', budget_tokens: budget } } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
  };
}
