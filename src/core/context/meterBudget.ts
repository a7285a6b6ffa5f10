// The host's half of the context meter (src/shared/contextMeter.ts): the model's window, the settings' budget and
// system prompt, and the history's turns as the next request would count them.
import type { Conversation, UserMessage } from '../../shared/conversation';
import type { ContextBudget } from '../../shared/protocol';
import type { ChatSettings } from '../chat/chatSettings';
import { estimateHistory } from '../conversation/contextBudget';
import type { ModelEntry } from '../models/modelCatalog';
import { rulesForModel } from '../requests/modelRules';
import { contextWindowFor } from './contextWindow';

export function meterBudget(
  conversation: Conversation,
  settings: Pick<ChatSettings, 'model' | 'systemPrompt' | 'maxContextTokens'>,
  known: readonly ModelEntry[],
  renderUserMessage: (message: UserMessage) => string,
): ContextBudget {
  const window = contextWindowFor(settings.model, known);
  const history = estimateHistory(conversation, {
    systemPrompt: settings.systemPrompt,
    instructionRole: rulesForModel(settings.model).instructionRole,
    maxContextTokens: settings.maxContextTokens,
    renderUserMessage,
  });
  return {
    model: settings.model,
    windowTokens: window.tokens,
    windowSource: window.source,
    budgetTokens: settings.maxContextTokens,
    fixedTokens: history.fixedTokens,
    turnTokens: history.turnTokens,
    totalTurns: history.totalTurns,
  };
}
