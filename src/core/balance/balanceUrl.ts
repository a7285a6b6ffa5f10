// Where the balance is asked for. CometAPI's quota API takes the key as a query parameter, so the full URL is a
// secret: only `balanceRequestUrl` ever builds it, for the one fetch, and everything a person or a log sees names
// the endpoint by origin and path alone (docs/cometapi-wire.md, "Balance").
import { isLoopbackHost } from '../security/keyOrigin';
import { t } from '../../shared/l10n';

export const DEFAULT_BALANCE_URL = 'https://query.cometapi.com/user/quota';

/** scheme://host[:port]/path of the balance URL, without any query or fragment: safe to show and log. */
export function balanceEndpointLabel(balanceUrl: string): string {
  try {
    const url = new URL(balanceUrl);
    return `${url.origin}${url.pathname}`;
  } catch {
    return balanceUrl.split(/[?#]/)[0];
  }
}

/**
 * Why the key may not go to this balance URL, or undefined when it may. The same rule as the base URL: https,
 * or plain http only to this computer, where nothing on the network can read the key in the query string.
 */
export function balanceUrlProblem(balanceUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(balanceUrl.trim());
  } catch {
    return t('The balance URL setting is not a valid URL.');
  }
  const plainToLoopback = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !plainToLoopback) {
    return t(
      'The balance URL {0} must use https:// (or http:// only for a server on this computer), because your API key is sent in it.',
      balanceEndpointLabel(balanceUrl),
    );
  }
  return undefined;
}

/** The one place the key joins the URL: `{balanceUrl}?key=<key>`, replacing any `key` the setting carried. */
export function balanceRequestUrl(balanceUrl: string, apiKey: string): string {
  const url = new URL(balanceUrl.trim());
  url.hash = '';
  url.searchParams.set('key', apiKey);
  return url.toString();
}
