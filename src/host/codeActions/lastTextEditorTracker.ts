// Remembers the text editor the person last worked in. Code block buttons are clicked inside the chat webview,
// and by then the editor is no longer necessarily the active one; "Insert at Cursor" still means that editor.
import * as vscode from 'vscode';
import { Disposable } from '../../shared/disposable';

/** Panels that show as text editors but are never where a person means to insert code. */
const ignoredSchemes: ReadonlySet<string> = new Set(['output', 'debug']);

export class LastTextEditorTracker extends Disposable {
  private last: vscode.TextEditor | undefined;

  /** `readOnlySchemes`: schemes of read-only documents this extension shows (the Show Diff sides). */
  constructor(private readonly readOnlySchemes: ReadonlySet<string> = new Set()) {
    super();
    this.remember(vscode.window.activeTextEditor);
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => this.remember(editor)));
  }

  /**
   * The active text editor, else the last one still visible (a hidden editor's TextEditor cannot be edited, so
   * a visible editor showing the same document stands in for it), else undefined.
   */
  current(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && this.isTarget(active)) {
      return active;
    }
    const last = this.last;
    if (!last) {
      return undefined;
    }
    const visible = vscode.window.visibleTextEditors;
    return visible.includes(last) ? last : visible.find((editor) => editor.document === last.document);
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    // Focus moving to the chat, the terminal or a panel reports `undefined`: keep the last real editor.
    if (editor && this.isTarget(editor)) {
      this.last = editor;
    }
  }

  private isTarget(editor: vscode.TextEditor): boolean {
    const scheme = editor.document.uri.scheme;
    return !ignoredSchemes.has(scheme) && !this.readOnlySchemes.has(scheme);
  }
}
