// Incremental markdown rendering: the container holds frozen blocks followed by the open tail.
//
// A top-level block is frozen (rendered once, never parsed or touched again) as soon as a later block has
// started on a complete line: markdown block structure only ever depends on what comes after through the
// last open block. Only the tail (the open block plus the unfinished line) is lexed and rendered per frame,
// so the cost of a frame does not grow with the answer. The one exception is reference definitions, which
// apply backwards: when they change, the few frozen blocks that mention their labels are rendered again.
import type { Links, Token } from 'marked';
import { renderTokens, type RenderTarget } from './blockRenderer';
import { codeOfBlock } from './codeBlocks';
import { isClosedFence } from './fences';
import { highlightCodeBlocks } from './highlight';
import { collectDefinitions, definitionsNotIn, definitionsSignature, linkSignature, referenceIndex } from './linkDefinitions';
import { lexMarkdown } from './markedSetup';

interface FrozenBlock {
  /** The markdown this block was rendered from. */
  readonly source: string;
  nodes: ChildNode[];
  /** See linkDefinitions.referenceIndex. */
  readonly referenceIndex: string | undefined;
  /** The definitions this block was rendered with, as far as it can use them. */
  linkSignature: string;
}

function emptyLinks(): Links {
  return Object.create(null) as Links;
}

/** How many leading tokens are settled: everything before the last non-blank token, or all if it is a closed fence. */
function settledTokenCount(tokens: readonly Token[]): number {
  let last = tokens.length - 1;
  while (last >= 0 && tokens[last].type === 'space') {
    last--;
  }
  if (last < 0) {
    return 0;
  }
  return isClosedFence(tokens[last]) ? tokens.length : last;
}

function rawLength(tokens: readonly Token[]): number {
  let length = 0;
  for (const token of tokens) {
    length += token.raw.length;
  }
  return length;
}

export class IncrementalRenderer {
  private readonly frozen: FrozenBlock[] = [];
  /** Offset in the source where the tail starts. */
  private frozenEnd = 0;
  private tailNodes: ChildNode[] = [];
  /** The source range the tail nodes show, to skip frames where nothing renderable changed. */
  private tailFrom = -1;
  private tailTo = -1;
  /** Where the last freeze attempt looked up to, and whether it was final. */
  private freezeCheckedTo = -1;
  private freezeCheckedFinal = false;
  /** Definitions in frozen blocks, in document order (first wins). */
  private settledLinks = emptyLinks();
  /** Definitions in the open tail: provisional, but applied as if final so the view is always consistent. */
  private provisionalLinks = emptyLinks();
  private appliedLinksSignature = '';

  constructor(
    private readonly container: HTMLElement,
    private readonly target: RenderTarget,
  ) {}

  /**
   * Brings the container up to date with `source` (which only ever grows). `complete`: no more text will
   * come, so the last block is settled too and every code block is highlighted.
   */
  render(source: string, complete: boolean): void {
    this.freeze(source, complete);
    this.renderTail(source);
    this.applyLinkChanges();
  }

  /** Highlights code blocks in the open tail now (replay of an unfinished answer); streaming undoes it. */
  highlightTail(): void {
    highlightCodeBlocks(this.tailNodes, this.target.window);
  }

  private freeze(source: string, complete: boolean): void {
    const end = complete ? source.length : source.lastIndexOf('\n') + 1;
    if (end <= this.frozenEnd || (end === this.freezeCheckedTo && complete === this.freezeCheckedFinal)) {
      return;
    }
    this.freezeCheckedTo = end;
    this.freezeCheckedFinal = complete;
    const region = source.slice(this.frozenEnd, end);
    const { tokens, links } = lexMarkdown(region, this.settledLinks);
    const count = complete ? tokens.length : settledTokenCount(tokens);
    if (count === 0) {
      return;
    }
    const settled = tokens.slice(0, count);
    const length = rawLength(settled);
    const nodes = this.takeMatchingTailNodes(renderTokens(settled, this.target));
    highlightCodeBlocks(nodes, this.target.window);
    const blockSource = region.slice(0, length);
    const index = referenceIndex(blockSource);
    this.frozen.push({ source: blockSource, nodes, referenceIndex: index, linkSignature: linkSignature(index, links) });
    this.frozenEnd += length;
    collectDefinitions(settled, this.settledLinks);
  }

