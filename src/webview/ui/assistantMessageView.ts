// An answer in the transcript: who wrote it, the collapsed reasoning, the markdown body (streamed while it
// arrives), notices, the error card, and a footer with usage, status and Copy / Retry (their clicks are
// handled by clickRouter.ts, so 500 answers do not mean 1,000 listeners).
import type { AnswerCost, AnswerStatus, AssistantMessage, ChatErrorInfo, Usage } from '../../shared/conversation';
import { button, el } from './dom';
import { renderErrorCard } from './errorCard';
import { formatCost, formatUsage } from './format';
import { icon } from './icons';
import { codeBlockButtonsFor, type MarkdownRenderer, type MarkdownStream, type MarkdownStreamOptions } from './markdownPort';
import { ThinkingBlock } from './thinkingBlock';
import { t } from '../../shared/l10n';

export interface AnswerEnd {
  readonly status: AnswerStatus;
  readonly usage?: Usage;
  readonly cost?: AnswerCost;
  readonly finishReason?: string;
  readonly servedModel?: string;
  readonly error?: ChatErrorInfo;
}

export interface AssistantViewDeps {
  readonly markdown: MarkdownRenderer;
  readonly requestFrame?: (cb: () => void) => number;
}

/** Postpones rendering a finished answer's markdown until it is about to be seen (see DeferredRenderer). */
export type DeferRender = (element: Element, render: () => void) => void;

function statusMarker(status: AnswerStatus): string | undefined {
  switch (status) {
    case 'stopped':
      return t('Stopped');
    case 'interrupted':
      return t('Interrupted — the window closed before the answer finished');
    default:
      return undefined;
  }
}

function finishMarker(reason: string): string | undefined {
  switch (reason) {
    case 'length':
      return t('Cut off at the output token limit');
    case 'content_filter':
      return t("Stopped by the provider's content filter");
    default:
      return undefined;
  }
}

export class AssistantMessageView {
  readonly element: HTMLDivElement;
  private readonly author: HTMLSpanElement;
  private readonly thinking: ThinkingBlock;
  private readonly body: HTMLDivElement;
  /** Notices about this answer, one line per notice id (a retry countdown updates its own line). */
  private readonly notices: HTMLDivElement;
  private readonly noticeById = new Map<string, HTMLDivElement>();
  private readonly footer: HTMLDivElement;
  private readonly markdownOptions: MarkdownStreamOptions;
  private stream: MarkdownStream | undefined;
  private finalText: string;
  private status: AnswerStatus;
  private model: string;
  private busy = false;

  constructor(
    private readonly doc: Document,
    message: AssistantMessage,
    questionHadContexts: boolean,
    deps: AssistantViewDeps,
    deferRender?: DeferRender,
  ) {
    this.status = message.status;
    this.model = message.servedModel ?? message.model;
    this.finalText = message.text;
    this.markdownOptions = { codeBlockButtons: codeBlockButtonsFor(questionHadContexts), requestFrame: deps.requestFrame };
    this.author = el(doc, 'span', { className: 'message-author', text: this.model });
    const header = el(doc, 'div', { className: 'message-header' }, [this.author, el(doc, 'span', { className: 'progress', attrs: { 'aria-hidden': 'true' } })]);
    this.thinking = new ThinkingBlock(doc, message.reasoning ?? '', message.status === 'streaming');
    this.body = el(doc, 'div', { className: 'message-body markdown-body' });
    this.notices = el(doc, 'div', { className: 'message-notices' });
    this.footer = el(doc, 'div', { className: 'message-footer' });
    this.element = el(doc, 'div', { className: 'message assistant', attrs: { 'data-message-id': message.id } }, [
      header,
      this.thinking.element,
      this.body,
      this.notices,
      this.footer,
    ]);

    if (message.status === 'streaming') {
      this.stream = deps.markdown.createMarkdownStream(this.body, this.markdownOptions);
      if (message.text.length > 0) {
        this.stream.setText(message.text);
      }
      this.applyStatus();
    } else if (deferRender && message.text.length > 0) {
      // Until rendered, the plain text stands in: about the right height, and nothing is lost if it is read.
      this.body.textContent = message.text;
      this.body.classList.add('markdown-pending');
      deferRender(this.body, () => {
        this.body.classList.remove('markdown-pending');
        deps.markdown.renderMarkdown(this.body, message.text, this.markdownOptions);
      });
      this.applyEnd(message);
    } else {
      deps.markdown.renderMarkdown(this.body, message.text, this.markdownOptions);
      this.applyEnd(message);
    }
  }

