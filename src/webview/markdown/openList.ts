// A tight list that is still open grows by its last item: items before it are complete (the next item's
// marker has started) and keep their elements; only the markdown from the last item's marker on is lexed and
// rendered per frame, as a list of its own, and its items replace the last <li>. That equals a one-shot
// render because marked cuts items with rules local to each item (its own indent; the list's bullet, which
// is checked to be the same), lexes each item's content on its own, and decides only one thing across items:
// a blank line between items, or inside one, makes the whole list loose (a <p> in every item). A loose
// list, a different bullet, or anything after the list hands the tail back to the normal rendering, which
// lexes it once. See docs/architecture.md.
import type { Links, Token, Tokens } from 'marked';
import type { RenderTarget } from './blockRenderer';
import { decorateCodeBlocks } from './codeBlocks';
import { lexMarkdown, tokensToHtml } from './markedSetup';
import type { Growth } from './openTable';
import { sanitizeHtmlParts } from './sanitize';

/**
 * What marks an item of the list: its bullet, or an ordered list's delimiter. Items must share it; the
 * markdown lexed per frame starts with an item of the list, so this only guards that.
 */
function markerKind(list: Tokens.List): string | undefined {
  const first = list.items[0]?.raw ?? '';
  const marker = list.ordered ? /^ {0,3}\d{1,9}([.)])/.exec(first) : /^ {0,3}([*+-])/.exec(first);
  return marker ? `${list.ordered ? 'ol' : 'ul'}${marker[1]}` : undefined;
}

/** The list of `tokens` if they are one list and nothing else (a blank line after it may still be followed by an item). */
function onlyList(tokens: readonly Token[]): Tokens.List | undefined {
  const [list, ...rest] = tokens;
  return list?.type === 'list' && rest.every((token) => token.type === 'space') ? (list as Tokens.List) : undefined;
}

function isNewline(node: ChildNode | undefined | null): boolean {
  return node?.nodeType === 3 && (node as Text).data === '\n';
}

/**
 * Whether `list` (and what follows it, `after`) is exactly what marked writes, parsed with nothing carried
 * from one item to the next: "\n", then each <li> followed by a bare "\n". Raw HTML can carry things past
 * an item's end in the browser's parser (an unclosed <b> wraps everything after it, an unclosed comment or
 * <textarea> swallows it); each shows there, around or instead of the "\n" after the item. An item whose
 * end is clean leaves the parser as a fresh list would, so rendering the items after it alone is the same.
 */
function cleanlyClosed(list: Element, after: readonly ChildNode[]): boolean {
  const nodes = list.childNodes;
  if (!isNewline(nodes[0]) || nodes.length % 2 === 0 || after.length !== 1 || !isNewline(after[0])) {
    return false;
  }
  for (let i = 1; i < nodes.length; i += 2) {
    if (nodes[i].nodeName !== 'LI' || !isNewline(nodes[i + 1])) {
      return false;
    }
  }
  return true;
}

export class OpenList {
  /** The markdown of the complete items, which keep their elements. */
  private shown: string;

  private constructor(
    private readonly list: HTMLElement,
    private readonly kind: string,
    private readonly links: Links,
    private readonly target: RenderTarget,
    shown: string,
    /** The markdown from the last item's marker on, as rendered in the last <li>. */
    private last: string,
  ) {
    this.shown = shown;
  }

  /**
   * Takes over the tail when it is exactly one tight list of at least two items, shown as `nodes`.
   * `links`: the reference definitions the tail was rendered with.
   */
  static start(tail: string, token: Token, nodes: readonly ChildNode[], links: Links, target: RenderTarget): OpenList | undefined {
    const list = onlyList([token]);
    const element = nodes.find((node): node is HTMLElement => node.nodeName === (list?.ordered ? 'OL' : 'UL'));
    const kind = list && markerKind(list);
    if (!list || list.loose || list.items.length < 2 || !element || kind === undefined) {
      return undefined;
    }
    if (element.children.length !== list.items.length || !cleanlyClosed(element, nodes.slice(nodes.indexOf(element) + 1))) {
      return undefined;
    }
    const lastStart = list.items
      .slice(0, -1)
      .map((item) => item.raw)
      .join('').length;
    if (!tail.startsWith(list.items.at(-1)?.raw ?? '\0', lastStart)) {
      return undefined;
    }
    return new OpenList(element, kind, links, target, tail.slice(0, lastStart), tail.slice(lastStart));
  }

  /** The markdown the list element shows. */
  get raw(): string {
    return this.shown + this.last;
  }

  /** The length of the last item's markdown, which each frame renders again. */
  get lastItemLength(): number {
    return this.last.length;
  }

  /**
   * Renders the last item again with `delta` (the markdown since the last frame), and any items it turned
   * into. 'grown': the list is still one tight list with the same bullet. 'ended': so far, but something
   * follows it. 'unsure' (nothing changed): it is not a list this can vouch for.
   */
  grow(delta: string): Growth {
    if (delta === '') {
      return 'grown';
    }
    const source = this.last + delta;
    const { tokens } = lexMarkdown(source, this.links);
    const list = tokens[0]?.type === 'list' ? (tokens[0] as Tokens.List) : undefined;
    if (!list || list.loose || markerKind(list) !== this.kind) {
      return 'unsure';
    }
    const [holder] = sanitizeHtmlParts([tokensToHtml([list])], this.target.window);
    decorateCodeBlocks(holder, this.target.document, this.target.buttons);
    const rendered = holder.firstChild;
    if (
      !(rendered instanceof this.target.window.Element) ||
      rendered.children.length !== list.items.length ||
      !cleanlyClosed(rendered, Array.from(holder.childNodes).slice(1))
    ) {
      return 'unsure';
    }
    // The old last item and its "\n" go; the new items come with theirs (the list's first "\n" stays).
    this.list.lastChild?.remove();
    this.list.lastChild?.remove();
    this.list.append(...Array.from(rendered.childNodes).slice(1));
    const lastStart = list.items
      .slice(0, -1)
      .map((item) => item.raw)
      .join('').length;
    const open = onlyList(tokens) !== undefined;
    this.shown += source.slice(0, lastStart);
    // After the list, something else started: the list is as it ends (the tail's next render checks that).
    this.last = source.slice(lastStart, open ? source.length : list.raw.length);
    return open ? 'grown' : 'ended';
  }
}
