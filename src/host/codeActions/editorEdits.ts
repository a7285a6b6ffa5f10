// Puts text into a document the way a person would expect from a button: one edit that one Ctrl+Z undoes, the new
// text selected and scrolled into view, and keyboard focus back in that editor so the undo is one key away.
import * as vscode from 'vscode';

export function eolOf(document: vscode.TextDocument): '\n' | '\r\n' {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

/** Replaces `range` with `text` as a single undo step. False when VS Code refused the edit (a read-only editor). */
export async function replaceAsOneUndoStep(editor: vscode.TextEditor, range: vscode.Range, text: string): Promise<boolean> {
  const document = editor.document;
  const startOffset = document.offsetAt(range.start);
  const applied = await editor.edit((builder) => builder.replace(range, text), { undoStopBefore: true, undoStopAfter: true });
  if (!applied) {
    return false;
  }
  const inserted = new vscode.Selection(document.positionAt(startOffset), document.positionAt(startOffset + text.length));
  editor.selection = inserted;
  editor.revealRange(inserted, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await focus(editor);
  return true;
}

/** An editor showing `document`: a visible one if there is one, else the document opened in a new tab. */
export async function editorFor(document: vscode.TextDocument): Promise<vscode.TextEditor> {
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
  return visible ?? vscode.window.showTextDocument(document, { preview: false });
}

async function focus(editor: vscode.TextEditor): Promise<void> {
  if (editor.viewColumn === undefined) {
    // Notebook cell editors have no view column of their own; they keep the focus the notebook gives them.
    return;
  }
  try {
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  } catch {
    // The edit is done; failing to move focus is not worth an error message.
  }
}
