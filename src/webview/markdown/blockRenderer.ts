// Turns top-level marked tokens into sanitised DOM nodes ready to insert.
import type { Token } from 'marked';
import { decorateCodeBlocks, type CodeBlockButton } from './codeBlocks';
import { tokensToHtml } from './markedSetup';
import { sanitizeHtmlParts, type BrowserWindow } from './sanitize';

export interface RenderTarget {
  readonly document: Document;
  readonly window: BrowserWindow;
  readonly buttons: readonly CodeBlockButton[];
}

/**
 * Each top-level token is sanitised on its own. The browser's HTML parser lets an unclosed tag in one block
 * (raw `<div>`, a dangling `<b>`) swallow or restyle the blocks after it; parsing blocks separately keeps
 * model HTML contained in its block and makes the result independent of how the text was split into
 * frames, which is what lets streamed output equal a one-shot render.
 */
export function renderTokens(tokens: readonly Token[], target: RenderTarget): ChildNode[] {
  const parts = tokens.filter((token) => token.type !== 'space' && token.type !== 'def').map((token) => tokensToHtml([token]));
  const nodes: ChildNode[] = [];
  for (const fragment of sanitizeHtmlParts(parts, target.window)) {
    decorateCodeBlocks(fragment, target.document, target.buttons);
    nodes.push(...Array.from(fragment.childNodes));
  }
  return nodes;
}
