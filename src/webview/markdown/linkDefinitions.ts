// Reference links can be defined after they are used (`see [docs][1]` ... `[1]: https://...`), and marked
// resolves them across the whole document. A streamed block rendered before its definition arrived must be
// rendered again once it has one; these helpers find which blocks a set of definitions can affect.
import type { Links, Token } from 'marked';

/** marked's label normalisation, applied to a whole text so a label can be searched for in it. */
function normalizeLabelText(text: string): string {
  // Greek final sigma lower-cases by context; fold both forms so the search cannot miss.
  return text
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase()
    .replace(/\u03c2/g, '\u03c3');
}

/**
 * What to search for labels in a block: undefined when the block has no `[` and so can use no reference.
 * A block "mentions" a label when its normalised text contains the normalised label: a cheap superset of
 * the references it really has, which is all that is needed to decide what to re-render.
 */
export function referenceIndex(source: string): string | undefined {
  return source.includes('[') ? normalizeLabelText(source) : undefined;
}

/**
 * A string that changes exactly when a definition this block may use changes (added, removed or altered).
 * Blocks with equal signatures render identically whatever the other definitions are.
 */
export function linkSignature(index: string | undefined, links: Links): string {
  if (index === undefined) {
    return '';
  }
  const parts: string[] = [];
  for (const label of Object.keys(links).sort()) {
    if (index.includes(normalizeLabelText(label))) {
      const { href, title } = links[label];
      parts.push(`${label}\u0000${href}\u0000${title ?? ''}`);
    }
  }
  return parts.join('\u0001');
}

/** All definitions, for a quick "did anything change at all" check. */
export function definitionsSignature(links: Links): string {
  return Object.keys(links)
    .map((label) => `${label}\u0000${links[label].href}\u0000${links[label].title ?? ''}`)
    .join('\u0001');
}

/** Adds the definitions found in `tokens` (at any depth, as marked does) to `into`; the first one wins. */
export function collectDefinitions(tokens: readonly Token[], into: Links): void {
  for (const token of tokens) {
    if (token.type === 'def') {
      into[token.tag] ??= { href: token.href, title: token.title };
    } else if (token.type === 'list') {
      for (const item of token.items) {
        collectDefinitions(item.tokens, into);
      }
    } else if (token.type === 'blockquote') {
      collectDefinitions(token.tokens ?? [], into);
    }
  }
}

/** The definitions in `all` that are not in `base`. */
export function definitionsNotIn(all: Links, base: Links): Links {
  const extra = Object.create(null) as Links;
  for (const label of Object.keys(all)) {
    if (!(label in base)) {
      extra[label] = all[label];
    }
  }
  return extra;
}
