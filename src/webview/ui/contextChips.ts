// Code attached to the draft (Add Selection to Chat) as removable chips above the input. The host keeps the
// code; a chip holds only its label and the id the host issued, which the next question names.
import type { ActiveFile, ContextChip } from '../../shared/protocol';
import { shownLineRange, shownTruncationNotice } from '../../shared/selectionText';
import { button, el } from './dom';
import { baseName } from './format';
import { icon } from './icons';
import { formatNumber } from './localization';
import { t } from '../../shared/l10n';

export class ContextChips {
  readonly element: HTMLDivElement;
  private chips: ContextChip[] = [];
  /** The active editor's file, offered as a one-click chip (the host keeps which file it is). */
  private offered: ActiveFile | undefined;

  constructor(
    private readonly doc: Document,
    /** Called after the person removed a chip, so the draft (with its chips) can be saved. */
    private readonly onChange: () => void,
    /** Where focus goes when the last chip is removed by keyboard. */
    private readonly focusFallback: () => void,
    /** The person clicked the offered file's chip: the host attaches the file it offered. */
    private readonly onAttachOffered: () => void = () => undefined,
  ) {
    this.element = el(doc, 'div', { attrs: { id: 'context-chips', role: 'list', 'aria-label': t('Attached code') } });
    this.element.hidden = true;
  }

  get current(): readonly ContextChip[] {
    return this.chips;
  }

  get ids(): string[] {
    return this.chips.map((chip) => chip.id);
  }

  /** Adds a chip the host attached; one it already shows (the state that followed it named it too) is kept once. */
  add(chip: ContextChip): void {
    if (this.chips.some((shown) => shown.id === chip.id)) {
      return;
    }
    this.chips.push(chip);
    this.render();
  }

  replaceAll(chips: readonly ContextChip[]): void {
    this.chips = [...chips];
    this.render();
  }

  /** Offers the active editor's file (or nothing) as a one-click chip. */
  offer(file: ActiveFile | undefined): void {
    if (this.offered?.path === file?.path) {
      return;
    }
    this.offered = file;
    this.render();
  }

  clear(): void {
    this.replaceAll([]);
  }

  private remove(index: number): void {
    this.chips.splice(index, 1);
    this.render();
    this.onChange();
    const buttons = this.element.querySelectorAll<HTMLButtonElement>('.context-chip-remove');
    const next = buttons[Math.min(index, buttons.length - 1)];
    if (next) {
      next.focus();
    } else {
      this.focusFallback();
    }
  }

  /** The offered file as a button, unless it is attached already. */
  private offerButton(): HTMLElement | undefined {
    const offered = this.offered;
    if (!offered || this.chips.some((chip) => chip.wholeFile && chip.path === offered.path)) {
      return undefined;
    }
    const label = t('Attach {0}, the file open in the editor', offered.path);
    // Its own classes, not a chip's: it is not attached, and nothing that counts chips may count it.
    const offer = button(this.doc, label, { className: 'context-offer' }, [
      icon(this.doc, 'add'),
      el(this.doc, 'span', { className: 'context-offer-label', text: baseName(offered.path) }),
    ]);
    offer.addEventListener('click', () => this.onAttachOffered());
    return el(this.doc, 'div', { attrs: { role: 'listitem' } }, [offer]);
  }

  private render(): void {
    const chips = this.chips.map((chip, index) => {
      // A whole file is named as the file; a selection by its lines.
      const name = chip.wholeFile ? baseName(chip.path) : `${baseName(chip.path)} ${shownLineRange(chip.startLine, chip.endLine)}`;
      const remove = button(this.doc, t('Remove {0}', name), { className: 'context-chip-remove icon-button' }, [icon(this.doc, 'close')]);
      remove.addEventListener('click', () => this.remove(index));
      const cut = shownTruncationNotice(chip);
      const parts: HTMLElement[] = [el(this.doc, 'span', { className: 'context-chip-label', text: name })];
      if (chip.tokens !== undefined) {
        parts.push(el(this.doc, 'span', { className: 'context-chip-tokens', text: t('~{0} tokens', formatNumber(chip.tokens)) }));
      }
      if (cut !== undefined) {
        parts.push(el(this.doc, 'span', { className: 'context-chip-cut', text: t('cut to fit'), attrs: { title: cut } }));
      }
      const title = cut === undefined ? chip.path : `${chip.path} (${cut})`;
      return el(this.doc, 'div', { className: 'context-chip', attrs: { role: 'listitem', title } }, [...parts, remove]);
    });
    const offer = this.offerButton();
    this.element.replaceChildren(...chips, ...(offer ? [offer] : []));
    this.element.hidden = chips.length === 0 && !offer;
  }
}
