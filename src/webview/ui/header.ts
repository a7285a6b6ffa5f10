// The bar above the transcript: which model answers next (click to change) and the history toggle.
import type { WebviewToHost } from '../../shared/protocol';
import { button, el } from './dom';
import { icon } from './icons';
import { t } from '../../shared/l10n';
import type { CostTotal } from './conversationCost';
import { formatUsd } from './format';
import { formatNumber } from './localization';

export class HeaderBar {
  readonly element: HTMLElement;
  readonly historyButton: HTMLButtonElement;
  private readonly modelButton: HTMLButtonElement;
  private readonly modelLabel: HTMLSpanElement;
  private readonly costLabel: HTMLSpanElement;

  constructor(doc: Document, post: (message: WebviewToHost) => void, onHistory: () => void) {
    this.modelLabel = el(doc, 'span', { className: 'model-name' });
    this.modelButton = button(doc, t('Select model'), { className: 'header-button model-button', attrs: { id: 'model-button' } }, [
      this.modelLabel,
      icon(doc, 'chevronDown'),
    ]);
    this.modelButton.addEventListener('click', () => post({ type: 'selectModel' }));
    this.historyButton = button(
      doc,
      t('Chat history'),
      {
        className: 'header-button icon-button',
        attrs: { id: 'history-button', 'aria-expanded': 'false', 'aria-controls': 'history-panel' },
      },
      [icon(doc, 'history')],
    );
    this.historyButton.addEventListener('click', onHistory);
    this.costLabel = el(doc, 'span', { className: 'conversation-cost', attrs: { hidden: '' } });
    this.element = el(doc, 'header', { className: 'header-bar' }, [
      this.modelButton,
      this.costLabel,
      el(doc, 'span', { className: 'header-spacer' }),
      this.historyButton,
    ]);
  }

  setModel(model: string): void {
    this.modelLabel.textContent = model;
    const label = t('Model: {0}. Select another model', model);
    this.modelButton.setAttribute('aria-label', label);
    this.modelButton.title = label;
  }

  /** The conversation's total so far; hidden until an answer ended with a cost or a reason it has none. */
  setCost(total: CostTotal): void {
    const shown = total.priced + total.unpriced > 0;
    this.costLabel.hidden = !shown;
    if (!shown) {
      return;
    }
    this.costLabel.textContent = total.unpriced > 0 ? t('{0} + {1} unpriced', formatUsd(total.usd), formatNumber(total.unpriced)) : formatUsd(total.usd);
    this.costLabel.title = t(
      'This chat so far: {0} for {1} priced answers; {2} without a price',
      formatUsd(total.usd),
      formatNumber(total.priced),
      formatNumber(total.unpriced),
    );
  }

  setHistoryExpanded(expanded: boolean): void {
    this.historyButton.setAttribute('aria-expanded', String(expanded));
  }
}
