// One column of the Compare Models panel: the model's name with its own Stop, its answer rendered by the chat's
// markdown engine as it streams, and under it how fast it came and what it cost, or why it failed.
import type { AnswerTimings, CompareColumn } from '../../shared/compareProtocol';
import type { AnswerStatus, ChatErrorInfo } from '../../shared/conversation';
import { t } from '../../shared/l10n';
import type { MarkdownStream } from '../markdown';
import { button, el } from '../ui/dom';
import { formatCost } from '../ui/format';
import { icon } from '../ui/icons';
import { formatNumber } from '../ui/localization';
import type { CodeBlockButton, MarkdownRenderer } from '../ui/markdownPort';

export type ColumnEnd = Pick<CompareColumn, 'status' | 'usage' | 'cost' | 'timings' | 'error'>;

export interface CompareColumnDeps {
  readonly markdown: MarkdownRenderer;
  /** Schedules a render; the window's animation frame by default (tests pass their own clock). */
  readonly requestFrame?: (cb: () => void) => number;
  readonly stop: () => void;
  readonly continueWith: () => void;
}

export class CompareColumnView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly figures: HTMLElement;
  private readonly problem: HTMLElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly continueButton: HTMLButtonElement;
  private stream: MarkdownStream | undefined;
  private text = '';

  constructor(
    private readonly doc: Document,
    readonly model: string,
    private readonly deps: CompareColumnDeps,
  ) {
    this.stopButton = button(doc, t('Stop {0}', model), { className: 'icon-button column-stop' }, [icon(doc, 'stop')]);
    this.stopButton.addEventListener('click', () => deps.stop());
    this.continueButton = button(doc, t('Continue with {0} in the chat', model), { className: 'primary-button column-continue' }, [
      t('Continue with this model'),
    ]);
    this.continueButton.addEventListener('click', () => deps.continueWith());
    this.body = el(doc, 'div', { className: 'column-answer markdown-body', attrs: { 'aria-live': 'off' } });
    this.problem = el(doc, 'p', { className: 'column-problem', attrs: { role: 'status' } });
    this.figures = el(doc, 'p', { className: 'column-figures' });
    this.element = el(doc, 'section', { className: 'compare-column is-streaming', attrs: { 'aria-label': model, 'data-model': model } }, [
      el(doc, 'header', { className: 'column-header' }, [el(doc, 'h2', { className: 'column-model', text: model }), this.stopButton]),
      this.body,
      el(doc, 'footer', { className: 'column-footer' }, [this.problem, this.figures, this.continueButton]),
    ]);
    this.problem.hidden = true;
    this.continueButton.hidden = true;
  }

  /** Shows a column as the host holds it (first frame, or after a reload). */
  show(column: CompareColumn): void {
    this.text = column.text;
    if (column.status === 'streaming') {
      this.streamer().setText(column.text);
    } else {
      this.stream?.dispose();
      this.stream = undefined;
      this.deps.markdown.renderMarkdown(this.body, column.text, { codeBlockButtons: copyOnly() });
      this.end(column, false);
    }
  }

  append(delta: string): void {
    this.text += delta;
    this.streamer().append(delta);
  }

  end(end: ColumnEnd, render = true): void {
    if (render && this.stream) {
      this.stream.end();
    }
    this.element.classList.toggle('is-streaming', end.status === 'streaming');
    this.stopButton.hidden = end.status !== 'streaming';
    this.problem.textContent = describeEnd(end.status, end.error) ?? '';
    this.problem.hidden = this.problem.textContent === '';
    this.problem.classList.toggle('is-error', end.status === 'error');
    this.figures.replaceChildren(...figureParts(this.doc, end.timings, end));
    this.continueButton.hidden = end.status === 'streaming' || this.text.trim() === '';
  }

  dispose(): void {
    this.stream?.dispose();
  }

  private streamer(): MarkdownStream {
    this.stream ??= this.deps.markdown.createMarkdownStream(this.body, {
      codeBlockButtons: copyOnly(),
      ...(this.deps.requestFrame ? { requestFrame: this.deps.requestFrame } : {}),
    });
    return this.stream;
  }
}

/** A comparison is for reading: code is copied, never applied to an editor from here. */
function copyOnly(): CodeBlockButton[] {
  return [{ action: 'copy', label: t('Copy'), codicon: 'copy' }];
}

function describeEnd(status: AnswerStatus, error: ChatErrorInfo | undefined): string | undefined {
  switch (status) {
    case 'stopped':
      return t('Stopped');
    case 'interrupted':
      return t('Interrupted — the window closed before the answer finished');
    case 'error':
      return t('Failed: {0}', error?.message ?? t('unknown error'));
    default:
      return undefined;
  }
}

/** "First token 0.8 s · 3.2 s in all · 45 tokens/s · 1,234 tokens · $0.0042", each part only when known. */
function figureParts(doc: Document, timings: AnswerTimings | undefined, end: ColumnEnd): HTMLElement[] {
  const parts: HTMLElement[] = [];
  const part = (className: string, text: string) => parts.push(el(doc, 'span', { className, text }));
  if (timings?.firstTokenMs !== undefined) {
    part('first-token', t('First token {0}', seconds(timings.firstTokenMs)));
  }
  if (timings) {
    part('total-time', t('{0} in all', seconds(timings.totalMs)));
  }
  if (timings?.tokensPerSecond !== undefined) {
    part('tokens-per-second', t('{0} tokens/s', formatNumber(Math.round(timings.tokensPerSecond))));
  }
  if (end.cost) {
    // The same line as under a chat answer; "cost" so cometapi.showCost hides it.
    part('cost', formatCost(end.cost));
  } else if (end.usage) {
    part('tokens', t('{0} tokens', formatNumber(end.usage.totalTokens)));
  }
  return parts;
}

function seconds(ms: number): string {
  return t('{0} s', formatNumber(Math.round(ms / 100) / 10));
}
