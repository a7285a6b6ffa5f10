// The model's reasoning, collapsed above the answer. Streamed as plain text into one growing text node:
// appending is O(delta) per token and the text never becomes markup.
import { el } from './dom';
import { formatCount } from '../../shared/selectionText';

export class ThinkingBlock {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly text: Text;

  constructor(doc: Document, reasoning: string, streaming: boolean) {
    this.text = doc.createTextNode(reasoning);
    this.summary = el(doc, 'summary', { className: 'thinking-summary' });
    this.element = el(doc, 'details', { className: 'thinking' }, [this.summary, el(doc, 'div', { className: 'thinking-text' }, [this.text])]);
    this.element.hidden = reasoning.length === 0;
    this.summary.textContent = streaming ? 'Thinking…' : 'Thinking';
  }

  append(reasoning: string): void {
    this.text.appendData(reasoning);
    this.element.hidden = false;
  }

  /** Final label; a model that reasons without sharing its thoughts still shows what it spent. */
  finish(reasoningTokens: number | undefined): void {
    const hasTokens = reasoningTokens !== undefined && reasoningTokens > 0;
    this.summary.textContent = hasTokens ? `Thought for ${formatCount(reasoningTokens)} tokens` : 'Thinking';
    if (this.text.length === 0 && hasTokens) {
      this.text.appendData('The model did not share its reasoning.');
      this.element.hidden = false;
    }
  }
}
