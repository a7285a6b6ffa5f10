// What an answer cost, worked out once when it ends from the catalogue's prices at that moment and the usage the
// server reported, then stored with the answer so it keeps the price it was charged at (docs/cometapi-wire.md#cost).
// Never a guess: a model the catalogue does not price, or a stream without usage, says so instead of a number.
import type { AnswerCost, Usage } from '../../shared/conversation';
import type { ModelPrice } from '../models/modelCatalog';

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/**
 * The cost of one answer. Prompt tokens (cached ones included: the catalogue publishes no cache price, so they are
 * charged at the input price) at `inputPerMillion`, completion tokens (reasoning included, as the server counts
 * them) at `outputPerMillion`, plus `perRequest`. A side with tokens but no price makes the whole price unknown.
 */
export function answerCost(price: ModelPrice | undefined, usage: Usage | undefined): AnswerCost {
  if (usage === undefined) {
    return { kind: 'usageNotReported' };
  }
  if (price === undefined) {
    return { kind: 'priceUnknown' };
  }
  const input = tokenCharge(usage.promptTokens, price.inputPerMillion);
  const output = tokenCharge(usage.completionTokens, price.outputPerMillion);
  if (input === undefined || output === undefined) {
    return { kind: 'priceUnknown' };
  }
  const tokensPriced = price.inputPerMillion !== undefined || price.outputPerMillion !== undefined;
  if (!tokensPriced && price.perRequest === undefined) {
    return { kind: 'priceUnknown' };
  }
  const tokens = usage.totalTokens > 0 ? usage.totalTokens : usage.promptTokens + usage.completionTokens;
  return { kind: 'priced', usd: input + output + (price.perRequest ?? 0), tokens };
}

/** What `tokens` cost at `perMillion`; undefined when there are tokens and no price for them. */
function tokenCharge(tokens: number, perMillion: number | undefined): number | undefined {
  if (tokens === 0) {
    return 0;
  }
  return perMillion === undefined ? undefined : (tokens * perMillion) / TOKENS_PER_PRICE_UNIT;
}
