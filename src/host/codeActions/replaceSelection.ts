// "Replace Selection": puts the suggested code where the code the answer was about is. Silent only when that code
// is still exactly there; a changed range, or an answer that was not about a selection, is asked about first.
import * as vscode from 'vscode';
import { fitReplacement } from '../../core/selection/codeEdits';
import { shownLineRange } from '../../shared/selectionText';
import { type AnswerContexts, type SourceContext, isSourceContext, locateSource, pickSourceContext, sentLines } from './answerSource';
import { editorFor, eolOf, replaceAsOneUndoStep } from './editorEdits';
import type { LastTextEditorTracker } from './lastTextEditorTracker';

export interface ReplaceDeps {
  readonly chat: AnswerContexts;
  readonly editors: LastTextEditorTracker;
  /** Opens the diff of the replaced lines against the suggestion (the modal's "Show Diff"). */
  readonly showDiff: (currentText: string, source: SourceContext, suggestion: string) => Promise<void>;
}

export async function replaceSelection(deps: ReplaceDeps, code: string, blockLanguageId: string, answerMessageId: string): Promise<void> {
  const source = await pickSourceContext(deps.chat, answerMessageId, blockLanguageId);
  if (!source) {
    // The answer had no selection attached, or the person cancelled the pick among several.
    if (deps.chat.contextsForAnswer(answerMessageId).some(isSourceContext)) {
      return;
    }
    await replaceCurrentSelection(deps.editors.current(), code);
    return;
  }
  const located = await locateSource(source, deps.editors.current());
  switch (located.kind) {
    case 'declined':
      return;
    case 'gone':
      void vscode.window.showWarningMessage(located.message);
      return;
    case 'unchanged':
      await replaceIn(located.document, located.range, code);
      return;
    case 'changed': {
      const { startLine, endLine } = sentLines(source);
      const replace = vscode.l10n.t('Replace');
      const showDiff = vscode.l10n.t('Show Diff');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t(
          'The selected code changed since you asked. Replace {0} anyway?',
          shownLineRange(startLine, Math.min(endLine, located.document.lineCount)),
        ),
        { modal: true, detail: vscode.l10n.t('{0} no longer holds exactly the code the answer is about.', source.path) },
        replace,
        showDiff,
      );
      if (choice === replace) {
        await replaceIn(located.document, located.lines, code);
      } else if (choice === showDiff) {
        await deps.showDiff(located.document.getText(located.lines), source, code);
      }
      return;
    }
  }
}

/** An answer that was not about a selection: offer to replace what is selected now, after asking. */
async function replaceCurrentSelection(editor: vscode.TextEditor | undefined, code: string): Promise<void> {
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'This answer was not about a selection, and no code is selected. Select the code to replace and click Replace Selection again, or use Insert at Cursor.',
      ),
    );
    return;
  }
  const { start, end } = editor.selection;
  const lastLine = end.character === 0 && end.line > start.line ? end.line : end.line + 1;
  const replace = vscode.l10n.t('Replace');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('This answer was not about a selection. Replace the selected code ({0}) with it?', shownLineRange(start.line + 1, lastLine)),
    { modal: true },
    replace,
  );
  if (choice === replace) {
    await replaceIn(editor.document, editor.selection, code);
  }
}

async function replaceIn(document: vscode.TextDocument, range: vscode.Range, code: string): Promise<void> {
  const editor = await editorFor(document);
  const lineBefore = document.lineAt(range.start.line).text.slice(0, range.start.character);
  const text = fitReplacement(document.getText(range), code, lineBefore, eolOf(document));
  if (!(await replaceAsOneUndoStep(editor, range, text))) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not replace the code in {0}: the editor did not accept the edit (is it read-only?).', vscode.workspace.asRelativePath(document.uri)),
    );
  }
}
