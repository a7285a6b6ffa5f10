// The balance settings. `balanceUrl` receives the key in its query string, so like the base URL it is read from
// the person's own (or the default) value only: a cloned repository's .vscode/settings.json cannot redirect it.
import * as vscode from 'vscode';
import { DEFAULT_BALANCE_URL } from '../../core/balance/balanceUrl';
import { configSection, readUserSetting } from '../settings';

export interface BalanceSettings {
  readonly balanceUrl: string;
  /** Warn when the balance falls below this many USD; 0 turns the warning off. */
  readonly lowBalanceWarningUsd: number;
}

const DEFAULT_LOW_BALANCE_WARNING_USD = 1;

export function readBalanceSettings(): BalanceSettings {
  const config = vscode.workspace.getConfiguration(configSection);
  const url = readUserSetting<unknown>(config, 'balanceUrl');
  const threshold = config.get<unknown>('lowBalanceWarning');
  return {
    balanceUrl: typeof url === 'string' && url.trim() !== '' ? url.trim() : DEFAULT_BALANCE_URL,
    lowBalanceWarningUsd: typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0 ? threshold : DEFAULT_LOW_BALANCE_WARNING_USD,
  };
}
