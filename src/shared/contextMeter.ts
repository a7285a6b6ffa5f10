// How much of the model's context window the next question will take: the draft (its text, attached files and
// images) plus the earlier turns that would go with it. The host measures the history (it has the system prompt
// and renders attached code as it is sent); the webview adds the draft as the person types. Both use the
// estimates of src/shared/tokenEstimate.ts and the same rule as the request builder: the newest turns that fit
// cometapi.maxContextTokens go along, older ones are left out.
import type { ContextBudget } from './protocol';
import { IMAGE_TOKENS, MESSAGE_OVERHEAD_TOKENS, estimateTokens } from './tokenEstimate';

/** The draft as the input holds it. */
export interface DraftSize {
  readonly text: string;
  /** Estimated tokens of each attached piece of code or file (the chips' figures). */
  readonly chipTokens: readonly number[];
  readonly imageCount: number;
}

/** Near the window: the meter turns to a warning from here. */
export const NEAR_WINDOW_SHARE = 0.85;
/** The lines a chip adds around its code when sent (path, line range, fence). */
const CHIP_FRAME_TOKENS = 12;

export type MeterLevel = 'ok' | 'near' | 'over';

export interface MeterReading {
  readonly usedTokens: number;
  readonly windowTokens: number;
  /** The draft alone (with its message overhead). */
  readonly questionTokens: number;
  /** The earlier turns that would be sent with it. */
  readonly historyTokens: number;
  /** Earlier turns left out to fit cometapi.maxContextTokens. */
  readonly droppedTurns: number;
  /** `over` when it does not fit the window; `questionAlone` says whether the draft by itself is too big. */
  readonly level: MeterLevel;
  readonly questionAlone: boolean;
  /** Share of the window used, 0..1 and above when over. */
  readonly share: number;
}

export function draftTokens(draft: DraftSize): number {
  const chips = draft.chipTokens.reduce((sum, tokens) => sum + tokens + CHIP_FRAME_TOKENS, 0);
  return MESSAGE_OVERHEAD_TOKENS + estimateTokens(draft.text) + chips + draft.imageCount * IMAGE_TOKENS;
}

export function readMeter(budget: ContextBudget, draft: DraftSize): MeterReading {
  const questionTokens = draftTokens(draft);
  let used = budget.fixedTokens + questionTokens;
  let keptTurns = 0;
  // Newest first, stopping at the first turn that does not fit: the history sent is contiguous.
  for (const turn of budget.turnTokens) {
    if (used + turn > budget.budgetTokens) {
      break;
    }
    used += turn;
    keptTurns += 1;
  }
  const historyTokens = used - budget.fixedTokens - questionTokens;
  const share = used / budget.windowTokens;
  const questionAlone = budget.fixedTokens + questionTokens > budget.windowTokens;
  const level: MeterLevel = share > 1 ? 'over' : share >= NEAR_WINDOW_SHARE ? 'near' : 'ok';
  return {
    usedTokens: used,
    windowTokens: budget.windowTokens,
    questionTokens,
    historyTokens,
    droppedTurns: budget.totalTurns - keptTurns,
    level,
    questionAlone,
    share,
  };
}