  get id(): string {
    return this.element.dataset.messageId ?? '';
  }

  /** The element whose rendering may be deferred. */
  get bodyElement(): HTMLElement {
    return this.body;
  }

  get isStreaming(): boolean {
    return this.status === 'streaming';
  }

  get modelName(): string {
    return this.model;
  }

  /** The answer's markdown source so far. */
  get text(): string {
    return this.stream?.text ?? this.finalText;
  }

  append(text: string | undefined, reasoning: string | undefined): void {
    if (!this.isStreaming) {
      return;
    }
    if (reasoning) {
      this.thinking.append(reasoning);
    }
    if (text) {
      this.stream?.append(text);
    }
  }

  end(end: AnswerEnd): void {
    if (!this.isStreaming) {
      return;
    }
    if (this.stream) {
      this.stream.end();
      this.finalText = this.stream.text;
    }
    this.applyEnd(end);
  }

  /**
   * Shows a notice under the answer. A notice with the id of one already shown replaces it in place (a retry
   * countdown ticking); notices without an id replace each other.
   */
  setNotice(text: string, level: 'info' | 'warning', noticeId = ''): void {
    let line = this.noticeById.get(noticeId);
    if (!line) {
      line = el(this.doc, 'div', { attrs: { role: 'status' } });
      this.noticeById.set(noticeId, line);
      this.notices.append(line);
    }
    line.textContent = text;
    line.className = `message-notice notice-${level}`;
  }

  /** Removes the notice with this id (a countdown whose retry is over). */
  clearNotice(noticeId: string): void {
    this.noticeById.get(noticeId)?.remove();
    this.noticeById.delete(noticeId);
  }

  /** Retry is not offered while another answer streams. */
  setBusy(busy: boolean): void {
    this.busy = busy;
    for (const retry of this.element.querySelectorAll<HTMLButtonElement>('.retry-button, [data-error-action="retry"]')) {
      retry.disabled = busy;
    }
  }

  dispose(): void {
    this.stream?.dispose();
    this.stream = undefined;
  }

  private applyEnd(end: AnswerEnd): void {
    this.status = end.status;
    if (end.servedModel) {
      this.model = end.servedModel;
      this.author.textContent = end.servedModel;
    }
    this.thinking.finish(end.usage?.reasoningTokens);
    if (end.status === 'error' && end.error) {
      this.element.insertBefore(renderErrorCard(this.doc, end.error), this.footer);
    } else if (end.status === 'done' && this.text.trim().length === 0) {
      this.body.append(el(this.doc, 'p', { className: 'empty-answer', text: t('The model returned an empty answer.') }));
    }
    this.renderFooter(end);
    this.applyStatus();
    this.setBusy(this.busy);
  }

  private applyStatus(): void {
    this.element.dataset.status = this.status;
    this.element.setAttribute('aria-busy', String(this.isStreaming));
  }

  private renderFooter(end: AnswerEnd): void {
    const marker = statusMarker(end.status) ?? (end.status === 'done' && end.finishReason ? finishMarker(end.finishReason) : undefined);
    const parts: Node[] = [];
    if (marker) {
      parts.push(el(this.doc, 'span', { className: `status-marker status-${end.status}`, text: marker }));
    }
    if (end.usage) {
      parts.push(el(this.doc, 'span', { className: 'usage', text: formatUsage(end.usage) }));
    }
    if (end.cost) {
      parts.push(el(this.doc, 'span', { className: 'cost', text: formatCost(end.cost) }));
    }
    parts.push(el(this.doc, 'span', { className: 'footer-spacer' }));
    if (this.text.length > 0) {
      parts.push(button(this.doc, t('Copy answer'), { className: 'icon-button copy-answer-button' }, [icon(this.doc, 'copy')]));
    }
    // A failed answer whose card already offers Retry does not need a second one.
    if (!end.error?.actions.includes('retry')) {
      parts.push(button(this.doc, t('Retry'), { className: 'icon-button retry-button' }, [icon(this.doc, 'retry')]));
    }
    this.footer.replaceChildren(...parts);
  }
}
