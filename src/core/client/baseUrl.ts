import { t } from '../../shared/l10n';
// Turns whatever a person pastes into the base-URL setting into the one form the SDK needs.
// People copy endpoint URLs from docs and curl examples, so a full `/v1/chat/completions` or a bare host must
// work as well as the canonical `https://api.cometapi.com/v1`.

export const DEFAULT_BASE_URL = 'https://api.cometapi.com/v1';

/** Endpoint paths people paste by accident; the SDK appends these itself. */
const PASTED_ENDPOINT_SUFFIXES = ['/chat/completions', '/completions', '/responses', '/models'];

function stripTrailingSlashes(path: string): string {
  return path.replace(/\/+$/, '');
}

/**
 * Normalises a base URL: trims, requires http(s), drops query/hash, trailing slashes and a pasted endpoint
 * path, and adds `/v1` when there is no path at all.
 * Throws an Error with a sentence a person can act on when the input cannot be a base URL.
 */
export function normalizeBaseUrl(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') {
    throw new Error(t('The base URL is empty. Use {0}.', DEFAULT_BASE_URL));
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(t('The base URL "{0}" is not a URL. It must start with https:// (for example {1}).', trimmed, DEFAULT_BASE_URL));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(t('The base URL "{0}" must start with https:// or http:// (for example {1}).', trimmed, DEFAULT_BASE_URL));
  }
  let path = stripTrailingSlashes(url.pathname);
  for (const suffix of PASTED_ENDPOINT_SUFFIXES) {
    if (path.toLowerCase().endsWith(suffix)) {
      path = stripTrailingSlashes(path.slice(0, -suffix.length));
      break;
    }
  }
  if (path === '') {
    path = '/v1';
  }
  return `${url.origin}${path}`;
}

/** scheme://host[:port] of a base URL: where CometAPI's public catalogue (`/api/models`) lives. */
export function hostRootOf(baseUrl: string): string {
  return new URL(normalizeBaseUrl(baseUrl)).origin;
}
