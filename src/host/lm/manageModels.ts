// CometAPI: Manage Models for VS Code Chat. A multi-select quick pick with the Select Model picker's rows
// (favourites, recent, provider groups, prices) where the person ticks the models VS Code's chat offers.
import * as vscode from 'vscode';
import { defaultSelection } from '../../core/lm/lmModels';
import { buildPickerRows } from '../../core/models/modelCatalog';
import type { ModelStore } from '../models/modelStore';
import type { LmSelection } from './lmSelection';

export interface ManageModelsDeps {
  readonly store: ModelStore;
  readonly selection: LmSelection;
  readonly currentModel: () => string;
  hasApiKey(): Promise<boolean>;
  promptForApiKey(): Promise<boolean>;
}

interface ModelItem extends vscode.QuickPickItem {
  readonly id?: string;
}

/** Resolves with the chosen ids, or undefined when nothing changed. */
export async function manageModels(deps: ManageModelsDeps): Promise<string[] | undefined> {
  if (!(await deps.hasApiKey())) {
    const setKey = vscode.l10n.t('Set API Key');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t("CometAPI's models need your CometAPI API key before VS Code's chat can offer them."),
      setKey,
    );
    if (answer !== setKey || !(await deps.promptForApiKey())) {
      return undefined;
    }
  }
  const { store } = deps;
  if (store.needsRefresh()) {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('CometAPI: loading the model list…') },
      () => store.refresh(),
    );
    if (!outcome.ok && store.models().length === 0) {
      void vscode.window.showErrorMessage(vscode.l10n.t('CometAPI: could not load the model list. {0}', outcome.error.message));
      return undefined;
    }
  }
  const models = store.models();
  const favourites = store.favourites();
  const currentModel = deps.currentModel();
  const chosen = new Set(deps.selection.chosen() ?? defaultSelection({ models, favourites, currentModel }));
  const listed = new Set(models.map((model) => model.id));
  const items: ModelItem[] = buildPickerRows({ models, favourites, recent: store.recent(), currentModel })
    // Only listed models can be offered; an unlisted favourite or custom id has nothing to describe it.
    .filter((row) => row.kind === 'separator' || listed.has(row.id))
    .map((row) =>
      row.kind === 'separator'
        ? { label: row.label, kind: vscode.QuickPickItemKind.Separator }
        : { label: row.id, description: row.description, picked: chosen.has(row.id), id: row.id },
    );
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    matchOnDescription: true,
    title: vscode.l10n.t('Models for VS Code Chat'),
    placeHolder: vscode.l10n.t('Tick the CometAPI models that VS Code chat and other extensions may use'),
  });
  if (picked === undefined) {
    return undefined;
  }
  const ids = picked.flatMap((item) => (item.id === undefined ? [] : [item.id]));
  await deps.selection.choose(ids);
  return ids;
}
