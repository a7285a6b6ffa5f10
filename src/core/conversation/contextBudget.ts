// Chooses which part of a conversation is sent with a request, so long conversations keep working: as much
// recent history as fits cometapi.maxContextTokens (by estimate), dropping the oldest turns first.
import type { ChatMessage, Conversation, UserMessage } from '../../shared/conversation';
import { estimateTokens } from '../../shared/tokenEstimate';
import type { ApiMessage } from '../streams/events';

/** What each message costs beyond its text (role markers and separators in OpenAI's chat format). */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** What every request costs beyond its messages (the primer of the answer). */
export const REQUEST_OVERHEAD_TOKENS = 3;

export interface BuildApiMessagesOptions {
  /** Sent first, as `instructionRole`; blank or absent sends none. Always kept, and counted in the budget. */
  readonly systemPrompt?: string;
  /** 'developer' for models that take instructions that way (o-series, GPT-5), else 'system'. */
  readonly instructionRole: 'system' | 'developer';
  /** cometapi.maxContextTokens: the estimated tokens the request may use. */
  readonly maxContextTokens: number;
  /** The text actually sent for a question, code contexts expanded (the selection prompt's format). */
  readonly renderUserMessage: (message: UserMessage) => string;
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
    const turn = toApiMessages(turns[i] ?? [], options.renderUserMessage);
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

function toApiMessages(turn: readonly ChatMessage[], renderUserMessage: (message: UserMessage) => string): ApiMessage[] {
  return turn.map((message) =>
    message.role === 'user' ? { role: 'user', content: renderUserMessage(message) } : { role: 'assistant', content: message.text },
  );
}

function costOf(message: ApiMessage): number {
  return MESSAGE_OVERHEAD_TOKENS + estimateTokens(message.content);
}
