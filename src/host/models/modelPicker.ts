// The Select Model quick pick. It opens at once on the cached list, fetches a fresh one when the cache is
// missing or over an hour old (spinner while it runs), says why a fetch failed while keeping the cached
// list, lets the person pin favourites and use an id that is not listed. Rows come from core's
// buildPickerRows; this file only turns them into QuickPickItems and wires the events.
import * as vscode from 'vscode';
import type { ChatErrorInfo, ErrorAction } from '../../shared/conversation';
import { describeCacheAge } from '../../core/models/modelCache';
import { type PickerRow, buildPickerRows, customModelIdFor } from '../../core/models/modelCatalog';
import { Disposable } from '../../shared/disposable';
import type { ModelStore } from './modelStore';

type PickAction = { readonly kind: 'model'; readonly id: string } | { readonly kind: 'fix'; readonly action: ErrorAction };

interface PickItem extends vscode.QuickPickItem {
  readonly action?: PickAction;
}

export interface ModelPickerDeps {
  readonly store: ModelStore;
  readonly currentModel: () => string;
  /** Asks for and stores an API key; true when one was stored. */
  readonly promptForApiKey: () => Promise<boolean>;
}

const refreshButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: vscode.l10n.t('Refresh Model List') };
const pinButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('star-empty'), tooltip: vscode.l10n.t('Pin to Favourites') };
const unpinButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('star-full'), tooltip: vscode.l10n.t('Unpin from Favourites') };

// Not `alwaysShow`: once the person types, the filter should put a model first so Enter picks it.
const fixItems: Readonly<Record<ErrorAction, PickItem | undefined>> = {
  setApiKey: { label: vscode.l10n.t('$(key) Set API Key…'), action: { kind: 'fix', action: 'setApiKey' } },
  retry: { label: vscode.l10n.t('$(refresh) Try Again'), action: { kind: 'fix', action: 'retry' } },
  openSettings: { label: vscode.l10n.t('$(gear) Open Base URL Setting'), action: { kind: 'fix', action: 'openSettings' } },
  // Already in the model picker.
  selectModel: undefined,
  // Only chat answers from /v1/messages offer it; listing models never does.
  useChatEndpoint: undefined,
};

function itemFor(row: PickerRow): PickItem {
  if (row.kind === 'separator') {
    return { label: row.label, kind: vscode.QuickPickItemKind.Separator };
  }
  return { label: row.id, description: row.description, buttons: [row.isFavourite ? unpinButton : pinButton], action: { kind: 'model', id: row.id } };
}

/** Shows the picker; resolves with the chosen id, or undefined when the person closed it. */
export function pickModel(deps: ModelPickerDeps): Promise<string | undefined> {
  return new Promise((resolve) => new ModelPickerSession(deps, resolve).show());
}

/** One showing of the picker; it releases the quick pick and its listeners when it settles. */
class ModelPickerSession extends Disposable {
  private readonly quickPick = this.register(vscode.window.createQuickPick<PickItem>());
  private listItems: PickItem[] = [];
  private listedIds: ReadonlySet<string> = new Set();
  private failure: ChatErrorInfo | undefined;
  private settled = false;

  constructor(
    private readonly deps: ModelPickerDeps,
    private readonly resolve: (result: Promise<string | undefined> | string | undefined) => void,
  ) {
    super();
    const quickPick = this.quickPick;
    quickPick.matchOnDescription = true;
    quickPick.keepScrollPosition = true;
    quickPick.buttons = [refreshButton];
    this.register(quickPick.onDidChangeValue(() => this.applyItems()));
    this.register(quickPick.onDidTriggerButton(() => void this.refresh()));
    this.register(
      quickPick.onDidTriggerItemButton((event) => {
        if (event.item.action?.kind === 'model') {
          void deps.store.toggleFavourite(event.item.action.id);
        }
      }),
    );
    this.register(quickPick.onDidAccept(() => this.accept()));
    this.register(quickPick.onDidHide(() => this.finish(undefined)));
    this.register(deps.store.onDidChange(() => this.render()));
  }

  show(): void {
    this.render();
    this.quickPick.show();
    if (this.deps.store.needsRefresh() || this.deps.store.isRefreshing) {
      void this.refresh();
    }
  }

