// A question in the transcript: the text exactly as typed (plain text, newlines kept), its attached code
// as cards, and an Edit button that turns it into an editor with Save & Resend / Cancel.
import type { UserMessage } from '../../shared/conversation';
import type { WebviewToHost } from '../../shared/protocol';
import { renderContextCard } from './contextCard';
import { sentThumbnail } from './imageChips';
import { button, el } from './dom';
import { icon } from './icons';
import { t } from '../../shared/l10n';

export class UserMessageView {
  readonly element: HTMLDivElement;
  readonly hasContexts: boolean;
  private readonly textElement: HTMLDivElement;
  private readonly editButton: HTMLButtonElement;
  private editor: HTMLElement | undefined;
  private busy = false;

  constructor(
    private readonly doc: Document,
    readonly message: UserMessage,
    private readonly post: (message: WebviewToHost) => void,
  ) {
    this.textElement = el(doc, 'div', { className: 'message-text', text: message.text });
    this.editButton = button(doc, t('Edit and resend'), { className: 'icon-button edit-button' }, [icon(doc, 'edit')]);
    this.editButton.addEventListener('click', () => this.startEditing());
    const actions = el(doc, 'div', { className: 'message-actions' }, [this.editButton]);
    this.element = el(doc, 'div', { className: 'message user', attrs: { 'data-message-id': message.id } }, [actions, this.textElement]);
    const contexts = message.contexts ?? [];
    this.hasContexts = contexts.length > 0;
    if (this.hasContexts) {
      this.element.append(
        el(
          doc,
          'div',
          { className: 'context-cards' },
          contexts.map((context) => renderContextCard(doc, context)),
        ),
      );
    }
    const images = message.images ?? [];
    if (images.length > 0) {
      // The previews the question was sent with; the pictures themselves stay in the host's image store.
      const items = images.map((image) => {
        const label = t('Image: {0} ({1}×{2})', image.name, image.width, image.height);
        const thumbnail = sentThumbnail(doc, image.thumbnail);
        return el(doc, 'span', { className: 'message-image', attrs: { role: 'listitem', title: label } }, [
          ...(thumbnail ? [thumbnail] : []),
          el(doc, 'span', { className: 'message-image-label', text: label }),
        ]);
      });
      this.element.append(el(doc, 'div', { className: 'message-images', attrs: { role: 'list', 'aria-label': t('Images sent with this question') } }, items));
    }
  }

  get id(): string {
    return this.message.id;
  }

  /** Editing is offered only while no answer streams (resending then would race the running answer). */
  setBusy(busy: boolean): void {
    this.busy = busy;
    this.editButton.disabled = busy;
    const save = this.editor?.querySelector<HTMLButtonElement>('.save-resend-button');
    if (save) {
      save.disabled = busy;
    }
  }

  private startEditing(): void {
    if (this.editor) {
      return;
    }
    const input = el(this.doc, 'textarea', { className: 'edit-input', attrs: { 'aria-label': t('Edit message'), rows: '3' } });
    input.value = this.message.text;
    const save = el(this.doc, 'button', { className: 'primary-button save-resend-button', text: t('Save & Resend'), attrs: { type: 'button' } });
    const cancel = el(this.doc, 'button', { className: 'secondary-button cancel-edit-button', text: t('Cancel'), attrs: { type: 'button' } });
    save.addEventListener('click', () => this.saveAndResend(input.value));
    cancel.addEventListener('click', () => this.stopEditing());
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.stopEditing();
      } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        event.preventDefault();
        this.saveAndResend(input.value);
      }
    });
    this.editor = el(this.doc, 'div', { className: 'message-editor' }, [input, el(this.doc, 'div', { className: 'editor-buttons' }, [save, cancel])]);
    this.element.classList.add('editing');
    this.textElement.replaceWith(this.editor);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  private saveAndResend(text: string): void {
    if (this.busy || text.trim().length === 0) {
      return;
    }
    this.post({ type: 'editAndResend', messageId: this.message.id, text });
    this.stopEditing();
  }

  private stopEditing(): void {
    if (!this.editor) {
      return;
    }
    this.editor.replaceWith(this.textElement);
    this.editor = undefined;
    this.element.classList.remove('editing');
    this.editButton.focus();
  }
}
