// Code attached to the draft (Add Selection to Chat) as removable chips above the input. The chips ride
// along with the next question and are then cleared.
import type { CodeContext } from '../../shared/conversation';
import { button, el } from './dom';
import { formatLineRange } from '../../shared/selectionText';
import { baseName } from './format';
import { icon } from './icons';

export class ContextChips {
  readonly element: HTMLDivElement;
  private contexts: CodeContext[] = [];

  constructor(
    private readonly doc: Document,
    /** Called after any change, so the draft (with its chips) can be saved. */
    private readonly onChange: () => void,
    /** Where focus goes when the last chip is removed by keyboard. */
    private readonly focusFallback: () => void,
  ) {
    this.element = el(doc, 'div', { attrs: { id: 'context-chips', role: 'list', 'aria-label': 'Attached code' } });
    this.element.hidden = true;
  }

  get current(): readonly CodeContext[] {
    return this.contexts;
  }

  add(context: CodeContext): void {
    this.contexts.push(context);
    this.render();
    this.onChange();
  }

  replaceAll(contexts: readonly CodeContext[]): void {
    this.contexts = [...contexts];
    this.render();
  }

  clear(): void {
    this.replaceAll([]);
    this.onChange();
  }

  private remove(index: number): void {
    this.contexts.splice(index, 1);
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

  private render(): void {
    const chips = this.contexts.map((context, index) => {
      const name = `${baseName(context.path)} ${formatLineRange(context.startLine, context.endLine)}`;
      const remove = button(this.doc, `Remove ${name}`, { className: 'context-chip-remove icon-button' }, [icon(this.doc, 'close')]);
      remove.addEventListener('click', () => this.remove(index));
      return el(this.doc, 'div', { className: 'context-chip', attrs: { role: 'listitem', title: context.path } }, [
        el(this.doc, 'span', { className: 'context-chip-label', text: name }),
        remove,
      ]);
    });
    this.element.replaceChildren(...chips);
    this.element.hidden = chips.length === 0;
  }
}
