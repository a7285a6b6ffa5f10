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

/** Tokens that render to nothing: blank lines and reference definitions. They are not blocks. */
export function isBlockToken(token: Token): boolean {
  return token.type !== 'space' && token.type !== 'def';
}

/**
 * Renders top-level tokens; the result holds one list of nodes per block token (see isBlockToken).
 * Each block is sanitised on its own. The browser's HTML parser lets an unclosed tag in one block (raw
 * `<div>`, a dangling `<b>`) swallow or restyle the blocks after it; parsing blocks separately keeps model
 * HTML contained in its block and makes the result independent of how the text was split into frames,
 * which is what lets streamed output equal a one-shot render.
 */
export function renderBlocks(tokens: readonly Token[], target: RenderTarget): ChildNode[][] {
  const parts = tokens.filter(isBlockToken).map((token) => tokensToHtml([token]));
  return sanitizeHtmlParts(parts, target.window).map((holder) => {
    decorateCodeBlocks(holder, target.document, target.buttons);
    return Array.from(holder.childNodes);
  });
}
