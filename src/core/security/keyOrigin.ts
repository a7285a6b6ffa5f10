// Decides whether the API key may be sent to a base URL. The key is bound to the origin it was stored for; any
// other origin needs the person's consent, and plain http:// is only acceptable to this computer, where nothing
// on the network can read it. Pure, so every rule is unit-tested; the host asks the person and keeps the state.
import { DEFAULT_BASE_URL, normalizeBaseUrl } from '../client/baseUrl';
import { t } from '../../shared/l10n';

/** The origin of the default base URL: a key stored before origins were recorded binds to it silently. */
export const DEFAULT_KEY_ORIGIN = new URL(DEFAULT_BASE_URL).origin;

export type KeyDestination =
  /** Send the key. `bind` asks the caller to record `origin` as the key's origin (a key from an older version). */
  | { readonly kind: 'send'; readonly origin: string; readonly bind: boolean }
  /** The person must agree first. `boundOrigin` is where the key was stored for, when known. */
  | { readonly kind: 'ask'; readonly origin: string; readonly boundOrigin: string | undefined }
  /** Never send: `reason` is a sentence for the person. */
  | { readonly kind: 'refuse'; readonly reason: string };

export interface KeyBinding {
  /** Origin the key was stored for; undefined for a key stored by a version that did not record it. */
  readonly boundOrigin: string | undefined;
  /** Origins the person allowed for good ("Always for this origin"). */
  readonly trustedOrigins: readonly string[];
}

/** True for hosts that can only be this computer: 127.0.0.0/8, localhost and [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]' || host === '::1') {
    return true;
  }
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((part) => Number(part) <= 255);
}

/** scheme://host[:port] of a base URL as the SDK will use it; throws with a readable sentence when invalid. */
export function keyOriginOf(baseUrl: string): string {
  return new URL(normalizeBaseUrl(baseUrl)).origin;
}

/** Why a URL may not receive the key at all, or undefined when it may (subject to the binding). */
export function refusalReason(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(normalizeBaseUrl(baseUrl));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return t(
      'The base URL {0} uses plain http://, so your API key would cross the network unencrypted. Use https://, or http:// only for a server on this computer (localhost, 127.0.0.1, [::1]).',
      url.origin,
    );
  }
  return undefined;
}

/** Where the key may go for a request to `baseUrl`, given what the person decided before. */
export function decideKeyDestination(baseUrl: string, binding: KeyBinding): KeyDestination {
  const refusal = refusalReason(baseUrl);
  if (refusal !== undefined) {
    return { kind: 'refuse', reason: refusal };
  }
  const origin = keyOriginOf(baseUrl);
  if (binding.boundOrigin === undefined) {
    return origin === DEFAULT_KEY_ORIGIN ? { kind: 'send', origin, bind: true } : { kind: 'ask', origin, boundOrigin: undefined };
  }
  if (origin === binding.boundOrigin || binding.trustedOrigins.includes(origin)) {
    return { kind: 'send', origin, bind: false };
  }
  return { kind: 'ask', origin, boundOrigin: binding.boundOrigin };
}

/** What the host hands a request: the key, or why it was withheld (a sentence for the person). */
export type KeyGrant =
  | { readonly ok: true; readonly apiKey: string }
  /** `missing`: no key stored; `refused`: the URL may never get it; `declined`: the person (or background work) did not allow it. */
  | { readonly ok: false; readonly reason: 'missing' | 'refused' | 'declined'; readonly message: string };

/** Reads a stored binding back; anything malformed counts as "nothing recorded" (the safe side: ask). */
export function restoreTrustedOrigins(raw: string | undefined): string[] {
  if (raw === undefined) {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
