// Which models VS Code's chat offers: the person's choice from Manage Models, kept in globalState. Undefined
// until they choose: then a short default list applies (core/lm/lmModels.ts).
import * as vscode from 'vscode';
import { restoreIdList } from '../../core/models/modelCache';
import { Disposable } from '../../shared/disposable';

const selectionKey = 'cometapi.languageModels.selection';

export class LmSelection extends Disposable {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly state: vscode.Memento) {
    super();
  }

  chosen(): string[] | undefined {
    const raw = this.state.get(selectionKey);
    return raw === undefined ? undefined : restoreIdList(raw);
  }

  async choose(ids: readonly string[]): Promise<void> {
    await this.state.update(selectionKey, [...new Set(ids)]);
    this.changeEmitter.fire();
  }
}
