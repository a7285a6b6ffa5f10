// Where frozen blocks live in the container: in chunk elements of CHUNK_SIZE top-level blocks each, followed
// by the open tail's nodes directly in the container.
//
// Why chunks: when the tail changes, the browser lays out the container again, and block layout visits every
// child (cached or not). With thousands of blocks as direct children, that alone grows each frame's cost with
// the answer's length; in chunks, a frame visits a few dozen chunks and one chunk's blocks. A block's chunk
// depends only on its position among all rendered blocks, so a streamed answer and a one-shot render of the
// same text end with the same chunks.

export const CHUNK_CLASS = 'md-chunk';
const CHUNK_SIZE = 32;

export class ChunkedBlocks {
  private readonly chunks: HTMLElement[] = [];
  /** The nodes each frozen block rendered to, by block position. */
  private readonly nodesByBlock: ChildNode[][] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly document: Document,
    /** The first node of the open tail, which frozen chunks go before. */
    private readonly firstTailNode: () => ChildNode | null,
  ) {}

  get blockCount(): number {
    return this.nodesByBlock.length;
  }

  /** Freezes blocks after the existing ones; `blocks[i]` holds the nodes of one top-level block. */
  append(blocks: readonly (readonly ChildNode[])[]): void {
    for (const nodes of blocks) {
      const position = this.nodesByBlock.length;
      const chunk = this.chunkFor(position);
      keepingFocus(nodes, () => chunk.append(...nodes));
      this.nodesByBlock.push([...nodes]);
    }
  }

  /** Replaces the nodes of the frozen blocks from `first` on (same count), e.g. after a reference definition changed. */
  replace(first: number, blocks: readonly (readonly ChildNode[])[]): void {
    blocks.forEach((nodes, offset) => {
      const position = first + offset;
      const old = this.nodesByBlock[position];
      const chunk = this.chunks[Math.floor(position / CHUNK_SIZE)];
      const anchor = old[0] ?? this.nextFrozenNode(position, chunk);
      for (const node of nodes) {
        chunk.insertBefore(node, anchor);
      }
      for (const node of old) {
        node.remove();
      }
      this.nodesByBlock[position] = [...nodes];
    });
  }

  private chunkFor(position: number): HTMLElement {
    const index = Math.floor(position / CHUNK_SIZE);
    let chunk = this.chunks[index];
    if (!chunk) {
      chunk = this.document.createElement('div');
      chunk.className = CHUNK_CLASS;
      this.container.insertBefore(chunk, this.firstTailNode());
      this.chunks.push(chunk);
    }
    return chunk;
  }

  /** The first node of a later block in the same chunk, to insert before; null means the chunk's end. */
  private nextFrozenNode(position: number, chunk: HTMLElement): ChildNode | null {
    for (let next = position + 1; next < this.nodesByBlock.length; next++) {
      const first = this.nodesByBlock[next][0];
      if (first) {
        return first.parentNode === chunk ? first : null;
      }
    }
    return null;
  }
}

/** Moving a node out of the page and back drops keyboard focus; put it back where the person left it. */
function keepingFocus(nodes: readonly ChildNode[], move: () => void): void {
  const active = nodes[0]?.ownerDocument?.activeElement ?? null;
  const focused = active !== null && nodes.some((node) => node.contains(active)) ? (active as HTMLElement) : undefined;
  move();
  if (focused && focused.ownerDocument.activeElement !== focused) {
    focused.focus();
  }
}
