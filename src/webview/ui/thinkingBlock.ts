// The model's reasoning, collapsed above the answer. Streamed as plain text into one growing text node:
// appending is O(delta) per token and the text never becomes markup.
import { el } from './dom';
import { formatNumber } from './localization';
import { t } from '../../shared/l10n';

export class ThinkingBlock {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly text: Text;

  constructor(doc: Document, reasoning: string, streaming: boolean) {
    this.text = doc.createTextNode(reasoning);
    this.summary = el(doc, 'summary', { className: 'thinking-summary' });
    this.element = el(doc, 'details', { className: 'thinking' }, [this.summary, el(doc, 'div', { className: 'thinking-text' }, [this.text])]);
    this.element.hidden = reasoning.length === 0;
    this.summary.textContent = streaming ? t('Thinking…') : t('Thinking');
  }

  append(reasoning: string): void {
    this.text.appendData(reasoning);
    this.element.hidden = false;
  }

  /** Final label; a model that reasons without sharing its thoughts still shows what it spent. */
  finish(reasoningTokens: number | undefined): void {
    const hasTokens = reasoningTokens !== undefined && reasoningTokens > 0;
    this.summary.textContent = hasTokens ? t('Thought for {0} tokens', formatNumber(reasoningTokens)) : t('Thinking');
    if (this.text.length === 0 && hasTokens) {
      this.text.appendData(t('The model did not share its reasoning.'));
      this.element.hidden = false;
    }
  }
}
