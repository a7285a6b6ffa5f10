// Reads what the person pointed at in the active editor: every non-empty selection in document order, or, with
// nothing selected, the innermost function/class around the cursor (else the cursor's line). Works the same for
// saved files, untitled and unsaved documents (the buffer is read, not the disk) and notebook cells.
import * as vscode from 'vscode';
import { shownLineRange } from '../../shared/selectionText';

/** One piece of code taken from an editor, before the size and binary checks of buildContext. */
export interface SelectedCode {
  /** Workspace-relative path, "Untitled-1", or "notebook.ipynb, cell 3". */
  readonly path: string;
  readonly languageId: string;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
  readonly uri: string;
}

export type ReadSelectionsResult = { readonly ok: true; readonly selections: readonly SelectedCode[] } | { readonly ok: false; readonly message: string };

/** How long to wait for a language's symbol provider (a language server may still be starting) before using the line. */
const symbolLookupTimeoutMs = 1500;

/** Symbols too wide to count as "the enclosing block": explaining a whole module is rarely what the cursor meant. */
const tooWideKinds: ReadonlySet<vscode.SymbolKind> = new Set([
  vscode.SymbolKind.File,
  vscode.SymbolKind.Module,
  vscode.SymbolKind.Namespace,
  vscode.SymbolKind.Package,
]);

/**
 * The selections of `editor` (by default the active one). `commandTitle` names the command in messages, e.g.
 * "Explain Selection", so the person knows what to run again.
 */
export async function readSelections(commandTitle: string, editor = vscode.window.activeTextEditor): Promise<ReadSelectionsResult> {
  if (!editor) {
    return { ok: false, message: vscode.l10n.t('Open a file and select some code, then run "CometAPI: {0}" again.', commandTitle) };
  }
  const document = editor.document;
  const path = describeDocument(document);
  const selected = [...editor.selections].filter((selection) => document.getText(selection).trim() !== '').sort((a, b) => a.start.compareTo(b.start));
  if (selected.length > 0) {
    return { ok: true, selections: selected.map((selection) => fromRange(document, path, selection)) };
  }
  return aroundCursor(document, path, editor.selection.active, commandTitle);
}

/** The label the model and the chat card show for a document. */
export function describeDocument(document: vscode.TextDocument): string {
  if (document.uri.scheme === 'vscode-notebook-cell') {
    for (const notebook of vscode.workspace.notebookDocuments) {
      const cell = notebook.getCells().find((candidate) => candidate.document === document);
      if (cell) {
        return `${vscode.workspace.asRelativePath(notebook.uri)}, cell ${cell.index + 1}`;
      }
    }
  }
  // Untitled documents have no file path; their URI path is the tab's name ("Untitled-1").
  return document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri);
}

function fromRange(document: vscode.TextDocument, path: string, range: vscode.Range): SelectedCode {
  // A selection of whole lines ends at column 0 of the next line, which the person does not count as selected.
  const lastLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return {
    path,
    languageId: document.languageId,
    startLine: range.start.line + 1,
    endLine: lastLine + 1,
    text: document.getText(range),
    uri: document.uri.toString(),
  };
}

/** The whole lines from `firstLine` to `lastLine` (0-based), indentation included. */
function wholeLines(document: vscode.TextDocument, firstLine: number, lastLine: number): vscode.Range {
  return new vscode.Range(firstLine, 0, lastLine, document.lineAt(lastLine).text.length);
}

async function aroundCursor(document: vscode.TextDocument, path: string, cursor: vscode.Position, commandTitle: string): Promise<ReadSelectionsResult> {
  const block = await enclosingSymbolRange(document, cursor);
  if (block) {
    return { ok: true, selections: [fromRange(document, path, wholeLines(document, block.start.line, block.end.line))] };
  }
  const line = document.lineAt(cursor.line);
  if (line.isEmptyOrWhitespace) {
    return {
      ok: false,
      message: vscode.l10n.t(
        'Nothing to send: {0} of {1} is blank and not inside a function or class. Select some code, then run "CometAPI: {2}" again.',
        shownLineRange(cursor.line + 1, cursor.line + 1),
        path,
        commandTitle,
      ),
    };
  }
  return { ok: true, selections: [fromRange(document, path, wholeLines(document, cursor.line, cursor.line))] };
}

type ProvidedSymbol = vscode.DocumentSymbol | vscode.SymbolInformation;

/** The smallest multi-line symbol (function, method, class...) containing the cursor, if the language provides symbols. */
async function enclosingSymbolRange(document: vscode.TextDocument, cursor: vscode.Position): Promise<vscode.Range | undefined> {
  let symbols: ProvidedSymbol[] | undefined;
  try {
    symbols = await withTimeout(
      vscode.commands.executeCommand<ProvidedSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri),
      symbolLookupTimeoutMs,
    );
  } catch {
    // No provider, or it failed: the cursor's line is still a useful answer.
    return undefined;
  }
  let best: vscode.Range | undefined;
  const visit = (symbol: ProvidedSymbol): void => {
    const range = 'location' in symbol ? symbol.location.range : symbol.range;
    if (!range.contains(cursor)) {
      return;
    }
    // A one-line symbol (a local `const`) is no wider than the line fallback; the block around it says more.
    const isBlock = range.end.line > range.start.line && !tooWideKinds.has(symbol.kind);
    if (isBlock && (!best || best.contains(range))) {
      best = range;
    }
    if ('children' in symbol) {
      symbol.children.forEach(visit);
    }
  };
  (symbols ?? []).forEach(visit);
  return best;
}

function withTimeout<T>(work: Thenable<T>, ms: number): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
