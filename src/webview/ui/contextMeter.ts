// The context meter under the input: how much of the model's context window the next question will take (its
// text, attached code and images, and the earlier turns that go with it), and a warning before it would not fit.
// The host says what the context holds besides the draft (`contextBudget`); the sums are src/shared/contextMeter.ts.
import { readMeter, type DraftSize, type MeterReading } from '../../shared/contextMeter';
import { t } from '../../shared/l10n';
import type { ContextBudget } from '../../shared/protocol';
import { el } from './dom';
import { formatNumber } from './localization';

export class ContextMeter {
  readonly element: HTMLDivElement;
  private readonly fill: HTMLSpanElement;
  private readonly label: HTMLSpanElement;
  private readonly warning: HTMLDivElement;
  private budget: ContextBudget | undefined;
  private shownWarning = '';

  constructor(
    doc: Document,
    private readonly readDraft: () => DraftSize,
  ) {
    this.fill = el(doc, 'span', { className: 'context-meter-fill' });
    const bar = el(doc, 'span', { className: 'context-meter-bar', attrs: { 'aria-hidden': 'true' } }, [this.fill]);
    this.label = el(doc, 'span', { className: 'context-meter-label' });
    this.warning = el(doc, 'div', { className: 'context-meter-warning', attrs: { role: 'status' } });
    this.element = el(doc, 'div', { className: 'context-meter', attrs: { id: 'context-meter' } }, [
      el(doc, 'div', { className: 'context-meter-row' }, [bar, this.label]),
      this.warning,
    ]);
    this.element.hidden = true;
    this.warning.hidden = true;
  }

  setBudget(budget: ContextBudget): void {
    this.budget = budget;
    this.update();
  }

  /** Reads the draft again (typed text, a chip or an image added or removed). */
  update(): void {
    const budget = this.budget;
    const draft = this.readDraft();
    const empty = draft.text.trim() === '' && draft.chipTokens.length === 0 && draft.imageCount === 0;
    // Nothing to measure until there is a question or a conversation: a new chat stays uncluttered.
    if (!budget || (empty && budget.totalTurns === 0)) {
      this.element.hidden = true;
      this.setWarning('');
      return;
    }
    const reading = readMeter(budget, draft);
    this.element.hidden = false;
    this.element.dataset.level = reading.level;
    this.fill.style.width = `${Math.min(100, Math.max(reading.share * 100, reading.usedTokens > 0 ? 1 : 0)).toFixed(1)}%`;
    this.label.textContent = t(
      '~{0} of {1} tokens ({2}%)',
      formatNumber(reading.usedTokens),
      formatNumber(reading.windowTokens),
      formatNumber(Math.round(reading.share * 100)),
    );
    this.element.title = details(budget, reading);
    this.setWarning(warningFor(budget, reading));
  }

  private setWarning(text: string): void {
    // The status region reads a warning once when it appears, not again on every keystroke that keeps it.
    if (text === this.shownWarning) {
      return;
    }
    this.shownWarning = text;
    this.warning.textContent = text;
    this.warning.hidden = text === '';
  }
}

function details(budget: ContextBudget, reading: MeterReading): string {
  const lines = [
    t(
      'Context window of {0}: {1} tokens ({2}).',
      budget.model,
      formatNumber(budget.windowTokens),
      budget.windowSource === 'catalogue' ? t('from the CometAPI catalogue') : t('typical for this model family'),
    ),
    t(
      'This message: ~{0} tokens. Earlier messages sent with it: ~{1} tokens. Instructions: ~{2} tokens.',
      formatNumber(reading.questionTokens),
      formatNumber(reading.historyTokens),
      formatNumber(budget.fixedTokens),
    ),
  ];
  if (reading.droppedTurns > 0) {
    lines.push(
      reading.droppedTurns === 1
        ? t('1 earlier turn will be left out to fit cometapi.maxContextTokens ({0}).', formatNumber(budget.budgetTokens))
        : t(
            '{0} earlier turns will be left out to fit cometapi.maxContextTokens ({1}).',
            formatNumber(reading.droppedTurns),
            formatNumber(budget.budgetTokens),
          ),
    );
  }
  lines.push(t('Token counts are estimates.'));
  return lines.join('\n');
}

function warningFor(budget: ContextBudget, reading: MeterReading): string {
  if (reading.level === 'over' && reading.questionAlone) {
    return t(
      "This message is larger than {0}'s context window ({1} tokens) and will likely be refused. Remove attachments or choose a model with a larger window.",
      budget.model,
      formatNumber(budget.windowTokens),
    );
  }
  if (reading.level === 'over') {
    return t(
      "With the earlier messages, this exceeds {0}'s context window ({1} tokens). Start a new chat, lower cometapi.maxContextTokens, or choose a model with a larger window.",
      budget.model,
      formatNumber(budget.windowTokens),
    );
  }
  if (reading.level === 'near') {
    return t(
      "Close to {0}'s context window: {1}% of {2} tokens.",
      budget.model,
      formatNumber(Math.round(reading.share * 100)),
      formatNumber(budget.windowTokens),
    );
  }
  return '';
}
