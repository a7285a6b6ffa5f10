// "Fix with CometAPI" and "Explain with CometAPI" in the lightbulb and Ctrl+. on any problem any language reports.
// The code action only names the document and the line; the command reads the diagnostics on that line again
// when it runs (the person may have edited since the lightbulb showed), and the pure builder decides what is sent.
import * as vscode from 'vscode';
import { problemQuestion, problemsOnLine, problemWindow, type ProblemAction, type ProblemFact, type ProblemSeverity } from '../../core/selection/problemPrompt';
import { Disposable } from '../../shared/disposable';
import { formatCount } from '../../shared/selectionText';
import type { ChatApi } from '../chatApi';
import { describeDocument } from './readSelections';
import { announceTruncation, readMaxChars, reportFailures } from './selectionCommands';

const fixCommand = 'cometapi.fixProblem';
const explainCommand = 'cometapi.explainProblem';

const severities: Readonly<Record<vscode.DiagnosticSeverity, ProblemSeverity>> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export class ProblemQuickFixes extends Disposable implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly chat: ChatApi) {
    super();
    // Every language and every scheme that reports diagnostics: files, untitled documents, notebook cells.
    this.register(vscode.languages.registerCodeActionsProvider('*', this, ProblemQuickFixes.metadata));
    this.register(vscode.commands.registerCommand(fixCommand, (uri: unknown, line: unknown) => reportFailures(this.ask('fix', uri, line))));
    this.register(vscode.commands.registerCommand(explainCommand, (uri: unknown, line: unknown) => reportFailures(this.ask('explain', uri, line))));
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) {
      return [];
    }
    const first = context.diagnostics[0];
    if (!first) {
      return [];
    }
    // One pair for the line of the first problem under the cursor: it covers every problem on that line.
    const line = first.range.start.line;
    const onLine = context.diagnostics.filter((d) => d.range.start.line <= line && line <= d.range.end.line);
    const action = (title: string, command: string): vscode.CodeAction => {
      const codeAction = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      codeAction.diagnostics = onLine;
      codeAction.command = { title, command, arguments: [document.uri.toString(), line] };
      return codeAction;
    };
    return [action(vscode.l10n.t('Fix with CometAPI'), fixCommand), action(vscode.l10n.t('Explain with CometAPI'), explainCommand)];
  }

  /**
   * Sends the question about the problems on `line` (0-based) of the open document `uri`. Another extension can
   * run this command too, so the arguments are only where to look: the document must be open, and the code and
   * the messages are read here, never taken from the arguments.
   */
  private async ask(action: ProblemAction, uri: unknown, line: unknown): Promise<void> {
    const document = typeof uri === 'string' ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
    if (!document || typeof line !== 'number' || !Number.isInteger(line) || line < 0 || line >= document.lineCount) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Put the cursor on a problem in an open file, then choose "Fix with CometAPI" from the lightbulb (Ctrl+.).'),
      );
      return;
    }
    const onLine = problemsOnLine(vscode.languages.getDiagnostics(document.uri).map(factOf), line + 1);
    const path = describeDocument(document);
    if (!onLine) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Line {0} of {1} has no problems any more.', formatCount(line + 1), path));
      return;
    }
    const window = problemWindow(onLine.startLine, onLine.endLine, document.lineCount);
    const maxChars = readMaxChars();
    const built = problemQuestion({
      action,
      path,
      languageId: document.languageId,
      uri: document.uri.toString(),
      problems: onLine.problems,
      window: { ...window, text: document.getText(wholeLines(document, window.startLine, window.endLine)) },
      problem: { startLine: onLine.startLine, endLine: onLine.endLine, text: document.getText(wholeLines(document, onLine.startLine, onLine.endLine)) },
      maxChars,
    });
    if (!built.ok) {
      void vscode.window.showWarningMessage(built.reason);
      return;
    }
    announceTruncation(built.contexts, maxChars);
    await this.chat.reveal();
    await this.chat.send(built.text, built.contexts);
  }
}

/** Lines `first`-`last` (1-based) from column 0 to the end of the last line, as whole-line selections are read. */
function wholeLines(document: vscode.TextDocument, first: number, last: number): vscode.Range {
  const lastLine = Math.min(last, document.lineCount) - 1;
  return new vscode.Range(first - 1, 0, lastLine, document.lineAt(lastLine).text.length);
}

function factOf(diagnostic: vscode.Diagnostic): ProblemFact {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return {
    message: diagnostic.message,
    severity: severities[diagnostic.severity],
    startLine: diagnostic.range.start.line + 1,
    startColumn: diagnostic.range.start.character + 1,
    // A range ending at column 0 of the next line covers nothing of that line.
    endLine:
      diagnostic.range.end.character === 0 && diagnostic.range.end.line > diagnostic.range.start.line
        ? diagnostic.range.end.line
        : diagnostic.range.end.line + 1,
    ...(diagnostic.source ? { source: diagnostic.source } : {}),
    ...(code === undefined ? {} : { code: String(code) }),
  };
}
