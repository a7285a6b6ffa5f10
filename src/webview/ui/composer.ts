// The input area: attached-code chips, the prompt box (Enter sends, Shift+Enter breaks the line, IME
// safe, grows with its text) and Send / Stop.
import type { WebviewToHost } from '../../shared/protocol';
import { ContextChips } from './contextChips';
import { ImageChips } from './imageChips';
import { button, el } from './dom';
import { icon } from './icons';
import { t } from '../../shared/l10n';

export interface ComposerHooks {
  post(message: WebviewToHost): void;
  /** The person changed the draft text or removed a chip: tell the host, which keeps the draft. */
  onDraftChange(): void;
  /** A question was sent (the transcript follows the answer from here). */
  onSent(): void;
  /** Focus left the input: a pending draft change can go to the host now. */
  onDraftSettled?(): void;
}

const idlePlaceholder = (): string => t('Ask anything (Enter to send, Shift+Enter for a new line)');
/** Says what Enter does while an answer streams: the message waits, it is not lost. */
const streamingPlaceholder = (): string => t('Type your next message (Enter queues it until the answer ends)');

/** Keycode browsers report for keys that belong to an IME composition (older engines lack isComposing). */
const IME_KEY_CODE = 229;

export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  readonly chips: ContextChips;
  /** Attached pictures (pasted, dropped, Attach Image…) as thumbnail chips. */
  readonly images: ImageChips;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private streaming = false;

  constructor(
    doc: Document,
    private readonly hooks: ComposerHooks,
  ) {
    this.input = el(doc, 'textarea', {
      className: 'prompt-input',
      attrs: {
        id: 'prompt-input',
        rows: '1',
        placeholder: idlePlaceholder(),
        'aria-label': t('Message'),
      },
    });
    this.sendButton = button(doc, t('Send'), { className: 'icon-button send-button', attrs: { id: 'send-button' } }, [icon(doc, 'send')]);
    this.stopButton = button(doc, t('Stop generating'), { className: 'icon-button stop-button', attrs: { id: 'stop-button' } }, [icon(doc, 'stop')]);
    this.stopButton.hidden = true;
    this.chips = new ContextChips(
      doc,
      () => hooks.onDraftChange(),
      () => this.input.focus(),
      () => hooks.post({ type: 'attachActiveFile' }),
    );
    this.images = new ImageChips(
      doc,
      () => hooks.onDraftChange(),
      () => this.input.focus(),
    );
    // Leaving the input is a natural moment to hand the draft to the host without waiting for the throttle.
    this.input.addEventListener('blur', () => hooks.onDraftSettled?.());

    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('input', () => {
      this.refresh();
      hooks.onDraftChange();
    });
    this.sendButton.addEventListener('click', () => this.send());
    this.stopButton.addEventListener('click', () => hooks.post({ type: 'stop' }));

    const row = el(doc, 'div', { className: 'composer-row' }, [this.input, this.sendButton, this.stopButton]);
    this.element = el(doc, 'div', { className: 'composer', attrs: { id: 'composer' } }, [this.chips.element, this.images.element, this.images.notice, row]);
    this.refresh();
  }

  get draft(): string {
    return this.input.value;
  }

  setDraft(text: string): void {
    this.input.value = text;
    this.refresh();
  }

  /** Puts text in the input (an example prompt), caret at the end, ready to edit or send. */
  fill(text: string): void {
    this.setDraft(text);
    this.focus();
    this.input.setSelectionRange(text.length, text.length);
    this.hooks.onDraftChange();
  }

  focus(): void {
    this.input.focus();
  }

  /** Puts text the host gave back (a cancelled queued message) in the input, before what is typed there. */
  restore(text: string): void {
    const current = this.input.value;
    this.setDraft(current.trim() ? `${text}\n\n${current}` : text);
    this.focus();
    this.input.setSelectionRange(text.length, text.length);
    this.hooks.onDraftChange();
  }

  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    const stopHadFocus = this.stopButton.ownerDocument.activeElement === this.stopButton;
    this.stopButton.hidden = !streaming;
    this.sendButton.hidden = streaming;
    this.input.placeholder = streaming ? streamingPlaceholder() : idlePlaceholder();
    if (stopHadFocus && !streaming) {
      this.input.focus();
    }
    this.refresh();
  }

  /**
   * Sends the draft with its chips; empty text keeps the draft as it is. While an answer streams the host
   * queues it (the chat shows it as queued) and sends it when the answer ends.
   */
  send(): void {
    const text = this.input.value;
    if (text.trim().length === 0) {
      return;
    }
    const contextIds = this.chips.ids;
    const imageIds = this.images.ids;
    this.hooks.post({ type: 'send', text, ...(contextIds.length > 0 ? { contextIds } : {}), ...(imageIds.length > 0 ? { imageIds } : {}) });
    this.setDraft('');
    this.chips.clear();
    this.images.clear();
    this.images.clearNotice();
    this.hooks.onDraftChange();
    this.hooks.onSent();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.isComposing || event.keyCode === IME_KEY_CODE) {
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      this.send();
    } else if (event.key === 'Escape' && this.streaming) {
      event.preventDefault();
      this.hooks.post({ type: 'stop' });
    }
  }

  private refresh(): void {
    this.sendButton.disabled = this.input.value.trim().length === 0;
    this.autoGrow();
  }

  /** Fits the box to its text; CSS max-height caps it, after which it scrolls. */
  private autoGrow(): void {
    this.input.style.height = 'auto';
    if (this.input.scrollHeight > 0) {
      const borders = this.input.offsetHeight - this.input.clientHeight;
      this.input.style.height = `${this.input.scrollHeight + Math.max(0, borders)}px`;
    }
  }
}
