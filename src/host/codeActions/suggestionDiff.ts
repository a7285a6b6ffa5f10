// "Show Diff": opens VS Code's diff editor between the code the answer was about and the suggested code. Both sides
// are read-only in-memory documents served by a content provider, so nothing is written to disk and nothing is
// left behind: a side's text is dropped when VS Code closes its document.
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../../shared/disposable';
import { withLineBreaks } from '../../core/selection/codeEdits';

export const suggestionScheme = 'cometapi-code';

export interface DiffSide {
  readonly text: string;
  /** Shown in the tab title, e.g. "src/app.ts, lines 3-9". */
  readonly label: string;
  /** The language to highlight the side in; undefined keeps what the file name implies. */
  readonly languageId?: string;
  /** A file name whose extension lets VS Code pick the language, e.g. "app.ts". */
  readonly fileName: string;
}

export class SuggestionDiffs extends Disposable {
  private readonly contents = new Map<string, string>();
  private nextId = 1;

  constructor() {
    super();
    this.register(toDisposable(() => this.contents.clear()));
    this.register(
      vscode.workspace.registerTextDocumentContentProvider(suggestionScheme, {
        provideTextDocumentContent: (uri) => this.contents.get(uri.toString()) ?? '(This code is no longer available: open Show Diff again from the chat.)\n',
      }),
    );
    this.register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === suggestionScheme) {
          this.contents.delete(document.uri.toString());
        }
      }),
    );
  }

  async show(original: DiffSide, suggestion: DiffSide): Promise<void> {
    const id = this.nextId++;
    const left = await this.open(`/${id}/original/${original.fileName}`, original);
    const right = await this.open(`/${id}/suggestion/${suggestion.fileName}`, suggestion);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${original.label} ↔ ${suggestion.label}`, { preview: true });
  }

  private async open(path: string, side: DiffSide): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: suggestionScheme, path });
    // The same line endings and final line break on both sides, so the diff shows only real changes.
    this.contents.set(uri.toString(), `${withLineBreaks(side.text, '\n').replace(/\n$/, '')}\n`);
    const document = await vscode.workspace.openTextDocument(uri);
    if (side.languageId !== undefined && side.languageId !== 'plaintext' && document.languageId !== side.languageId) {
      try {
        await vscode.languages.setTextDocumentLanguage(document, side.languageId);
      } catch {
        // An id no installed extension provides: the side is shown unhighlighted, which is still a useful diff.
      }
    }
    return uri;
  }
}
