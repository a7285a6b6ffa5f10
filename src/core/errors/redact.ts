// Keeps API keys out of anything a person or a log file might see (error cards, output channel, reports).
// Two layers: the keys we know (masked in every spelling a URL or form body can give them) and anything that
// merely looks like a key, since a key we were not told about (an old one, one in a pasted URL) leaks the same.

const MASK = '***';

/** A key character: what CometAPI and OpenAI-style keys are made of (no `.`, so a sentence's full stop stays). */
const KEY_CHAR = '[A-Za-z0-9_-]';
/** A credential character in headers and query strings, including URL-encoded bytes. */
const TOKEN_CHAR = '(?:[A-Za-z0-9._~+/=-]|%[0-9A-Fa-f]{2})';

/** Things that look like keys even when we do not know the key. Order matters: the generic `sk-` rule goes last. */
const KEY_LIKE_PATTERNS: readonly (readonly [RegExp, string])[] = [
  // `Bearer <token>` with a space, a `+` or `%20` (an encoded header in a logged URL or body). A token has a
  // digit or a symbol somewhere, which keeps prose ("a Bearer token") readable.
  [new RegExp(`(Bearer(?:\\s+|\\+|%20))(?=${TOKEN_CHAR}*?[0-9_%/+=~-])${TOKEN_CHAR}{3,}`, 'gi'), `$1${MASK}`],
  // CometAPI's balance endpoint takes the key as a query parameter (`?key=...`); other tools use api_key/apikey.
  [/([?&](?:api[_-]?)?key=)[^&\s"'#]+/gi, `$1${MASK}`],
  // JSON or header spellings of the same: "api_key": "...", x-api-key: ..., apiKey=...
  [/((?:x-)?api[_-]?key["']?\s*[:=]\s*["']?)(?!\*\*\*)[^\s"',&;]{3,}/gi, `$1${MASK}`],
  // `sk-` keys anywhere except inside a word ("task-list", "disk-usage"): a digit or `_` before them is still a
  // boundary, because encoders and prefixes glue keys to words (`Bearer%20sk-…`, `token_sk-…`).
  // A letter that ends a percent escape (`%3D`) is no word either.
  [new RegExp(`(?:(?<![A-Za-z])|(?<=%[0-9A-Fa-f]{2}))sk-(?!\\*\\*\\*)${KEY_CHAR}{3,}`, 'g'), `sk-${MASK}`],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every way one character of a key can be written in a URL, a query string or a form body. */
function characterSpellings(char: string): string[] {
  const spellings = [escapeRegExp(char)];
  const encoded = Array.from(new TextEncoder().encode(char), (byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  // Percent-encoding is case-insensitive in its hex digits (`%2f` and `%2F`); the regex gets the `i` flag only
  // for these, so build both cases explicitly and keep the key itself case-sensitive.
  spellings.push(encoded.toLowerCase(), encoded.toUpperCase());
  if (char === ' ') {
    spellings.push('\\+');
  }
  return [...new Set(spellings)];
}

/** A pattern matching the secret plain, URL-encoded (any mix of encoded bytes) or form-encoded. */
function secretPattern(secret: string): RegExp {
  const parts = Array.from(secret, (char) => {
    const spellings = characterSpellings(char);
    return spellings.length === 1 ? spellings[0] : `(?:${spellings.join('|')})`;
  });
  return new RegExp(parts.join(''), 'g');
}

/** Known secrets shorter than this are not masked: masking "a" everywhere would ruin the text, and no real key is that short. */
export const MIN_KNOWN_SECRET_LENGTH = 4;

/**
 * Masks every occurrence of the known secrets (exactly and URL-encoded, even if they do not look like keys) and
 * anything that looks like a key.
 */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  // Longest first, so a key that contains another known key is masked whole.
  const secrets = [...new Set(knownSecrets.map((secret) => secret.trim()))]
    .filter((secret) => secret.length >= MIN_KNOWN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of secrets) {
    result = result.replace(secretPattern(secret), MASK);
  }
  for (const [pattern, replacement] of KEY_LIKE_PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}
