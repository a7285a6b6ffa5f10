// The one marked configuration used for every render, streamed or not, so both produce identical HTML.
// marked only turns markdown into an HTML string; it never has the final say on what reaches the DOM
// (see sanitize.ts).
import { Lexer, Parser, Renderer, type Links, type MarkedOptions, type Token, type Tokens } from 'marked';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

class ChatRenderer extends Renderer {
  /**
   * Without marked's extra trailing newline: the UI copies the code element's textContent, which must be
   * exactly the code. The language goes in the class, as in marked; codeBlocks.ts builds the toolbar.
   */
  override code({ text, lang }: Tokens.Code): string {
    const language = (lang ?? '').match(/^\S*/)?.[0] ?? '';
    const languageClass = language ? ` class="language-${escapeHtml(language)}"` : '';
    return `<pre><code${languageClass}>${escapeHtml(text)}</code></pre>\n`;
  }

  /** Task-list boxes as plain glyphs: form controls are not allowed in model output. */
  override checkbox({ checked }: Tokens.Checkbox): string {
    return `<span class="md-task${checked ? ' md-task-done' : ''}">${checked ? '\u2611' : '\u2610'}</span> `;
  }
}

function createOptions(): MarkedOptions {
  // Lexer and Parser write their tokenizer/renderer back into the options object; one shared object is fine
  // because rendering is synchronous.
  return { async: false, gfm: true, breaks: false, pedantic: false, silent: true, renderer: new ChatRenderer() };
}

const options = createOptions();

export interface LexResult {
  readonly tokens: Token[];
  /** Reference definitions known after lexing: the ones passed in plus the ones this source defines. */
  readonly links: Links;
}

/**
 * Lexes a piece of the document. `knownLinks` are the reference definitions of the rest of the document,
 * so `[text][ref]` resolves as it would if the whole document were lexed at once.
 */
export function lexMarkdown(source: string, knownLinks: Links): LexResult {
  const lexer = new Lexer(options);
  const links: Links = Object.assign(Object.create(null) as Links, knownLinks);
  lexer.tokens.links = links;
  const tokens = lexer.lex(source);
  return { tokens, links: tokens.links };
}

/** The (unsanitised) HTML of block tokens. */
export function tokensToHtml(tokens: Token[]): string {
  return new Parser(options).parse(tokens);
}
