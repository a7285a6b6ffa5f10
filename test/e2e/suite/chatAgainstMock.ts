// The set-up most suites share: the extension's test hooks, a mock CometAPI as the user-level base URL and a key
// stored for it, and the way back (key cleared, base URL restored, mock closed) when the suite ends.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatTestHooks, CometApiChatExports } from '../../../src/host/extension';
import { startMockCometServer, type MockCometServer } from '../../support/mockCometServer';
import { activeExtension } from './extensionUnderTest';

export interface ChatAgainstMock {
  readonly hooks: ChatTestHooks;
  readonly mock: MockCometServer;
  /** Puts back what start() changed; call it from suiteTeardown. */
  restore(): Promise<void>;
}

export async function startChatAgainstMock(apiKey: string): Promise<ChatAgainstMock> {
  const testing = ((await activeExtension()).exports as CometApiChatExports).testing;
  assert.ok(testing, 'the extension offers its test hooks when VS Code runs its tests');
  const mock = await startMockCometServer({ apiKey });
  const config = vscode.workspace.getConfiguration('cometapi');
  const originalBaseUrl = config.inspect<string>('baseUrl')?.globalValue;
  await config.update('baseUrl', mock.url, vscode.ConfigurationTarget.Global);
  assert.equal(await vscode.commands.executeCommand<boolean>('cometapi.setApiKey', apiKey), true, 'the key was stored');
  return {
    hooks: testing,
    mock,
    restore: async () => {
      await vscode.commands.executeCommand('cometapi.clearApiKey', { confirm: false });
      await vscode.workspace.getConfiguration('cometapi').update('baseUrl', originalBaseUrl, vscode.ConfigurationTarget.Global);
      await mock.close();
    },
  };
}
