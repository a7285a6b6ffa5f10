// The buttons under a code block of an answer, through the real vscode API: Show Diff opens VS Code's diff editor
// with the asked-about code and the suggestion and writes nothing; New File opens an untitled document in the
// block's language holding the block; Replace Selection puts the suggestion where the asked-about code is. The
// suite plays the chat webview (the `testing` hooks), so each button sends exactly what a click would send.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ChatTestHooks } from '../../../src/host/extension';
import type { CodeBlockAction } from '../../../src/shared/protocol';
import { type ChatAgainstMock, startChatAgainstMock } from './chatAgainstMock';
import { waitFor } from './extensionUnderTest';

const addTsOnDisk = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const suggestion = 'export function add(a: number, b: number): number {\n  return b + a;';

suite('code block actions in VS Code', () => {
  const key = 'sk-e2e-code-block-actions';
  let hooks: ChatTestHooks;
  let chat: ChatAgainstMock | undefined;

  suiteSetup(async () => {
    chat = await startChatAgainstMock(key);
    hooks = chat.hooks;
  });

  teardown(async () => {
    // Every test leaves add.ts as the runner wrote it and no editor open, whatever it did to them.
    await vscode.commands.executeCommand('workbench.action.files.revert', addTsUri());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await chat?.restore();
  });

  function addTsUri(): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runner opened a workspace folder');
    return vscode.Uri.joinPath(folder.uri, 'add.ts');
  }

  /** Selects lines `from`-`to` (1-based) of add.ts, runs Explain Selection, and returns the answer's id. */
  async function askAboutAddTs(from: number, to: number): Promise<string> {
    const document = await vscode.workspace.openTextDocument(addTsUri());
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(from - 1, 0, to - 1, document.lineAt(to - 1).text.length);
    await vscode.commands.executeCommand('cometapi.explainSelection');
    const answer = hooks.conversation().messages.at(-1);
    assert.ok(answer?.role === 'assistant' && answer.status === 'done', 'Explain Selection ended with an answer');
    return answer.id;
  }

  function click(action: CodeBlockAction, code: string, language: string, messageId: string): void {
    hooks.receiveFromWebview({ type: 'codeAction', action, code, language, messageId });
  }

  function diffTabs(): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff);
  }

  test('Show Diff opens a diff of the asked-about lines against the suggestion and writes nothing', async () => {
    const answerId = await askAboutAddTs(1, 2);
    const filesBefore = fs.readdirSync(addTsUri().fsPath.replace(/[\\/]add\.ts$/, '')).sort();
    click('showDiff', suggestion, 'ts', answerId);

    const tab = await waitFor('a diff editor to open', () => diffTabs()[0]);
    assert.equal(tab.label, 'add.ts, lines 1-2 ↔ Suggestion', 'the tab names the file, its lines and the suggestion');
    const input = tab.input as vscode.TabInputTextDiff;
    const original = await vscode.workspace.openTextDocument(input.original);
    const modified = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(original.getText(), 'export function add(a: number, b: number): number {\n  return a + b;\n', 'left: the two lines asked about');
    assert.equal(modified.getText(), `${suggestion}\n`, 'right: the suggested code');
    assert.equal(modified.languageId, 'typescript', 'the suggestion is highlighted as TypeScript');

    // Nothing on disk: neither side is a file, add.ts is untouched and not even dirty, no file appeared.
    assert.notEqual(input.original.scheme, 'file');
    assert.notEqual(input.modified.scheme, 'file');
    assert.equal(fs.readFileSync(addTsUri().fsPath, 'utf8'), addTsOnDisk);
    assert.equal((await vscode.workspace.openTextDocument(addTsUri())).isDirty, false, 'add.ts has no unsaved change');
    assert.deepEqual(fs.readdirSync(addTsUri().fsPath.replace(/[\\/]add\.ts$/, '')).sort(), filesBefore, 'no file was written beside add.ts');
  });

  test("New File opens an untitled document in the block's language with exactly the block's code", async () => {
    const answerId = await askAboutAddTs(2, 2);
    const code = 'def greet(name):\n    return f"Hello, {name}"';
    click('newFile', code, 'py', answerId);

    const editor = await waitFor('an untitled editor', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.isUntitled ? active : undefined;
    });
    assert.equal(editor.document.languageId, 'python', 'a ```py block opens as Python');
    assert.equal(editor.document.getText(), `${code}\n`, "the block's code, ending with a line break, and nothing else");
    assert.equal(fs.readFileSync(addTsUri().fsPath, 'utf8'), addTsOnDisk, 'the file asked about is untouched');
    // Closing it must not ask to save: revert the untitled document first.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Replace Selection puts the suggestion where the asked-about lines are, as one unsaved edit', async () => {
    const answerId = await askAboutAddTs(1, 2);
    const document = await vscode.workspace.openTextDocument(addTsUri());
    // The person clicked somewhere else in the file since asking: the answer still knows which lines it is about.
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    click('replaceSelection', suggestion, 'ts', answerId);

    await waitFor('add.ts to change', () => (document.getText() !== addTsOnDisk ? true : undefined));
    assert.equal(document.getText(), `${suggestion}\n}\n`, 'lines 1-2 hold the suggestion, line 3 is kept');
    assert.ok(document.isDirty, 'the change is in the editor, for the person to save or undo');
    assert.equal(fs.readFileSync(addTsUri().fsPath, 'utf8'), addTsOnDisk, "nothing was saved behind the person's back");
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo to restore add.ts', () => (document.getText() === addTsOnDisk ? true : undefined), 5_000);
  });
});
