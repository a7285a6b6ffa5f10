// The conversation history: a panel over the transcript listing stored chats, filtered as you type,
// with open, rename (inline), export, delete and New Chat. Keyboard: arrows move between chats, Escape
// closes and returns focus to the history button.
import type { ConversationSummary, WebviewToHost } from '../../shared/protocol';
import { button, el } from './dom';
import { formatRelativeTime, formatUsd } from './format';
import { formatNumber } from './localization';
import { icon } from './icons';
import { t } from '../../shared/l10n';

export interface HistoryPanelDeps {
  readonly post: (message: WebviewToHost) => void;
  readonly now: () => number;
  /** The panel closed (focus goes back to whoever opened it). */
  readonly onClose: () => void;
}

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly status: HTMLParagraphElement;
  private conversations: ConversationSummary[] = [];
  private activeId = '';
  private loaded = false;

  constructor(
    private readonly doc: Document,
    private readonly deps: HistoryPanelDeps,
  ) {
    const newChat = el(doc, 'button', { className: 'primary-button', attrs: { type: 'button', id: 'new-chat-button' } }, [
      icon(doc, 'add'),
      el(doc, 'span', { text: t('New Chat') }),
    ]);
    newChat.addEventListener('click', () => {
      deps.post({ type: 'newChat' });
      this.close();
    });
    const close = button(doc, t('Close history'), { className: 'icon-button close-history' }, [icon(doc, 'close')]);
    close.addEventListener('click', () => this.close());
    this.search = el(doc, 'input', {
      className: 'history-search',
      attrs: { id: 'history-search', type: 'search', placeholder: t('Search conversations'), 'aria-label': t('Search conversations') },
    });
    this.search.addEventListener('input', () => this.render());
    this.list = el(doc, 'ul', { className: 'history-list', attrs: { id: 'history-list', 'aria-label': t('Conversations') } });
    this.status = el(doc, 'p', { className: 'history-status', attrs: { role: 'status' } });
    this.element = el(doc, 'section', { className: 'history-panel', attrs: { id: 'history-panel', role: 'dialog', 'aria-label': t('Chat history') } }, [
      el(doc, 'div', { className: 'history-header' }, [el(doc, 'h2', { text: t('History') }), newChat, close]),
      this.search,
      this.list,
      this.status,
    ]);
    this.element.hidden = true;
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Opens with whatever list is known and asks the host for a fresh one. */
  open(): void {
    this.element.hidden = false;
    this.deps.post({ type: 'listConversations' });
    this.render();
    this.search.focus();
  }

  close(): void {
    if (!this.isOpen) {
      return;
    }
    this.element.hidden = true;
    this.deps.onClose();
  }

  setConversations(conversations: readonly ConversationSummary[], activeId: string): void {
    this.conversations = [...conversations].sort((a, b) => b.updatedAt - a.updatedAt);
    this.activeId = activeId;
    this.loaded = true;
    if (this.isOpen) {
      this.render();
    }
  }

  private visibleConversations(): ConversationSummary[] {
    const query = this.search.value.trim().toLocaleLowerCase();
    return query ? this.conversations.filter((item) => item.title.toLocaleLowerCase().includes(query)) : this.conversations;
  }

  private render(): void {
    const visible = this.visibleConversations();
    this.list.replaceChildren(...visible.map((item) => this.renderItem(item)));
    if (!this.loaded) {
      this.status.textContent = t('Loading…');
    } else if (this.conversations.length === 0) {
      this.status.textContent = t('No conversations yet.');
    } else if (visible.length === 0) {
      this.status.textContent = t('No conversations match “{0}”.', this.search.value.trim());
    } else {
      this.status.textContent = '';
    }
  }

  private renderItem(item: ConversationSummary): HTMLLIElement {
    const meta = [
      item.workspace,
      formatRelativeTime(item.updatedAt, this.deps.now()),
      item.messageCount === 1 ? t('1 message') : t('{0} messages', formatNumber(item.messageCount)),
    ]
      .filter((part): part is string => Boolean(part))
      .join(' · ');
    const title = item.title.trim() || t('Untitled chat');
    const openButton = el(this.doc, 'button', { className: 'history-open', attrs: { type: 'button' } }, [
      el(this.doc, 'span', { className: 'history-title', text: title }),
      el(this.doc, 'span', { className: 'history-meta' }, [
        meta,
        // Its own element, so `cometapi.showCost` off hides it with the other costs (chatApp.ts).
        ...(item.costUsd === undefined ? [] : [el(this.doc, 'span', { className: 'history-cost', text: ` · ${formatUsd(item.costUsd)}` })]),
      ]),
    ]);
    openButton.addEventListener('click', () => {
      this.deps.post({ type: 'openConversation', id: item.id });
      this.close();
    });
    const rename = button(this.doc, t('Rename {0}', title), { className: 'icon-button history-rename' }, [icon(this.doc, 'edit')]);
    const exportButton = button(this.doc, t('Export {0}', title), { className: 'icon-button history-export' }, [icon(this.doc, 'export')]);
    const remove = button(this.doc, t('Delete {0}', title), { className: 'icon-button history-delete' }, [icon(this.doc, 'trash')]);
    const row = el(this.doc, 'li', { className: 'history-item', attrs: { 'data-conversation-id': item.id } }, [
      openButton,
      el(this.doc, 'div', { className: 'history-item-actions' }, [rename, exportButton, remove]),
    ]);
    if (item.id === this.activeId) {
      row.classList.add('active');
      openButton.setAttribute('aria-current', 'true');
    }
    rename.addEventListener('click', () => this.startRename(item, openButton));
    exportButton.addEventListener('click', () => this.deps.post({ type: 'exportConversation', id: item.id }));
    remove.addEventListener('click', () => this.remove(item));
    return row;
  }

  private startRename(item: ConversationSummary, openButton: HTMLButtonElement): void {
    const input = el(this.doc, 'input', { className: 'history-rename-input', attrs: { type: 'text', 'aria-label': t('New title') } });
    input.value = item.title;
    let finished = false;
    const finish = (save: boolean) => {
      if (finished) {
        return;
      }
      finished = true;
      const title = input.value.trim();
      if (save && title.length > 0 && title !== item.title) {
        this.deps.post({ type: 'renameConversation', id: item.id, title });
        this.conversations = this.conversations.map((other) => (other.id === item.id ? { ...other, title } : other));
      }
      this.render();
      this.focusItem(item.id);
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.isComposing) {
        event.preventDefault();
        finish(true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        finish(false);
      }
    });
    input.addEventListener('blur', () => finish(true));
    openButton.replaceWith(input);
    input.focus();
    input.select();
  }

  /** The host deletes (and offers undo); the row goes at once and focus moves to its neighbour. */
  private remove(item: ConversationSummary): void {
    const visible = this.visibleConversations();
    const index = visible.findIndex((other) => other.id === item.id);
    const neighbour = visible[index + 1] ?? visible[index - 1];
    this.deps.post({ type: 'deleteConversation', id: item.id });
    this.conversations = this.conversations.filter((other) => other.id !== item.id);
    this.render();
    if (neighbour) {
      this.focusItem(neighbour.id);
    } else {
      this.search.focus();
    }
  }

  private focusItem(id: string): void {
    this.openButtons()
      .find((candidate) => candidate.closest('.history-item')?.getAttribute('data-conversation-id') === id)
      ?.focus();
  }

  private openButtons(): HTMLButtonElement[] {
    return [...this.list.querySelectorAll<HTMLButtonElement>('.history-open')];
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
      return;
    }
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) {
      return;
    }
    const buttons = this.openButtons();
    if (buttons.length === 0 || (event.target === this.search && (event.key === 'Home' || event.key === 'End'))) {
      return;
    }
    const current = buttons.findIndex((candidate) => candidate.closest('.history-item')?.contains(this.doc.activeElement));
    let next: number;
    if (event.key === 'Home') {
      next = 0;
    } else if (event.key === 'End') {
      next = buttons.length - 1;
    } else if (event.key === 'ArrowDown') {
      next = current < 0 ? 0 : Math.min(current + 1, buttons.length - 1);
    } else {
      next = current <= 0 ? -1 : current - 1;
    }
    event.preventDefault();
    if (next < 0) {
      this.search.focus();
    } else {
      buttons[next].focus();
    }
  }
}
