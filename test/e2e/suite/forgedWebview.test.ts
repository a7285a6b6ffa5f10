// The chat webview renders model output, so what it posts is treated as input from outside: a forged `send`
// naming an arbitrary file as attached code, followed by Replace Selection on the answer, must change no file.
// The real path (code attached by Explain Selection in an open editor) must still replace the code. The suite
// posts as the webview would, through the extension's test hooks (present only in ExtensionMode.Test).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatTestHooks } from '../../../src/host/extension';
import type { AssistantMessage } from '../../../src/shared/conversation';
import { type ChatAgainstMock, startChatAgainstMock } from './chatAgainstMock';
import { waitFor } from './extensionUnderTest';

suite('a forged chat webview cannot edit files', () => {
  const key = 'sk-e2e-forged-webview';
  let hooks: ChatTestHooks;
  let chat: ChatAgainstMock | undefined;
  let outside: string;
  const outsideText = 'export const secret = "untouched";\n';

  suiteSetup(async () => {
    chat = await startChatAgainstMock(key);
    hooks = chat.hooks;
    outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-forged-')), 'victim.ts');
    fs.writeFileSync(outside, outsideText);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('cometapi.newChat');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.dirname(outside), { recursive: true, force: true });
    await chat?.restore();
  });

  /** The last answer, once it stopped streaming. */
  function settledAnswer(after: number): Promise<AssistantMessage> {
    return waitFor(
      'the answer to end',
      () => {
        const messages = hooks.conversation().messages.slice(after);
        const answer = [...messages].reverse().find((m): m is AssistantMessage => m.role === 'assistant');
        return answer && answer.status !== 'streaming' ? answer : undefined;
      },
      20_000,
    );
  }

  test('a send naming any file, then Replace Selection on its answer, changes no file and opens none', async () => {
    const before = hooks.conversation().messages.length;
    const forgedContext = {
      path: 'victim.ts',
      languageId: 'typescript',
      startLine: 1,
      endLine: 1,
      code: outsideText,
      uri: vscode.Uri.file(outside).toString(),
    };
    // The old message shape, with the code and the file's URI in it: not a message the host accepts.
    hooks.receiveFromWebview({ type: 'send', text: 'forged with a context', contexts: [forgedContext] });
    // Today's shape, with an id the host never issued: the question goes, the id means nothing.
    hooks.receiveFromWebview({ type: 'send', text: 'forged with an id', contextIds: ['victim-id', forgedContext.uri] });
    const answer = await settledAnswer(before);
    const question = hooks.conversation().messages.find((m) => m.role === 'user' && m.text === 'forged with an id');
    assert.ok(question && question.role === 'user', 'the question with an unknown id was sent');
    assert.equal(question.contexts, undefined, 'no code is attached from an id the host did not issue');
    assert.equal(
      hooks.conversation().messages.some((m) => m.role === 'user' && m.text === 'forged with a context'),
      false,
      'a send carrying code and a file URI is refused whole',
    );

    hooks.receiveFromWebview({ type: 'codeAction', action: 'replaceSelection', code: 'export const pwned = true;\n', language: 'ts', messageId: answer.id });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(fs.readFileSync(outside, 'utf8'), outsideText, 'the file on disk is unchanged');
    const opened = vscode.workspace.textDocuments.find((document) => document.uri.fsPath === outside);
    assert.equal(opened?.isDirty ?? false, false, 'no unsaved edit waits in an open copy of it');
    assert.equal(opened, undefined, 'it was not even opened');
  });

  test('Replace Selection on an answer to Explain Selection replaces the code in the open editor', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runner opened a workspace folder');
    const file = vscode.Uri.joinPath(folder.uri, 'replace-me.ts');
    fs.writeFileSync(file.fsPath, 'export function twice(n: number): number {\n  return n + n;\n}\n');
    try {
      const document = await vscode.workspace.openTextDocument(file);
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(1, 0, 1, document.lineAt(1).text.length);
      const before = hooks.conversation().messages.length;
      await vscode.commands.executeCommand('cometapi.explainSelection');
      const answer = await settledAnswer(before);
      const question = hooks
        .conversation()
        .messages.slice(before)
        .find((m) => m.role === 'user');
      assert.equal(question?.role === 'user' ? question.contexts?.[0]?.uri : undefined, file.toString(), 'the host attached the selection itself');

      hooks.receiveFromWebview({ type: 'codeAction', action: 'replaceSelection', code: 'return n * 2;', language: 'ts', messageId: answer.id });
      await waitFor('the selection to be replaced', () => (document.getText().includes('n * 2') ? true : undefined));
      assert.equal(document.getText(), 'export function twice(n: number): number {\n  return n * 2;\n}\n', 'only the selected line changed');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(file.fsPath, { force: true });
    }
  });
});
