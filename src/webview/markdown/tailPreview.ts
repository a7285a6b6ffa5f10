// New text of an open tail that waits to be rendered (see incrementalRenderer.ts) is shown at once, as plain
// text. A short tail takes it at the end of its last block, where the words read on. A large one (a giant
// paragraph, table, list or quote) gets it in plain blocks after the tail instead: text added inside the giant
// block would make the browser lay the whole block out again on every frame (a 3,000-row table: the whole
// table, since its column widths may change), which grows each frame's cost with the block.
import type { RenderTarget } from './blockRenderer';

/** Elements that hold blocks or lines, where plain text may follow the rendered content. */
const HOLDERS = new Set([
  'DIV',
  'UL',
  'OL',
  'LI',
  'BLOCKQUOTE',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TD',
  'TH',
  'PRE',
  'CODE',
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'DETAILS',
  'DL',
  'DD',
]);

/**
 * Past this many characters, waiting text continues in a new plain block, so the browser lays out only the
 * last one per frame (the same reason open code grows in groups, see openFence.ts).
 */
const GROUP_CHARS = 2_000;

/** The innermost last block-level element of `node`: where text that continues the block reads naturally. */
function holderIn(node: ChildNode | undefined): Element | undefined {
  if (node?.nodeType !== 1) {
    return undefined;
  }
  let holder = node as Element;
  for (let child = holder.lastElementChild; child && HOLDERS.has(child.nodeName); child = child.lastElementChild) {
    holder = child;
  }
  return holder;
}

export class TailPreview {
  /** What this added to the page: text nodes inside the tail's last block, or plain blocks after the tail. */
  private readonly shown: ChildNode[] = [];
  /** The text node of the last plain block, while more may go into it. */
  private group: Text | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly target: RenderTarget,
  ) {}

  /**
   * Shows `added` after the tail (`tailNodes`); `large`: in plain blocks after it. False when a short tail has
   * no block to take it (nothing shown).
   */
  show(added: string, tailNodes: readonly ChildNode[], large: boolean): boolean {
    const doc = this.target.document;
    if (large) {
      if (this.group && this.group.length + added.length <= GROUP_CHARS) {
        this.group.appendData(added);
        return true;
      }
      this.group = doc.createTextNode(added);
      const block = doc.createElement('div');
      block.append(this.group);
      this.container.append(block);
      this.shown.push(block);
      return true;
    }
    // marked ends most blocks with a "\n" text node after the element.
    const holder = holderIn(tailNodes.filter((node) => node.nodeType !== 3 || (node as Text).data.trim() !== '').at(-1));
    if (!holder) {
      return false;
    }
    const text = doc.createTextNode(added);
    holder.append(text);
    this.shown.push(text);
    return true;
  }

  /** Takes everything shown off the page (the tail is about to be rendered with the text). */
  clear(): void {
    for (const node of this.shown.splice(0)) {
      node.remove();
    }
    this.group = undefined;
  }
}
