// Syntax highlighting with highlight.js core and the languages chat answers actually use (the full build
// would triple the webview bundle). Runs once per code block, after its fence closes, a piece at a time in
// idle slices (highlightQueue.ts), never in a frame that shows streamed text.
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

const LANGUAGES = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  dockerfile,
  go,
  graphql,
  ini,
  java,
  javascript,
  json,
  kotlin,
  lua,
  makefile,
  markdown,
  php,
  plaintext,
  powershell,
  python,
  ruby,
  rust,
  scss,
  shell,
  sql,
  swift,
  typescript,
  xml,
  yaml,
};
for (const [name, language] of Object.entries(LANGUAGES)) {
  hljs.registerLanguage(name, language);
}

/** Past this, highlighting costs more than it helps; the block stays plain. */
const HIGHLIGHT_MAX_LENGTH = 500_000;

/** About how much code one piece (one idle slice) highlights: a few milliseconds of work. */
const PIECE_LENGTH = 3_000;

/**
 * Only blocks whose fence names a known language are highlighted. Guessing (highlightAuto) runs every
 * candidate grammar over the block, costs more than all the rest of rendering it, and is often wrong;
 * a block labelled "text" that stays plain is the honest result.
 */
export function highlightableLanguage(code: string, language: string): string | undefined {
  return language && code.length <= HIGHLIGHT_MAX_LENGTH && hljs.getLanguage(language) ? language : undefined;
}

function lineEndAfter(text: string, position: number): number {
  if (position >= text.length) {
    return text.length;
  }
  const newline = text.indexOf('\n', position);
  return newline < 0 ? text.length : newline + 1;
}

export interface HighlightedPiece {
  /** Where the piece ends in the code (it starts where the previous one ended). */
  readonly end: number;
  readonly html: string;
}

/**
 * The highlighted HTML of the code from `start` to a line end about PIECE_LENGTH further on, where the grammar
 * is back at its top level (no comment, string or template open), so the next piece can start afresh. A long
 * block is then highlighted a slice at a time. The cut points depend on the code alone, so a block highlighted
 * in idle slices while streaming ends exactly as one highlighted at once.
 */
export function highlightPiece(code: string, start: number, language: string): HighlightedPiece {
  const top = hljs.getLanguage(language);
  for (let length = PIECE_LENGTH; ; length *= 2) {
    const end = lineEndAfter(code, start + length);
    const result = hljs.highlight(code.slice(start, end), { language, ignoreIllegals: true });
    if (end === code.length || result._top === top) {
      return { end, html: result.value };
    }
  }
}
