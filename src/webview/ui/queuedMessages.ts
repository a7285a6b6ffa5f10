// Questions sent while an answer streams, shown above the input until the host sends them: each with its text,
// how much code goes with it, and a Cancel (x) that asks the host to give it back. The host owns the queue
// (a reloaded view gets it in the state); this list only mirrors it.
import type { QueuedMessage, WebviewToHost } from '../../shared/protocol';
import { button, el } from './dom';
import { icon } from './icons';
import { formatNumber } from './localization';
import { t } from '../../shared/l10n';

export class QueuedMessages {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;

  constructor(
    private readonly doc: Document,
    private readonly post: (message: WebviewToHost) => void,
  ) {
    this.list = el(doc, 'ol', { className: 'queued-list' });
    this.element = el(doc, 'section', { className: 'queued-messages', attrs: { 'aria-label': t('Queued messages') } }, [
      el(doc, 'div', { className: 'queued-heading', text: t('Queued: sent when the current answer ends') }),
      this.list,
    ]);
    this.element.hidden = true;
  }

  get ids(): string[] {
    return [...this.list.children].map((item) => item.getAttribute('data-queued-id') ?? '');
  }

  render(items: readonly QueuedMessage[]): void {
    this.list.replaceChildren(...items.map((item) => this.renderItem(item)));
    this.element.hidden = items.length === 0;
  }

  private renderItem(item: QueuedMessage): HTMLLIElement {
    const cancel = button(this.doc, t('Cancel queued message (puts it back in the input)'), { className: 'icon-button queued-cancel' }, [
      icon(this.doc, 'close'),
    ]);
    cancel.addEventListener('click', () => {
      // Once: the host answers by removing it from the list and putting the text back.
      cancel.disabled = true;
      this.post({ type: 'cancelQueued', id: item.id });
    });
    const parts: Node[] = [el(this.doc, 'span', { className: 'queued-text', text: item.text })];
    if (item.contextCount > 0) {
      const code = item.contextCount === 1 ? t('+ 1 code attachment') : t('+ {0} code attachments', formatNumber(item.contextCount));
      parts.push(el(this.doc, 'span', { className: 'queued-contexts', text: code }));
    }
    return el(this.doc, 'li', { className: 'queued-message', attrs: { 'data-queued-id': item.id } }, [
      el(this.doc, 'div', { className: 'queued-body' }, parts),
      cancel,
    ]);
  }
}