  /**
   * Places freshly frozen nodes, reusing the tail's nodes where they are identical so that what the person is
   * looking at (or has focused, like a Copy button) is not replaced by a copy of itself.
   */
  private takeMatchingTailNodes(fresh: ChildNode[]): ChildNode[] {
    const placed: ChildNode[] = [];
    let reused = 0;
    while (reused < fresh.length && reused < this.tailNodes.length && this.tailNodes[reused].isEqualNode(fresh[reused])) {
      placed.push(this.tailNodes[reused]);
      reused++;
    }
    const remainingTail = this.tailNodes.slice(reused);
    const before = remainingTail[0] ?? null;
    for (const node of fresh.slice(reused)) {
      this.container.insertBefore(node, before);
      placed.push(node);
    }
    this.tailNodes = remainingTail;
    return placed;
  }

  private renderTail(source: string): void {
    if (this.tailFrom === this.frozenEnd && this.tailTo === source.length) {
      return;
    }
    this.tailFrom = this.frozenEnd;
    this.tailTo = source.length;
    const { tokens, links } = lexMarkdown(source.slice(this.frozenEnd), this.settledLinks);
    this.provisionalLinks = definitionsNotIn(links, this.settledLinks);
    this.patchTail(renderTokens(tokens, this.target));
  }

  /** Replaces the tail's nodes with `fresh`, keeping the ones that did not change. */
  private patchTail(fresh: ChildNode[]): void {
    const kept: ChildNode[] = [];
    for (let i = 0; i < fresh.length; i++) {
      const old = this.tailNodes[i];
      if (old === undefined) {
        this.container.append(fresh[i]);
        kept.push(fresh[i]);
      } else if (old.isEqualNode(fresh[i]) || updateGrowingCodeBlock(old, fresh[i])) {
        kept.push(old);
      } else {
        old.replaceWith(fresh[i]);
        kept.push(fresh[i]);
      }
    }
    for (const stale of this.tailNodes.slice(fresh.length)) {
      stale.remove();
    }
    this.tailNodes = kept;
  }

  /** Renders again the frozen blocks whose reference definitions changed since they were rendered. */
  private applyLinkChanges(): void {
    const effective = Object.assign(emptyLinks(), this.provisionalLinks, this.settledLinks);
    const signature = definitionsSignature(effective);
    if (signature === this.appliedLinksSignature) {
      return;
    }
    this.appliedLinksSignature = signature;
    for (const block of this.frozen) {
      const blockSignature = linkSignature(block.referenceIndex, effective);
      if (blockSignature === block.linkSignature) {
        continue;
      }
      const nodes = renderTokens(lexMarkdown(block.source, effective).tokens, this.target);
      highlightCodeBlocks(nodes, this.target.window);
      const anchor = block.nodes[0] ?? this.nextNodeAfter(block);
      for (const node of nodes) {
        this.container.insertBefore(node, anchor);
      }
      for (const node of block.nodes) {
        node.remove();
      }
      block.nodes = nodes;
      block.linkSignature = blockSignature;
    }
  }

  /** The first node after a frozen block that rendered to nothing, to insert its new nodes before. */
  private nextNodeAfter(block: FrozenBlock): ChildNode | null {
    const later = this.frozen.slice(this.frozen.indexOf(block) + 1).find((other) => other.nodes.length > 0);
    return later?.nodes[0] ?? this.tailNodes[0] ?? null;
  }
}

/**
 * While a code block streams, keeps its element (and toolbar, which may have focus) and only grows the
 * code text. Returns false when `fresh` is not the same code block grown.
 */
function updateGrowingCodeBlock(old: ChildNode, fresh: ChildNode): boolean {
  const oldCode = codeOfBlock(old);
  const freshCode = codeOfBlock(fresh);
  if (!oldCode || !freshCode || (old as Element).getAttribute('data-language') !== (fresh as Element).getAttribute('data-language')) {
    return false;
  }
  const oldText = oldCode.textContent ?? '';
  const freshText = freshCode.textContent ?? '';
  const last = oldCode.lastChild;
  if (freshText.startsWith(oldText) && oldCode.childNodes.length === 1 && last?.nodeType === 3) {
    (last as Text).appendData(freshText.slice(oldText.length));
  } else {
    oldCode.textContent = freshText;
  }
  return true;
}
