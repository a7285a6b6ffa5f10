// The Compare Models picker: the same rows as the model picker (favourites, recent, providers, prices), with
// check boxes. The model in use starts checked; accepting with fewer than two or more than four checked keeps the
// picker open and says why, so the choice is never silently cut.
import * as vscode from 'vscode';
import { buildPickerRows, type ModelEntry } from '../../core/models/modelCatalog';
import { MAX_COMPARED_MODELS, MIN_COMPARED_MODELS } from '../../shared/compareProtocol';
import { Disposable } from '../../shared/disposable';

export interface CompareModelsPickInput {
  readonly models: readonly ModelEntry[];
  readonly favourites: readonly string[];
  readonly recent: readonly string[];
  readonly currentModel: string;
}

interface ModelItem extends vscode.QuickPickItem {
  readonly modelId?: string;
}

/** Resolves with 2 to 4 model ids in the order they are listed, or undefined when the person closed the picker. */
export function pickModelsToCompare(input: CompareModelsPickInput): Promise<string[] | undefined> {
  return new Promise((resolve) => new CompareModelsPick(input, resolve).show());
}

class CompareModelsPick extends Disposable {
  private readonly quickPick = this.register(vscode.window.createQuickPick<ModelItem>());
  private settled = false;

  constructor(
    input: CompareModelsPickInput,
    private readonly resolve: (ids: string[] | undefined) => void,
  ) {
    super();
    const quickPick = this.quickPick;
    quickPick.canSelectMany = true;
    quickPick.matchOnDescription = true;
    quickPick.title = vscode.l10n.t('Compare Models: pick {0} to {1} models', MIN_COMPARED_MODELS, MAX_COMPARED_MODELS);
    quickPick.placeholder = vscode.l10n.t('Filter by name, provider or price; check the models, then press Enter');
    const items = buildPickerRows(input).map((row): ModelItem =>
      row.kind === 'separator'
        ? { label: row.label, kind: vscode.QuickPickItemKind.Separator }
        : { label: row.id, description: row.description, modelId: row.id },
    );
    quickPick.items = items;
    quickPick.selectedItems = items.filter((item) => item.modelId === input.currentModel);
    this.register(quickPick.onDidChangeSelection(() => this.describeSelection()));
    this.register(quickPick.onDidAccept(() => this.accept()));
    this.register(quickPick.onDidHide(() => this.finish(undefined)));
  }

  show(): void {
    this.describeSelection();
    this.quickPick.show();
  }

  private selectedIds(): string[] {
    return this.quickPick.selectedItems.flatMap((item) => (item.modelId === undefined ? [] : [item.modelId]));
  }

  private describeSelection(): void {
    const count = this.selectedIds().length;
    this.quickPick.title =
      count > MAX_COMPARED_MODELS
        ? vscode.l10n.t('Compare Models: {0} checked, at most {1} fit side by side', count, MAX_COMPARED_MODELS)
        : vscode.l10n.t('Compare Models: {0} of {1} to {2} models checked', count, MIN_COMPARED_MODELS, MAX_COMPARED_MODELS);
  }

  private accept(): void {
    const ids = this.selectedIds();
    if (ids.length < MIN_COMPARED_MODELS || ids.length > MAX_COMPARED_MODELS) {
      // The picker stays open with the reason in its title; the checks are kept.
      this.quickPick.title =
        ids.length < MIN_COMPARED_MODELS
          ? vscode.l10n.t('Check at least {0} models to compare ({1} checked).', MIN_COMPARED_MODELS, ids.length)
          : vscode.l10n.t('Check at most {0} models to compare ({1} checked).', MAX_COMPARED_MODELS, ids.length);
      return;
    }
    this.finish(ids);
  }

  private finish(ids: string[] | undefined): void {
    if (this.settled) {
      return;
    }
    this.settled = true;
    this.resolve(ids);
    this.dispose();
  }
}
