// The context window the meter by the input measures against: the public catalogue's figure when it gives one,
// else what the model's family is documented to take (the rules table VS Code's model list uses too).
import { limitsFor } from '../lm/lmModels';
import type { ModelEntry } from '../models/modelCatalog';

export interface ContextWindow {
  readonly tokens: number;
  readonly source: 'catalogue' | 'rules';
}

export function contextWindowFor(model: string, known: readonly ModelEntry[]): ContextWindow {
  const fromCatalogue = known.find((entry) => entry.id === model)?.contextTokens;
  return fromCatalogue !== undefined ? { tokens: fromCatalogue, source: 'catalogue' } : { tokens: limitsFor(model).input, source: 'rules' };
}
