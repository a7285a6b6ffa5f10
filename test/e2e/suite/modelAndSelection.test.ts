// Issues 4 and 5 through the real vscode API: the model the person chose (picker command or the setting) is the
// model of the next request, and Explain Selection sends the selected code fenced, with the workspace-relative
// path and the line range. The suite runs its own mock inside the extension host so it can read what was sent;
// what the person sees (status bar, quick pick, chat view) is checked by the UI tests.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startMockCometServer, type MockCometServer, type RecordedRequest } from '../../support/mockCometServer';
import { conversationFacts } from '../../support/mockCometReplies';
import { activeExtension, waitFor } from './extensionUnderTest';

// Claude goes to Anthropic's /v1/messages, the others to chat completions or responses.
const isChatPost = (request: RecordedRequest) => request.method === 'POST' && ['/v1/chat/completions', '/v1/responses', '/v1/messages'].includes(request.path);

suite('model choice and Explain Selection', () => {
  const key = 'sk-e2e-model-selection';
  let mock: MockCometServer;
  let originalBaseUrl: string | undefined;
  let originalModel: string | undefined;

  suiteSetup(async () => {
    await activeExtension();
    mock = await startMockCometServer({ apiKey: key });
    const config = vscode.workspace.getConfiguration('cometapi');
    originalBaseUrl = config.inspect<string>('baseUrl')?.globalValue;
    originalModel = config.inspect<string>('model')?.globalValue;
    await config.update('baseUrl', mock.url, vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand<boolean>('cometapi.setApiKey', key), true, 'the key was stored');
  });

  suiteTeardown(async () => {
    // Leave the runner's base URL, the default model and no key for whatever runs next.
    await vscode.commands.executeCommand('cometapi.clearApiKey', { confirm: false });
    const config = vscode.workspace.getConfiguration('cometapi');
    await config.update('model', originalModel, vscode.ConfigurationTarget.Global);
    await config.update('baseUrl', originalBaseUrl, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await mock?.close();
  });

  /** Opens the workspace's add.ts with lines `from`-`to` (1-based) selected, as a person would drag over them. */
  async function selectInAddTs(from: number, to: number): Promise<vscode.TextEditor> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runner opened a workspace folder');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'add.ts'));
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(from - 1, 0, to - 1, document.lineAt(to - 1).text.length);
    return editor;
  }

  /** Runs Explain Selection (it resolves once the answer ended) and returns the one chat request it made. */
  async function explainAndCapture(): Promise<RecordedRequest> {
    mock.clearRequests();
    await vscode.commands.executeCommand('cometapi.explainSelection');
    return waitFor('the chat request of Explain Selection', () => mock.requests.find(isChatPost));
  }

  test('Explain Selection sends the fenced code with its workspace-relative path and line range', async () => {
    await selectInAddTs(1, 2);
    const request = await explainAndCapture();
    const sent = conversationFacts(request.body ?? {}).lastUserText;
    assert.match(sent, /^Explain this TypeScript code/m, 'the instruction comes first');
    assert.ok(sent.includes('add.ts, lines 1-2:'), `path and lines are named:\n${sent}`);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(folder !== '' && !sent.includes(folder), 'the path is workspace-relative, not absolute');
    assert.ok(sent.includes('```typescript\nexport function add(a: number, b: number): number {\n  return a + b;\n```'), `the code is fenced:\n${sent}`);
    assert.ok(!sent.includes('\n}\n```'), 'line 3 (not selected) is not sent');
  });

  test('Select Model with an id saves it and the next request uses it', async () => {
    const chosen = await vscode.commands.executeCommand<string>('cometapi.selectModel', 'claude-sonnet-4-20250514');
    assert.equal(chosen, 'claude-sonnet-4-20250514');
    assert.equal(vscode.workspace.getConfiguration('cometapi').get('model'), 'claude-sonnet-4-20250514');
    await selectInAddTs(2, 2);
    const request = await explainAndCapture();
    assert.equal(request.body?.model, 'claude-sonnet-4-20250514');
    assert.ok(conversationFacts(request.body ?? {}).lastUserText.includes('add.ts, line 2:'), 'a one-line selection says "line 2"');
  });

  test('changing the cometapi.model setting changes the model of the next request', async () => {
    await vscode.workspace.getConfiguration('cometapi').update('model', 'gemini-2.5-flash', vscode.ConfigurationTarget.Global);
    await selectInAddTs(1, 3);
    const request = await explainAndCapture();
    assert.equal(request.body?.model, 'gemini-2.5-flash');
  });
});
