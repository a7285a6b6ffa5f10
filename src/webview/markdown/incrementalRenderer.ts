// Incremental markdown rendering: frozen blocks (in chunks, see chunkedBlocks.ts) followed by the open tail.
//
// A top-level block is frozen (rendered once, never parsed or touched again) as soon as a later block has
// started on a complete line, or, for a fenced code block, as soon as its closing fence line is complete:
// markdown block structure only ever depends on what comes after through the last open block. Only the tail (the open block plus the unfinished line) is kept as text, lexed and
// rendered per frame, so the cost of a frame does not grow with the answer. The one exception is reference
// definitions, which apply backwards: when they change, the few frozen blocks that mention their labels are
// rendered again.
import type { Links, Token } from 'marked';
import { isBlockToken, renderBlocks, type RenderTarget } from './blockRenderer';
import { ChunkedBlocks } from './chunkedBlocks';
import { isClosedFence } from './fences';
import type { HighlightQueue } from './highlightQueue';
import { collectDefinitions, definitionsNotIn, definitionsSignature, linkSignature, referenceIndex } from './linkDefinitions';
import { lexMarkdown } from './markedSetup';
import { OpenFence } from './openFence';
import { OpenList } from './openList';
import { OpenTable, type Growth } from './openTable';
import { OpenTail } from './openTail';
import { TailPreview } from './tailPreview';

