// Reads the quota API's answer: `{total_quota, total_used_quota, request_count, keys: [{remain_quota, ...}]}` in
// USD, where -1 means unlimited (docs/cometapi-wire.md, "Balance"). Anything else is "not balance data", never a
// guessed number.

/** An amount in USD, or no limit at all. */
export type BalanceAmount = number | 'unlimited';

export interface Balance {
  /** What is left on the account (`total_quota`). */
  readonly remaining: BalanceAmount;
  /** What has been spent (`total_used_quota`). */
  readonly used: number;
  readonly requestCount: number;
  /** The limit left on the key itself (`keys[0].remain_quota`), when the answer names exactly one key. */
  readonly keyRemaining: BalanceAmount | undefined;
}

function amountOf(value: unknown): BalanceAmount | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return undefined;
  }
  return value === -1 ? 'unlimited' : value;
}

function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The balance in a parsed JSON body, or undefined when the body is not the quota API's answer. */
export function parseBalance(body: unknown): Balance | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return undefined;
  }
  const record = body as Record<string, unknown>;
  const remaining = amountOf(record.total_quota);
  if (remaining === undefined) {
    return undefined;
  }
  const used = amountOf(record.total_used_quota);
  const keys = Array.isArray(record.keys) ? record.keys : [];
  const onlyKey: unknown = keys.length === 1 ? keys[0] : undefined;
  const keyRemaining = typeof onlyKey === 'object' && onlyKey !== null ? amountOf((onlyKey as Record<string, unknown>).remain_quota) : undefined;
  return {
    remaining,
    used: typeof used === 'number' ? used : 0,
    requestCount: countOf(record.request_count) ?? 0,
    keyRemaining,
  };
}

/** What can actually be spent: the lower of the account's and the key's limits (undefined when both are unlimited). */
export function spendableUsd(balance: Balance): number | undefined {
  const limits = [balance.remaining, balance.keyRemaining].filter((amount): amount is number => typeof amount === 'number');
  return limits.length === 0 ? undefined : Math.min(...limits);
}
