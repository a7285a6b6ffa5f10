// The extension loads in real VS Code and everything its manifest promises is actually there.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, contributedCommands } from './extensionUnderTest';

suite('activation', () => {
  test('activates without throwing, and reports how long activation took', async () => {
    const extension = await activeExtension();
    assert.equal(extension.isActive, true);
    const activationMs = (extension.exports as { activationMs?: unknown } | undefined)?.activationMs;
    assert.equal(typeof activationMs, 'number');
    // The benchmark reads this line from the suite's output.
    console.log(`[activation] cometapi-chat activated in ${(activationMs as number).toFixed(1)} ms`);
  });

  test('is the development copy from this repository', async () => {
    const extension = await activeExtension();
    // A stale installed copy would make every other test meaningless.
    const expectedRoot = process.env.EXTENSION_ROOT;
    assert.ok(expectedRoot, 'the runner passes EXTENSION_ROOT through extensionEnvironment');
    assert.equal(path.resolve(extension.extensionPath), path.resolve(expectedRoot));
  });

  test('registers every command contributed in package.json', async () => {
    const extension = await activeExtension();
    const contributed = contributedCommands(extension).map((command) => command.command);
    assert.ok(contributed.length > 0, 'the manifest contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  test('reads its base URL from the settings the runner wrote', () => {
    const baseUrl = vscode.workspace.getConfiguration('cometapi').get<string>('baseUrl');
    assert.equal(baseUrl, process.env.MOCK_URL);
  });
});