/** Markdown frozen in one step: its source is kept to render it again if its reference definitions change. */
interface FrozenGroup {
  readonly source: string;
  readonly firstBlock: number;
  readonly blockCount: number;
  /** See linkDefinitions.referenceIndex. */
  readonly referenceIndex: string | undefined;
  /** The definitions the group was rendered with, as far as it can use them. */
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

/**
 * An open tail longer than this (one giant paragraph, table, list or quote) is lexed and rendered again only
 * once it has grown by REGROWTH since the last time; in between, new text shows as plain text after the block
 * (see tailPreview.ts). Rendering a block costs time in proportion to its length, so growing the interval with it
 * keeps the whole stream's cost linear and such renders rare (a few dozen frames in a 60 KB block).
 */
const LARGE_TAIL = 4_000;
const REGROWTH = 1.25;
/**
 * A tail that is short but costly to render (marked is superlinear on some shapes, such as "1. " repeated on
 * one line) is throttled by measured cost instead: after renders that took t ms, it waits for t / COST_PER_CHAR
 * new characters, so the renders of a whole stream add up to at most COST_PER_CHAR per character plus the last
 * one. Renders cheaper than CHEAP_RENDER never wait, and the smaller of the last two costs is used so one slow
 * frame (a garbage collection, a busy machine) does not hold ordinary text back.
 */
const COST_PER_CHAR = 0.01;
const CHEAP_RENDER = 2;
/** A blank line or an opening fence: the block before it has likely ended. */
const BLOCK_BREAK = /\n[ \t]*\n|\n {0,3}(?:`{3}|~{3})/;

function rawLength(tokens: readonly Token[]): number {
  let length = 0;
  for (const token of tokens) {
    length += token.raw.length;
  }
  return length;
}

export class IncrementalRenderer {
  private readonly groups: FrozenGroup[] = [];
  private readonly frozen: ChunkedBlocks;
  /** The markdown not frozen yet: the open tail, possibly ending in an unfinished line. */
  private open = '';
  private readonly tail: OpenTail;
  /** Whether the tail nodes show `open` as it is now. */
  private tailCurrent = true;
  /** Whether freezing was already tried on the complete lines of `open` as it is now. */
  private freezeCurrent = true;
  /** Definitions in frozen blocks, in document order (first wins). */
  private readonly settledLinks = emptyLinks();
  /** Definitions in the open tail: provisional, but applied as if final so the view is always consistent. */
  private provisionalLinks = emptyLinks();
  private provisionalSignature = '';
  private appliedLinksSignature = '';
  /** Set while the tail is one open fenced code block, which then grows without lexing (see openFence.ts). */
  private fence: OpenFence | undefined;
  /**
   * Set while the tail is one open table or tight list, which then grows by appending rows or items (see
   * openTable.ts, openList.ts).
   */
  private table: OpenTable | OpenList | undefined;
  /** Markdown appended since the last render, for `fence` and `table`. */
  private unrendered = '';
  /** The length of `open` when the tail was last rendered, and the plain text shown after it since. */
  private renderedLength = 0;
  private readonly previews: TailPreview;
  /** Milliseconds the last two renders of the tail took, the latest last. */
  private renderCosts: [number, number] = [0, 0];

  constructor(
    container: HTMLElement,
    private readonly target: RenderTarget,
    /** Where closed code blocks go to be highlighted, off the frame (see highlightQueue.ts). */
    private readonly highlighter: HighlightQueue,
    /** Milliseconds from any origin, to measure what a render costs. */
    private readonly now: () => number,
  ) {
    this.tail = new OpenTail(container, target);
    this.previews = new TailPreview(container, target);
    this.frozen = new ChunkedBlocks(container, target.document, () => this.tail.firstNode);
  }

  /** Adds normalised markdown (see sourceText.ts); nothing renders until render(). */
  append(text: string): void {
    if (text.length > 0) {
      this.open += text;
      this.unrendered += text;
      this.tailCurrent = false;
      this.freezeCurrent = this.freezeCurrent && !text.includes('\n');
    }
  }

  /**
   * Brings the container up to date. `complete`: no more text will come, so the last block is settled too
   * and every code block is highlighted.
   */
  render(complete: boolean): void {
    const added = this.unrendered;
    this.unrendered = '';
    if (!complete && this.fence && (added === '' || this.fence.grow(added))) {
      // The block cannot have closed, so nothing can freeze, and its code element already shows all of it.
      this.freezeCurrent = true;
      this.tailCurrent = true;
      return;
    }
    this.fence = undefined;
    const table = this.table;
    this.table = undefined;
    const growth = table ? this.growTable(table, added, complete) : 'unsure';
    if (growth === 'grown' && !complete) {
      return;
    }
    // 'ended': a new block starts after the table, which shows it as soon as the tail is rendered.
    if (!complete && growth !== 'ended' && this.mayPreview(added)) {
      this.previews.show(added);
      return;
    }
    this.previews.clear();
    const start = this.now();
    this.freeze(complete);
    this.renderTail(complete);
    this.applyLinkChanges();
    this.renderedLength = this.open.length - this.unfinishedTableLine().length;
    this.renderCosts = [this.renderCosts[1], this.now() - start];
  }

  /** The line an open table shows as plain text (renderTail may have opened one). */
  private unfinishedTableLine(): string {
    return this.table instanceof OpenTable ? this.table.pending : '';
  }

  /**
   * Renders the rows `added` completes in the open table. A giant table takes them in batches, when it has
   * grown by REGROWTH, the lines waiting as plain text after it meanwhile (as a giant tail's text does, see
   * mayPreview); otherwise at once, with only the unfinished line waiting. The table stays open only while
   * every completed line was a row and more text may come (see openTable.ts).
   */
  private growTable(table: OpenTable | OpenList, added: string, complete: boolean): Growth {
    if (table instanceof OpenList) {
      return this.growList(table, added, complete);
    }
    const growth = table.grow(added, complete);
    if (growth === 'unsure') {
      return growth;
    }
    const open = growth === 'grown' && !complete;
    const attach = !open || this.open.length <= LARGE_TAIL || this.open.length >= this.renderedLength * REGROWTH;
    if (attach) {
      table.attach();
      this.tail.lastBlockShows(table.raw);
    }
    if (open) {
      this.table = table;
      if (attach) {
        this.previews.set(table.pending);
        this.renderedLength = this.open.length - table.pending.length;
      } else {
        this.previews.show(added);
      }
      // A row cannot end the table, so nothing can freeze yet.
      this.freezeCurrent = true;
      this.tailCurrent = true;
    }
    return growth;
  }

  /** Renders the open list's last item again with `added` (see openList.ts). */
  private growList(list: OpenList, added: string, complete: boolean): Growth {
    // A giant last item waits to be rendered like any giant tail (see mayPreview).
    const growth = list.lastItemLength > LARGE_TAIL ? 'unsure' : list.grow(added);
    if (growth === 'unsure') {
      return growth;
    }
    this.tail.lastBlockShows(list.raw);
    if (growth === 'grown' && !complete) {
      this.table = list;
      this.renderedLength = this.open.length;
      this.freezeCurrent = true;
      this.tailCurrent = true;
    }
    return growth;
  }

  /**
   * Whether `added` may wait as plain text: the tail is large and has not grown by REGROWTH, or its last
   * renders were costly and it has not grown enough to pay for another (COST_PER_CHAR), and `added`
   * brings no blank line or fence, after which a new block most likely starts (and should look like one).
   */
  private mayPreview(added: string): boolean {
    if (added === '') {
      return false;
    }
    const large = this.open.length > LARGE_TAIL && this.open.length < this.renderedLength * REGROWTH;
    const cost = Math.min(...this.renderCosts);
    const costly = cost > CHEAP_RENDER && (this.open.length - this.renderedLength) * COST_PER_CHAR < cost;
    if (!large && !costly) {
      return false;
    }
    const around = this.open.slice(-(added.length + 1));
    return !BLOCK_BREAK.test(around);
  }

  /** Highlights code blocks in the open tail now (replay of an unfinished answer); streaming undoes it. */
  highlightTail(): void {
    this.highlighter.add(this.tail.nodes);
  }

  private freeze(complete: boolean): void {
    if (this.freezeCurrent && !complete) {
      return;
    }
    this.freezeCurrent = true;
    const region = complete ? this.open : this.open.slice(0, this.open.lastIndexOf('\n') + 1);
    if (region.length === 0) {
      return;
    }
    const { tokens, links } = lexMarkdown(region, this.settledLinks);
    const count = complete ? tokens.length : settledTokenCount(tokens);
    if (count === 0) {
      return;
    }
    const settled = tokens.slice(0, count);
    const length = rawLength(settled);
    // The tail's nodes show the same markdown unless reference definitions are in play, which may differ
    // between this lexing and the tail's.
    const noNewDefinitions = this.provisionalSignature === '' && definitionsSignature(definitionsNotIn(links, this.settledLinks)) === '';
    const blocks = this.tail.takeSettled(settled, noNewDefinitions);
    const source = region.slice(0, length);
    const index = referenceIndex(source);
    this.groups.push({
      source,
      firstBlock: this.frozen.blockCount,
      blockCount: blocks.length,
      referenceIndex: index,
      linkSignature: linkSignature(index, links),
    });
    this.frozen.append(blocks);
    this.highlighter.add(blocks.flat());
    this.open = this.open.slice(length);
    this.tailCurrent = false;
    collectDefinitions(settled, this.settledLinks);
  }

  private renderTail(complete: boolean): void {
    if (this.tailCurrent) {
      return;
    }
    this.tailCurrent = true;
    const { tokens, links } = lexMarkdown(this.open, this.settledLinks);
    this.provisionalLinks = definitionsNotIn(links, this.settledLinks);
    const signature = definitionsSignature(this.provisionalLinks);
    const definitionsChanged = signature !== this.provisionalSignature;
    this.provisionalSignature = signature;
    this.tail.show(tokens, definitionsChanged);
    const blocks = tokens.filter(isBlockToken);
    if (!complete && blocks.length === 1 && tokens.length === 1) {
      this.fence = OpenFence.start(this.open, blocks[0], this.tail.firstNode);
      const nodes = this.tail.lastBlockNodes;
      this.table =
        OpenTable.start(this.open, blocks[0], nodes, this.settledLinks, this.target) ??
        OpenList.start(this.open, blocks[0], nodes, this.settledLinks, this.target);
      if (this.table) {
        this.tail.lastBlockShows(this.table.raw);
        this.previews.show(this.unfinishedTableLine());
      }
    }
  }

  /** Renders again the frozen groups whose reference definitions changed since they were rendered. */
  private applyLinkChanges(): void {
    const effective = Object.assign(emptyLinks(), this.provisionalLinks, this.settledLinks);
    const signature = definitionsSignature(effective);
    if (signature === this.appliedLinksSignature) {
      return;
    }
    this.appliedLinksSignature = signature;
    for (const group of this.groups) {
      const groupSignature = linkSignature(group.referenceIndex, effective);
      if (groupSignature === group.linkSignature) {
        continue;
      }
      const blocks = renderBlocks(lexMarkdown(group.source, effective).tokens, this.target);
      // Definitions change links inside blocks, never the blocks themselves; the check only guards that.
      if (blocks.length === group.blockCount) {
        this.frozen.replace(group.firstBlock, blocks);
        this.highlighter.add(blocks.flat());
      }
      group.linkSignature = groupSignature;
    }
  }
}
