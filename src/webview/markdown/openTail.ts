// The open tail: the blocks after the frozen ones, rendered again each frame. Only blocks whose markdown
// changed are rendered; a code block that is still streaming keeps its element and only grows its text.
import type { Token } from 'marked';
import { isBlockToken, renderBlocks, type RenderTarget } from './blockRenderer';
import { codeOfBlock } from './codeBlocks';

interface TailBlock {
  /** The block's markdown when it was rendered: same markdown from the same place, same nodes. */
  readonly raw: string;
  /** A code token's info string, so a growing code block can keep its toolbar. */
  readonly lang: string | undefined;
  readonly nodes: ChildNode[];
}

function langOf(token: Token): string | undefined {
  return token.type === 'code' ? (token.lang ?? '') : undefined;
}

/**
 * Whether two table or list tokens' markdown differs only in trailing newlines. marked gives such a block
 * followed by a blank line a raw without its last "\n", and one at the end of the text a raw with it; the
 * rows or items (a list's last item is trimmed), and so the HTML, are the same. Without this, a giant table
 * or list would be rendered again the moment a blank line ends it.
 */
function sameBlock(a: string, b: string): boolean {
  return a.replace(/\n+$/, '') === b.replace(/\n+$/, '');
}

/**
 * The nodes of `old` brought up to date for `token` without rendering, or undefined. Unchanged markdown keeps
 * its nodes; a code block with the same language keeps its element and gets the new code text.
 */
function reusable(old: TailBlock | undefined, token: Token): ChildNode[] | undefined {
  if (old === undefined) {
    return undefined;
  }
  if (old.raw === token.raw || ((token.type === 'table' || token.type === 'list') && sameBlock(old.raw, token.raw))) {
    return old.nodes;
  }
  const code = old.nodes.length > 0 ? codeOfBlock(old.nodes[0]) : null;
  if (token.type !== 'code' || old.lang !== token.lang || code === null) {
    return undefined;
  }
  const text = code.textContent ?? '';
  const last = code.lastChild;
  if (token.text.startsWith(text) && code.childNodes.length === 1 && last?.nodeType === 3) {
    (last as Text).appendData(token.text.slice(text.length));
  } else {
    code.textContent = token.text;
  }
  return old.nodes;
}

export class OpenTail {
  private blocks: TailBlock[] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly target: RenderTarget,
  ) {}

  /** The first node of the tail, before which frozen content goes. */
  get firstNode(): ChildNode | null {
    return this.blocks.find((block) => block.nodes.length > 0)?.nodes[0] ?? null;
  }

  /**
   * Shows `tokens` (the lexed tail). `fresh`: render every block again (the reference definitions they may
   * use changed).
   */
  show(tokens: readonly Token[], fresh: boolean): void {
    const next = this.update(tokens.filter(isBlockToken), fresh ? [] : this.blocks);
    const wanted = new Set(next.flatMap((block) => block.nodes));
    for (const block of this.blocks) {
      for (const node of block.nodes) {
        if (!wanted.has(node)) {
          node.remove();
        }
      }
    }
    // Place the wanted nodes at the end of the container, in order, moving only those out of place.
    let after: ChildNode | null = null;
    const nodes = next.flatMap((block) => block.nodes);
    for (let i = nodes.length - 1; i >= 0; i--) {
      if (nodes[i].parentNode !== this.container || nodes[i].nextSibling !== after) {
        this.container.insertBefore(nodes[i], after);
      }
      after = nodes[i];
    }
    this.blocks = next;
  }

  /**
   * Nodes for the blocks about to be frozen: the tail's own where they show the same markdown (so what the
   * person looks at, or has focused, is moved rather than replaced), freshly rendered otherwise. The tail
   * forgets them; it must be shown again afterwards.
   */
  takeSettled(tokens: readonly Token[], mayReuse: boolean): ChildNode[][] {
    const settled = tokens.filter(isBlockToken);
    const result = this.update(settled, mayReuse ? this.blocks : []).map((block) => block.nodes);
    // The tail's first blocks were these same blocks (lexed from the same place); whatever of them was not
    // reused goes, and the remaining blocks line up with what the tail will show next.
    const taken = new Set(result.flat());
    for (const node of this.blocks.slice(0, settled.length).flatMap((block) => block.nodes)) {
      if (!taken.has(node)) {
        node.remove();
      }
    }
    this.blocks = this.blocks.slice(settled.length);
    return result;
  }

  /**
   * The last block's nodes were brought up to date for `raw` outside this class (an open table appended
   * rows, see openTable.ts), so they are reused while the markdown stays the same.
   */
  lastBlockShows(raw: string): void {
    const last = this.blocks.at(-1);
    if (last) {
      this.blocks[this.blocks.length - 1] = { ...last, raw };
    }
  }

  /** The nodes of the last block, if any. */
  get lastBlockNodes(): readonly ChildNode[] {
    return this.blocks.at(-1)?.nodes ?? [];
  }

  /** The tail's nodes, in order. */
  get nodes(): ChildNode[] {
    return this.blocks.flatMap((block) => block.nodes);
  }

  /** Blocks for `tokens`, reusing `previous` (by position) where possible and rendering the rest in one pass. */
  private update(tokens: readonly Token[], previous: readonly TailBlock[]): TailBlock[] {
    const next: Array<TailBlock | undefined> = tokens.map((token, i) => {
      const nodes = reusable(previous[i], token);
      return nodes && { raw: token.raw, lang: langOf(token), nodes };
    });
    const missing = tokens.filter((_, i) => next[i] === undefined);
    const rendered = renderBlocks(missing, this.target);
    let taken = 0;
    return tokens.map((token, i) => next[i] ?? { raw: token.raw, lang: langOf(token), nodes: rendered[taken++] });
  }
}
