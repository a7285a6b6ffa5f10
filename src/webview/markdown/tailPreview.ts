// New text of an open tail that waits to be rendered (see incrementalRenderer.ts) is shown at once, as plain
// text in plain blocks after the tail. Not inside the tail's last block, where the words would read on: the
// tails that wait are giant (a paragraph, table, list or quote) or deeply nested (the "1. " x 2,000 list), and
// text added inside them makes the browser lay the whole block out again on every frame (a 3,000-row table:
// the whole table, since its column widths may change), which grows each frame's cost with the block.
import type { RenderTarget } from './blockRenderer';

/**
 * Past this many characters, waiting text continues in a new plain block, so the browser lays out only the
 * last one per frame (the same reason open code grows in groups, see openFence.ts).
 */
const GROUP_CHARS = 2_000;

export class TailPreview {
  /** The plain blocks shown after the tail. */
  private readonly blocks: HTMLElement[] = [];
  /** The text node of the last block, while more may go into it. */
  private group: Text | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly target: RenderTarget,
  ) {}

  /** Shows `added` after the tail, which is at the end of the container. */
  show(added: string): void {
    if (added.length === 0) {
      return;
    }
    if (this.group && this.group.length + added.length <= GROUP_CHARS) {
      this.group.appendData(added);
      return;
    }
    const doc = this.target.document;
    this.group = doc.createTextNode(added);
    const block = doc.createElement('div');
    block.append(this.group);
    this.container.append(block);
    this.blocks.push(block);
  }

  /**
   * Shows exactly `text` after the tail (an open table's unfinished line, see openTable.ts): in place when one
   * block shows something already, so a frame only changes one text node.
   */
  set(text: string): void {
    if (this.blocks.length === 1 && this.group && text.length > 0 && text.length <= GROUP_CHARS) {
      if (this.group.data !== text) {
        this.group.data = text;
      }
      return;
    }
    this.clear();
    this.show(text);
  }

  /** Takes everything shown off the page (the tail is about to be rendered with the text). */
  clear(): void {
    for (const block of this.blocks.splice(0)) {
      block.remove();
    }
    this.group = undefined;
  }
}
