// Chooses which part of a conversation is sent with a request, so long conversations keep working: as much
// recent history as fits cometapi.maxContextTokens (by estimate), dropping the oldest turns first.
import type { ChatMessage, Conversation, UserMessage } from '../../shared/conversation';
import { IMAGE_TOKENS, MESSAGE_OVERHEAD_TOKENS, REQUEST_OVERHEAD_TOKENS, estimateTokens } from '../../shared/tokenEstimate';
import type { ApiContentPart, ApiMessage } from '../streams/events';

export interface BuildApiMessagesOptions {
  /** Sent first, as `instructionRole`; blank or absent sends none. Always kept, and counted in the budget. */
  readonly systemPrompt?: string;
  /** 'developer' for models that take instructions that way (o-series, GPT-5), else 'system'. */
  readonly instructionRole: 'system' | 'developer';
  /** cometapi.maxContextTokens: the estimated tokens the request may use. */
  readonly maxContextTokens: number;
  /** The text actually sent for a question, code contexts expanded (the selection prompt's format). */
  readonly renderUserMessage: (message: UserMessage) => string;
  /** The image parts of a question with images (their bytes read from the image store); absent sends text only. */
  readonly imagePartsOf?: (message: UserMessage) => readonly ApiContentPart[];
}

export interface BuiltApiMessages {
  readonly messages: ApiMessage[];
  /** Older turns (a question with its answers) left out to fit the budget; > 0 means: tell the person. */
  readonly droppedTurns: number;
  /** Estimated tokens of `messages`, overheads included. */
  readonly estimatedTokens: number;
}

/**
 * The messages to send for the conversation's next answer: the system prompt, then the most recent turns that
 * fit, oldest first. A turn is a question with the answers after it; whole turns are dropped, oldest first,
 * and the newest turn is always kept, even when it alone exceeds the budget (leaving it out would send nothing
 * worth answering; the server may refuse it as too long). Answers still streaming or with no text (failed, or stopped before the
 * first token) are left out; partial answers that were stopped, interrupted or broke off are kept, since the
 * person saw them and may refer to them.
 */
export function buildApiMessages(conversation: Conversation, options: BuildApiMessagesOptions): BuiltApiMessages {
  const budget = options.maxContextTokens;
  const instructions = options.systemPrompt?.trim();
  const system: ApiMessage | undefined = instructions ? { role: options.instructionRole, content: instructions } : undefined;

  let used = REQUEST_OVERHEAD_TOKENS + (system ? costOf(system) : 0);
  const turns = groupIntoTurns(conversation.messages);
  const kept: ApiMessage[][] = [];
  // Newest first; the newest turn is always kept, older ones while they fit. Stop at the first that does not
  // fit, so the history sent is contiguous (a smaller, older turn alone would read out of context).
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = toApiMessages(turns[i] ?? [], options);
    const cost = turn.reduce((sum, message) => sum + costOf(message), 0);
    const isNewest = i === turns.length - 1;
    if (!isNewest && used + cost > budget) {
      break;
    }
    used += cost;
    kept.push(turn);
  }

  const messages: ApiMessage[] = system ? [system] : [];
  for (let i = kept.length - 1; i >= 0; i--) {
    messages.push(...(kept[i] ?? []));
  }
  return { messages, droppedTurns: turns.length - kept.length, estimatedTokens: used };
}

/** The history as the context of the next question, for the meter by the input (src/shared/contextMeter.ts). */
export interface HistoryEstimate {
  /** The request's own overhead and the system prompt: part of every request. */
  readonly fixedTokens: number;
  /** Estimated tokens of each earlier turn, newest first; only as many as the budget could ever hold. */
  readonly turnTokens: number[];
  /** All turns in the history, including those too old to be listed. */
  readonly totalTurns: number;
}

/**
 * What buildApiMessages would count for the history, without reading image bytes (an image costs IMAGE_TOKENS
 * whatever its size). Bounded by the budget, so a 2,000-message chat costs what its newest turns cost.
 */
export function estimateHistory(conversation: Conversation, options: Omit<BuildApiMessagesOptions, 'imagePartsOf'>): HistoryEstimate {
  const instructions = options.systemPrompt?.trim();
  const fixedTokens = REQUEST_OVERHEAD_TOKENS + (instructions ? MESSAGE_OVERHEAD_TOKENS + estimateTokens(instructions) : 0);
  const turns = groupIntoTurns(conversation.messages);
  const turnTokens: number[] = [];
  let sum = fixedTokens;
  for (let i = turns.length - 1; i >= 0 && sum <= options.maxContextTokens; i--) {
    const cost = (turns[i] ?? []).reduce((total, message) => total + estimatedCostOf(message, options), 0);
    turnTokens.push(cost);
    sum += cost;
  }
  return { fixedTokens, turnTokens, totalTurns: turns.length };
}

function estimatedCostOf(message: ChatMessage, options: Omit<BuildApiMessagesOptions, 'imagePartsOf'>): number {
  if (message.role === 'assistant') {
    return MESSAGE_OVERHEAD_TOKENS + estimateTokens(message.text);
  }
  return MESSAGE_OVERHEAD_TOKENS + estimateTokens(options.renderUserMessage(message)) + (message.images?.length ?? 0) * IMAGE_TOKENS;
}

/** Splits the history into turns: each question with the answers that follow it (worth sending). */
function groupIntoTurns(messages: readonly ChatMessage[]): ChatMessage[][] {
  const turns: ChatMessage[][] = [];
  for (const message of messages) {
    if (message.role === 'assistant' && !isWorthSending(message.text, message.status)) {
      continue;
    }
    const current = turns[turns.length - 1];
    if (message.role === 'user' || !current) {
      turns.push([message]);
    } else {
      current.push(message);
    }
  }
  return turns;
}

function isWorthSending(text: string, status: string): boolean {
  return status !== 'streaming' && text.trim() !== '';
}

function toApiMessages(turn: readonly ChatMessage[], options: BuildApiMessagesOptions): ApiMessage[] {
  return turn.map((message): ApiMessage => {
    if (message.role === 'assistant') {
      return { role: 'assistant', content: message.text };
    }
    const content = options.renderUserMessage(message);
    const images = options.imagePartsOf?.(message) ?? [];
    // The text goes first, as the person wrote it above the pictures; `parts` is what the wire formats send.
    return images.length > 0 ? { role: 'user', content, parts: [{ type: 'text', text: content }, ...images] } : { role: 'user', content };
  });
}

function costOf(message: ApiMessage): number {
  const images = message.parts?.filter((part) => part.type === 'image').length ?? 0;
  return MESSAGE_OVERHEAD_TOKENS + estimateTokens(message.content) + images * IMAGE_TOKENS;
}
