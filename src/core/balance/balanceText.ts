// The balance in words, for the status bar tooltip and Show Balance.
import { t } from '../../shared/l10n';
import type { Balance, BalanceAmount } from './balanceParse';

/** $12.34; amounts under a dollar keep four decimals so a small balance does not read as $0.00. */
export function formatUsd(amount: number): string {
  const digits = Math.abs(amount) < 1 && amount !== 0 ? 4 : 2;
  return `$${amount.toFixed(digits)}`;
}

export function formatAmount(amount: BalanceAmount): string {
  return amount === 'unlimited' ? t('unlimited') : formatUsd(amount);
}

/** One line: "Balance: $12.34 left" (with the key's own limit when it has one). */
export function remainingLine(balance: Balance): string {
  if (balance.keyRemaining !== undefined && balance.keyRemaining !== 'unlimited') {
    return t('Balance: {0} left ({1} left on this key)', formatAmount(balance.remaining), formatUsd(balance.keyRemaining));
  }
  return t('Balance: {0} left', formatAmount(balance.remaining));
}

/** Remaining, used and the request count, for Show Balance. */
export function balanceSummary(balance: Balance): string {
  return t('{0}. Used: {1}. Requests: {2}.', remainingLine(balance), formatUsd(balance.used), balance.requestCount.toLocaleString('en-US'));
}
