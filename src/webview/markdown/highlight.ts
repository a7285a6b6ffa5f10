// Syntax highlighting with highlight.js core and the languages chat answers actually use (the full build
// would triple the webview bundle). Runs once per code block, when its fence closes or the stream ends,
// never per frame.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import graphql from 'highlight.js/lib/languages/graphql';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import lua from 'highlight.js/lib/languages/lua';
import makefile from 'highlight.js/lib/languages/makefile';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import powershell from 'highlight.js/lib/languages/powershell';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import scss from 'highlight.js/lib/languages/scss';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { codeOfBlock } from './codeBlocks';
import { sanitizeHtmlParts, type BrowserWindow } from './sanitize';

const LANGUAGES = {
  bash, c, cpp, csharp, css, diff, dockerfile, go, graphql, ini, java, javascript, json, kotlin, lua, makefile,
  markdown, php, plaintext, powershell, python, ruby, rust, scss, shell, sql, swift, typescript, xml, yaml,
};
for (const [name, language] of Object.entries(LANGUAGES)) {
  hljs.registerLanguage(name, language);
}

/** Past this, highlighting costs more than it helps; the block stays plain. */
const HIGHLIGHT_MAX_LENGTH = 200_000;

/**
 * Only blocks whose fence names a known language are highlighted. Guessing (highlightAuto) runs every
 * candidate grammar over the block, costs more than all the rest of rendering it, and is often wrong;
 * a block labelled "text" that stays plain is the honest result.
 */
function highlightedHtml(code: string, language: string): string | undefined {
  if (!language || code.length > HIGHLIGHT_MAX_LENGTH || !hljs.getLanguage(language)) {
    return undefined;
  }
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

/** Highlights one code block (see codeBlocks.ts) in place; the code element's text stays exactly the same. */
export function highlightCodeBlock(block: Element, window: BrowserWindow): void {
  const code = codeOfBlock(block);
  if (!code) {
    return;
  }
  const text = code.textContent ?? '';
  const html = highlightedHtml(text, block.getAttribute('data-language') ?? '');
  if (html === undefined) {
    return;
  }
  const [highlighted] = sanitizeHtmlParts([html], window);
  // Belt and braces: a highlighter bug must never change what Copy copies.
  if (highlighted.textContent === text) {
    code.replaceChildren(...Array.from(highlighted.childNodes));
  }
}

/** Highlights every code block in the given top-level nodes (including blocks nested in lists or quotes). */
export function highlightCodeBlocks(nodes: readonly Node[], window: BrowserWindow): void {
  for (const node of nodes) {
    if (node.nodeType !== 1) {
      continue;
    }
    const element = node as Element;
    if (element.classList.contains('code-block')) {
      highlightCodeBlock(element, window);
    }
    for (const nested of Array.from(element.querySelectorAll('.code-block'))) {
      highlightCodeBlock(nested, window);
    }
  }
}
