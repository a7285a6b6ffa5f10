// Asks the quota API for the balance and sorts every failure into a sentence a person can act on. The URL with
// the key exists only inside `fetchBalance`: no error, result or message carries it, not even when the network
// layer's own error text quotes the URL (so such text is never passed on).
import { t } from '../../shared/l10n';
import { type Balance, parseBalance } from './balanceParse';
import { balanceEndpointLabel, balanceRequestUrl, balanceUrlProblem } from './balanceUrl';

export type BalanceFailureKind = 'bad-url' | 'auth' | 'status' | 'network' | 'not-balance';

export type BalanceResult =
  | { readonly ok: true; readonly balance: Balance }
  /** `message` names the endpoint by origin and path only. */
  | { readonly ok: false; readonly kind: BalanceFailureKind; readonly message: string };

export type FetchLike = (
  url: string,
  init: { signal?: AbortSignal; headers: Record<string, string> },
) => Promise<{
  readonly status: number;
  text(): Promise<string>;
}>;

export interface BalanceRequest {
  readonly balanceUrl: string;
  readonly apiKey: string;
  /** The network call; Node's and VS Code's global `fetch` by default. */
  readonly fetch?: FetchLike;
  readonly signal?: AbortSignal;
}

function failure(kind: BalanceFailureKind, message: string): BalanceResult {
  return { ok: false, kind, message };
}

export async function fetchBalance(request: BalanceRequest): Promise<BalanceResult> {
  const problem = balanceUrlProblem(request.balanceUrl);
  if (problem !== undefined) {
    return failure('bad-url', problem);
  }
  const endpoint = balanceEndpointLabel(request.balanceUrl);
  const doFetch: FetchLike = request.fetch ?? ((url, init) => fetch(url, init));
  let status: number;
  let text: string;
  try {
    const response = await doFetch(balanceRequestUrl(request.balanceUrl, request.apiKey), {
      signal: request.signal,
      headers: { accept: 'application/json' },
    });
    status = response.status;
    text = await response.text();
  } catch {
    // The error's own text may quote the URL, key included: it is dropped on purpose.
    return failure('network', t('Could not reach the balance service at {0}. Check your connection and the balance URL setting.', endpoint));
  }
  if (status === 401 || status === 403) {
    return failure('auth', t('The balance service at {0} did not accept your API key (HTTP {1}).', endpoint, status));
  }
  if (status < 200 || status >= 300) {
    return failure('status', t('The balance service at {0} answered HTTP {1}. Try again later.', endpoint, status));
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const balance = parseBalance(body);
  if (balance === undefined) {
    return failure('not-balance', t('{0} did not answer with balance data (it sent a web page or something else). Check the balance URL setting.', endpoint));
  }
  return { ok: true, balance };
}
