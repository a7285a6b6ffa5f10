// Show Balance, the balance line in the status bar item's tooltip, a throttled refresh after answers and one
// warning when the balance runs low. The key is released by the key manager for the chat's base URL (its one
// gate); the balance URL is read from the person's own settings only, because the key travels in its query string.
import * as vscode from 'vscode';
import { fetchBalance, type BalanceResult } from '../../core/balance/balanceFetch';
import { spendableUsd } from '../../core/balance/balanceParse';
import { balanceSummary, formatUsd, remainingLine } from '../../core/balance/balanceText';
import { BalanceThrottle, LowBalanceAlarm } from '../../core/balance/balanceWatch';
import { Disposable } from '../../shared/disposable';
import type { KeyGrant, KeyRequestOptions } from '../apiKeyManager';
import type { Logger } from '../logger';
import { readBalanceSettings } from './balanceSettings';

export interface BalanceFeatureDeps {
  keyFor(baseUrl: string, options: KeyRequestOptions): Promise<KeyGrant>;
  /** The chat's base URL: the key is released for it, by the key manager's usual rules. */
  baseUrl(): string;
  promptForApiKey(): Promise<boolean>;
  /** Puts the balance line into the status bar item's tooltip (undefined removes it). */
  showInTooltip(line: string | undefined): void;
  readonly onDidChangeApiKey: vscode.Event<unknown>;
  readonly logger: Logger;
}

/** A quota API that never answers must not leave Show Balance waiting: it then counts as unreachable. */
const balanceTimeoutMs = 20_000;

export class BalanceFeature extends Disposable {
  private readonly throttle = new BalanceThrottle();
  private readonly alarm = new LowBalanceAlarm();

  constructor(private readonly deps: BalanceFeatureDeps) {
    super();
    this.register(vscode.commands.registerCommand('cometapi.showBalance', () => this.showBalance()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        // Another endpoint or account: the old figure no longer applies.
        if (event.affectsConfiguration('cometapi.balanceUrl') || event.affectsConfiguration('cometapi.baseUrl')) {
          deps.showInTooltip(undefined);
        }
      }),
    );
    this.register(
      deps.onDidChangeApiKey(() => {
        // Another key may be another account: drop the old figure and read the new one now.
        deps.showInTooltip(undefined);
        this.throttle.reset();
        this.refreshInBackground();
      }),
    );
  }

  /**
   * At start-up and after an answer ends: refresh in the background, at most every 10 minutes, never asking the
   * person anything (no key, or a key not yet allowed for this server, means no refresh).
   */
  refreshInBackground(): void {
    if (!this.throttle.tryStart(Date.now())) {
      return;
    }
    void this.refresh({ interactive: false }).then((result) => {
      if (result !== undefined && !result.ok) {
        this.deps.logger.warn(result.message);
      }
    });
  }

  async showBalance(): Promise<void> {
    this.throttle.recordAttempt(Date.now());
    const result = await this.refresh({ interactive: true });
    if (result === undefined) {
      return;
    }
    if (result.ok) {
      await vscode.window.showInformationMessage(vscode.l10n.t('CometAPI balance'), { modal: true, detail: balanceSummary(result.balance) });
    } else {
      void vscode.window.showErrorMessage(result.message);
    }
  }

  /** Asks for the balance and updates the tooltip and the warning; undefined when there was no key to ask with. */
  private async refresh(options: KeyRequestOptions): Promise<BalanceResult | undefined> {
    const grant = await this.deps.keyFor(this.deps.baseUrl(), options);
    if (!grant.ok) {
      if (options.interactive) {
        await this.reportNoKey(grant);
      }
      return undefined;
    }
    const settings = readBalanceSettings();
    const result = await fetchBalance({ balanceUrl: settings.balanceUrl, apiKey: grant.apiKey, signal: AbortSignal.timeout(balanceTimeoutMs) });
    if (result.ok) {
      this.deps.showInTooltip(remainingLine(result.balance));
      const spendable = spendableUsd(result.balance);
      if (this.alarm.observe(spendable, settings.lowBalanceWarningUsd) && spendable !== undefined) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t(
            'Your CometAPI balance is low: {0} left (below your warning level of {1}).',
            formatUsd(spendable),
            formatUsd(settings.lowBalanceWarningUsd),
          ),
        );
      }
    }
    return result;
  }

  private async reportNoKey(grant: Extract<KeyGrant, { ok: false }>): Promise<void> {
    if (grant.reason !== 'missing') {
      // Refused or declined: the key manager has already said why, and where to change it.
      return;
    }
    const setKey = vscode.l10n.t('Set API Key');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Set your CometAPI API key to see your balance.'), setKey);
    if (choice === setKey && (await this.deps.promptForApiKey())) {
      await this.showBalance();
    }
  }
}
