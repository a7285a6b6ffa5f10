// Keeps API keys out of anything a person or a log file might see (error cards, output channel, reports).

const MASK = '***';

/** Things that look like keys even when we do not know the key: `sk-...` tokens and Bearer credentials. */
const KEY_LIKE_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\bsk-[A-Za-z0-9_-]{6,}/g, `sk-${MASK}`],
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{6,}/gi, `$1${MASK}`],
  // CometAPI's balance endpoint takes the key as a query parameter (`?key=...`).
  [/([?&]key=)[^&\s"']+/gi, `$1${MASK}`],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Masks every occurrence of the known secrets (exactly, even if they do not look like keys) and anything that
 * looks like a key. Very short known secrets are ignored: masking "a" everywhere would ruin the text and
 * such a value is not a real key anyway.
 */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    const trimmed = secret.trim();
    if (trimmed.length >= 4) {
      result = result.replace(new RegExp(escapeRegExp(trimmed), 'g'), MASK);
    }
  }
  for (const [pattern, replacement] of KEY_LIKE_PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}
