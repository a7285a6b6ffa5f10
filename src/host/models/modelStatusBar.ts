// The status bar item that shows the model in use and opens the picker. It follows the cometapi.model setting
// at once, whether the picker, settings.json or another window changed it.
import * as vscode from 'vscode';
import type { ModelDescription } from '../../core/models/modelCatalog';
import { Disposable } from '../../shared/disposable';

export class ModelStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('cometapi.model', vscode.StatusBarAlignment.Right, 100));
  /** The last balance read (src/host/balance), shown in the tooltip until the next one. */
  private balanceLine: string | undefined;

  constructor(
    private readonly currentModel: () => string,
    private readonly describe: (id: string) => ModelDescription,
  ) {
    super();
    this.item.name = 'CometAPI Model';
    this.item.command = 'cometapi.selectModel';
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        // The base URL decides which cached list (and so which prices) apply.
        if (event.affectsConfiguration('cometapi.model') || event.affectsConfiguration('cometapi.baseUrl')) {
          this.update();
        }
      }),
    );
    this.update();
    this.item.show();
  }

  setBalanceLine(line: string | undefined): void {
    this.balanceLine = line;
    this.update();
  }

  /** Redraws from the setting and the cached list (call after the list changes). */
  update(): void {
    const model = this.describe(this.currentModel());
    this.item.text = `$(sparkle) ${model.shortName}`;
    this.item.tooltip = tooltipFor(model, this.balanceLine);
    this.item.accessibilityInformation = { label: vscode.l10n.t('CometAPI model {0}. Select Model', model.id), role: 'button' };
  }
}

function tooltipFor(model: ModelDescription, balanceLine: string | undefined): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${vscode.l10n.t('CometAPI model')}**\n\n`);
  // appendText escapes: a model id or provider name is data, not markdown.
  tooltip.appendText(model.id);
  tooltip.appendMarkdown('\n\n');
  tooltip.appendText(vscode.l10n.t('Provider: {0}', model.provider));
  if (model.priceText !== undefined) {
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(vscode.l10n.t('Price: {0}', model.priceText));
  }
  if (balanceLine !== undefined) {
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(balanceLine);
  }
  tooltip.appendMarkdown(`\n\n_${vscode.l10n.t('Click to select another model.')}_`);
  return tooltip;
}