  private async refresh(): Promise<void> {
    this.failure = undefined;
    this.quickPick.busy = true;
    this.render();
    const outcome = await this.deps.store.refresh();
    if (this.settled) {
      return;
    }
    this.quickPick.busy = false;
    this.failure = outcome.ok || outcome.error.kind === 'cancelled' ? undefined : outcome.error;
    this.render();
  }

  /** Rebuilds every row from the store; keeps the highlighted model highlighted. */
  private render(): void {
    const { store, currentModel } = this.deps;
    const cache = store.cache();
    const rows = buildPickerRows({ models: store.models(), favourites: store.favourites(), recent: store.recent(), currentModel: currentModel() });
    this.listedIds = new Set(rows.flatMap((row) => (row.kind === 'model' ? [row.id] : [])));
    this.listItems = [...this.failureItems(cache !== undefined), ...rows.map(itemFor)];
    this.quickPick.title = cache
      ? vscode.l10n.t('Select Model ({0} models, updated {1})', cache.models.length, describeCacheAge(cache, Date.now()))
      : vscode.l10n.t('Select Model');
    this.quickPick.placeholder =
      this.quickPick.busy && cache === undefined
        ? vscode.l10n.t('Loading the model list… (or type a model id)')
        : vscode.l10n.t('Type to filter by name or provider, or type any model id');
    const activeId = this.activeModelId();
    this.applyItems();
    const stillThere = activeId === undefined ? undefined : this.quickPick.items.find((item) => item.action?.kind === 'model' && item.action.id === activeId);
    if (stillThere) {
      this.quickPick.activeItems = [stillThere];
    }
  }

  /** The rows plus, when the typed text is not a listed id, an item that uses it as one. */
  private applyItems(): void {
    const customId = customModelIdFor(this.quickPick.value, this.listedIds);
    if (customId === undefined) {
      this.quickPick.items = this.listItems;
      return;
    }
    const useTyped: PickItem = {
      label: vscode.l10n.t('$(edit) Use "{0}" as model id', customId),
      description: vscode.l10n.t('not in the list'),
      alwaysShow: true,
      action: { kind: 'model', id: customId },
    };
    this.quickPick.items = [...this.listItems, { label: vscode.l10n.t('Other id'), kind: vscode.QuickPickItemKind.Separator }, useTyped];
  }

  private failureItems(hasCachedList: boolean): PickItem[] {
    const failure = this.failure;
    if (failure === undefined) {
      return [];
    }
    const fixes = failure.actions.map((action) => fixItems[action]).filter((item): item is PickItem => item !== undefined);
    // The notice is the first row, so Enter on it runs the first fix rather than doing nothing. The label says
    // what the person is looking at; the reason goes in the detail line, which is cut when long.
    const notice: PickItem = {
      label: hasCachedList
        ? vscode.l10n.t('$(warning) Could not refresh the model list: showing the saved one')
        : vscode.l10n.t('$(warning) Could not load the model list: type a model id, or fix this'),
      detail: failure.message,
      ...(fixes[0]?.action ? { action: fixes[0].action } : {}),
    };
    return [notice, ...fixes];
  }

  private activeModelId(): string | undefined {
    const action = this.quickPick.activeItems[0]?.action;
    return action?.kind === 'model' ? action.id : undefined;
  }

  private accept(): void {
    const action = (this.quickPick.selectedItems[0] ?? this.quickPick.activeItems[0])?.action;
    if (action === undefined) {
      return;
    }
    if (action.kind === 'model') {
      this.finish(action.id);
      return;
    }
    switch (action.action) {
      case 'retry':
        void this.refresh();
        return;
      case 'setApiKey':
        // The key prompt replaces the picker; with a key stored the picker comes back with the fresh list.
        this.finish(this.deps.promptForApiKey().then((stored) => (stored ? pickModel(this.deps) : undefined)));
        return;
      case 'openSettings':
        void vscode.commands.executeCommand('workbench.action.openSettings', 'cometapi.baseUrl');
        this.finish(undefined);
        return;
      case 'selectModel':
        return;
    }
  }

  private finish(result: Promise<string | undefined> | string | undefined): void {
    if (this.settled) {
      return;
    }
    this.settled = true;
    this.resolve(result);
    // Disposing hides the picker, which fires onDidHide again; `settled` makes that a no-op.
    this.dispose();
  }
}
