// A fast, dependency-free token estimate, used to fit conversation history into a budget
// (cometapi.maxContextTokens). CometAPI fronts many model families whose tokenizers differ, so an exact count
// for one of them would still be an estimate for the others; a one-pass character heuristic is enough.
//
// Weights per UTF-16 code unit, fitted on ~100 files (TypeScript, Python, CSS, JSON, Markdown, prose) against
// OpenAI's cl100k_base and o200k_base encodings:
//   ASCII letters, digits, `_`           0.25  ~4 characters per token, the usual figure for English and code
//   a space or tab after a non-space     0     BPE vocabularies fold it into the next word (" the" is one token)
//   further spaces/tabs (indentation)    1/16  runs of whitespace merge into few tokens
//   line breaks                          0.5
//   other ASCII (punctuation, symbols)   0.6   `(`, `{`, `;`, `=>` merge less often than letters
//   CJK ideographs, kana, hangul         1     usually one to 1.5 tokens per character
//   other BMP characters (accents,       0.5   Cyrillic, Greek, Arabic, accented Latin: ~2 chars per token
//     Cyrillic, Greek, Arabic, ...)
//   astral code points (emoji, ...)      2     counted on the high surrogate; emoji cost 1-3 tokens
//
// Error margin against the OpenAI tokenizers: the median file is estimated ~8% high; 90% of files fall within
// -15%..+20%. Prose and ordinary code sit inside ±25%. Dense code with one-letter names and many symbols is
// underestimated by up to ~40%, random-looking text (hashes, base64, minified data) by up to 50%. Other model families (Claude, Gemini, Llama, Qwen) differ from OpenAI's by a
// further ~±30%, and Cyrillic or Greek text varies ~2x between tokenizers. Treat budgets built on it as approximate.

/**
 * What an image costs in the budget, by estimate: OpenAI bills a 2048 px image at high detail about 1,100
 * tokens, Anthropic about 1,600; the larger keeps a question with images from being sent into a full context.
 */
export const IMAGE_TOKENS = 1_600;

/** What each message costs beyond its text (role markers and separators in OpenAI's chat format). */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** What every request costs beyond its messages (the primer of the answer). */
export const REQUEST_OVERHEAD_TOKENS = 3;

const WORDLIKE = 0.25;
const SPACE_AFTER_TEXT = 0;
const SPACE_IN_RUN = 1 / 16;
const LINE_BREAK = 0.5;
const ASCII_SYMBOL = 0.6;
const CJK = 1;
const OTHER_BMP = 0.5;
const ASTRAL = 2;

/** Estimated number of tokens in `text`: an integer, 0 for "" and at least 1 otherwise. One pass, no allocation. */
export function estimateTokens(text: string): number {
  let total = 0;
  let previousWasWhitespace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09) {
      total += previousWasWhitespace ? SPACE_IN_RUN : SPACE_AFTER_TEXT;
      previousWasWhitespace = true;
      continue;
    }
    if (code === 0x0a || code === 0x0d) {
      total += LINE_BREAK;
      previousWasWhitespace = true;
      continue;
    }
    previousWasWhitespace = false;
    total += weightOf(code);
  }
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(total));
}

function weightOf(code: number): number {
  if (code < 0x80) {
    return isAsciiWordlike(code) ? WORDLIKE : ASCII_SYMBOL;
  }
  if (code >= 0xd800 && code <= 0xdbff) {
    return ASTRAL;
  } // high surrogate: the whole astral character
  if (code >= 0xdc00 && code <= 0xdfff) {
    return 0;
  } // low surrogate: already counted with its pair
  return isCjk(code) ? CJK : OTHER_BMP;
}

function isAsciiWordlike(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x5f // _
  );
}

function isCjk(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // hiragana, katakana
    (code >= 0x3400 && code <= 0x4dbf) || // CJK extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0xac00 && code <= 0xd7af) || // hangul syllables
    (code >= 0x3000 && code <= 0x303f) || // CJK punctuation
    (code >= 0xff00 && code <= 0xffef) || // full-width forms
    (code >= 0xf900 && code <= 0xfaff) // CJK compatibility ideographs
  );
}
