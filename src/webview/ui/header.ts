// The bar above the transcript: which model answers next (click to change) and the history toggle.
import type { WebviewToHost } from '../../shared/protocol';
import { button, el } from './dom';
import { icon } from './icons';
import { t } from '../../shared/l10n';

export class HeaderBar {
  readonly element: HTMLElement;
  readonly historyButton: HTMLButtonElement;
  private readonly modelButton: HTMLButtonElement;
  private readonly modelLabel: HTMLSpanElement;

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
    this.element = el(doc, 'header', { className: 'header-bar' }, [this.modelButton, el(doc, 'span', { className: 'header-spacer' }), this.historyButton]);
  }

  setModel(model: string): void {
    this.modelLabel.textContent = model;
    const label = t('Model: {0}. Select another model', model);
    this.modelButton.setAttribute('aria-label', label);
    this.modelButton.title = label;
  }

  setHistoryExpanded(expanded: boolean): void {
    this.historyButton.setAttribute('aria-expanded', String(expanded));
  }
}
