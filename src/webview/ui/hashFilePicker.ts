// `#` typed at the start of the input or after a space asks the host for its workspace file picker; the chosen
// file arrives as a chip (attachContext) and the `#` that opened the picker is taken out again. A `#` inside a
// word (C#, issue#12), a pasted one and one an IME is composing do not open it: those are text.
import { Disposable } from '../../shared/disposable';
import type { WebviewToHost } from '../../shared/protocol';
import type { Composer } from './composer';
import { listen } from './dom';
import { t } from '../../shared/l10n';

export interface HashFilePickerHooks {
  post(message: WebviewToHost): void;
  /** The `#` was taken out: the host keeps the draft. */
  onDraftChange(): void;
}

export class HashFilePicker extends Disposable {
  /** The `#` whose picker is open: where it was typed, so only that character is removed. */
  private pending: { readonly requestId: string; readonly offset: number } | undefined;
  private requests = 0;
  private readonly started = Date.now().toString(36);

  constructor(
    private readonly composer: Composer,
    private readonly hooks: HashFilePickerHooks,
  ) {
    super();
    // Told to screen readers with the input's name, since nothing on screen mentions `#`.
    composer.input.setAttribute('aria-description', t('Type # at the start or after a space to attach a workspace file.'));
    this.register(listen(composer.input, 'input', (event) => this.onInput(event)));
  }

  /** The host's picker closed; a reply to an older request (a reload in between) still returns the focus. */
  closed(requestId: string, attached: boolean): void {
    const pending = this.pending;
    if (pending?.requestId === requestId) {
      this.pending = undefined;
      if (attached) {
        this.removeHash(pending.offset);
      }
    }
    this.composer.focus();
  }

  private onInput(event: Event): void {
    // Only a typed `#`: `inputType` tells typing from paste, drop, undo and IME text.
    const typed = event as Partial<InputEvent>;
    // A `#` typed while a request is pending asks again: the host ignores it if its picker is still open, and
    // a request a reload lost does not leave `#` dead.
    if (typed.inputType !== 'insertText' || typed.data !== '#' || typed.isComposing) {
      return;
    }
    const input = this.composer.input;
    const offset = input.selectionStart - 1;
    if (offset < 0 || input.value[offset] !== '#' || (offset > 0 && !/\s/u.test(input.value[offset - 1] ?? ''))) {
      return;
    }
    // Unique across reloads: a reply to the previous page's request must not remove this page's `#`.
    const requestId = `hash-${this.started}-${++this.requests}`;
    this.pending = { requestId, offset };
    this.hooks.post({ type: 'pickWorkspaceFile', requestId });
  }

  /** Takes the `#` out if it is still where it was typed; text typed since stays, and so does the caret's place. */
  private removeHash(offset: number): void {
    const input = this.composer.input;
    const text = input.value;
    if (text[offset] !== '#') {
      return;
    }
    const caret = input.selectionStart;
    this.composer.setDraft(text.slice(0, offset) + text.slice(offset + 1));
    const kept = caret > offset ? caret - 1 : caret;
    input.setSelectionRange(kept, kept);
    this.hooks.onDraftChange();
  }
}
