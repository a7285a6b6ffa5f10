// The API key goes into SecretStorage through the commands, comes back out of it for requests, and shows up
// nowhere else: not in configuration dumps, not in the files VS Code keeps for the user.
// The suite starts its own mock CometAPI inside the extension host, with a key unique to this run, so it
// can see which requests carried the key (the mock records whether the Bearer key matched, never the key).
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startMockCometServer, type MockCometServer } from '../../support/mockCometServer';
import { activeExtension, waitFor } from './extensionUnderTest';

interface RefreshOutcome {
  readonly ok: boolean;
}

suite('API key', () => {
  const key = `sk-e2e-${randomBytes(12).toString('hex')}`;
  let mock: MockCometServer;
  let originalBaseUrl: string | undefined;

  suiteSetup(async () => {
    await activeExtension();
    mock = await startMockCometServer({ apiKey: key });
    const config = vscode.workspace.getConfiguration('cometapi');
    originalBaseUrl = config.inspect<string>('baseUrl')?.globalValue;
    await config.update('baseUrl', mock.url, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    // Leave no key and the runner's base URL behind for the suites that follow.
    await vscode.commands.executeCommand('cometapi.clearApiKey', { confirm: false });
    await vscode.workspace.getConfiguration('cometapi').update('baseUrl', originalBaseUrl, vscode.ConfigurationTarget.Global);
    await mock?.close();
  });

  const authorizedModelRequests = () => mock.requests.filter((request) => request.path === '/v1/models' && request.authorized);

  test('Set API Key with a key argument checks it against the server and stores it', async () => {
    const stored = await vscode.commands.executeCommand<boolean>('cometapi.setApiKey', key);
    assert.equal(stored, true, 'setApiKey resolves true when it stored the key');
    assert.ok(authorizedModelRequests().length > 0, 'the key was checked with GET /v1/models');
  });

  test('the stored key is read back from SecretStorage for the next request', async () => {
    mock.clearRequests();
    const outcome = await vscode.commands.executeCommand<RefreshOutcome>('cometapi.refreshModels');
    assert.equal(outcome?.ok, true, 'Refresh Model List succeeded with the stored key');
    assert.ok(authorizedModelRequests().length > 0, 'the refresh carried the stored key');
  });

  test('the key appears in no configuration dump', () => {
    const everything = JSON.stringify(vscode.workspace.getConfiguration());
    assert.ok(everything.length > 1000, 'the dump really holds the settings');
    assert.ok(!everything.includes(key), 'the key is in vscode.workspace.getConfiguration()');
    const section = vscode.workspace.getConfiguration('cometapi');
    const inspected = JSON.stringify(Object.keys(section).map((name) => section.inspect(name)));
    assert.ok(!inspected.includes(key), "the key is in an inspect() of the 'cometapi' section");
  });

  test("the key is written to no file of VS Code's user data", function () {
    const userDataDir = process.env.USER_DATA_DIR;
    if (!userDataDir) {
      this.skip();
    }
    const leaks = filesContaining(userDataDir, key);
    assert.deepEqual(leaks, [], `the key was found in ${leaks.join(', ')}`);
  });

  test('Clear API Key with { confirm: false } removes it without asking', async () => {
    const cleared = await vscode.commands.executeCommand<boolean>('cometapi.clearApiKey', { confirm: false });
    assert.equal(cleared, true, 'clearApiKey resolves true when it removed a key');
    mock.clearRequests();
    const outcome = await vscode.commands.executeCommand<RefreshOutcome>('cometapi.refreshModels');
    assert.equal(outcome?.ok, false, 'without a key the model list cannot be loaded');
    assert.deepEqual(authorizedModelRequests(), [], 'no request carried the removed key');
  });

  test("a workspace's .vscode/settings.json cannot send the key to another server", async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('cometapi.setApiKey', key), true);
    const decoy = await startMockCometServer({ apiKey: key });
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the suite runs with a folder open');
    const file = path.join(folder, '.vscode', 'settings.json');
    const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // maxContextCharacters is one a workspace may set: seeing it proves VS Code read the file.
      fs.writeFileSync(file, JSON.stringify({ 'cometapi.baseUrl': decoy.url, 'cometapi.systemPrompt': 'PWNED', 'cometapi.maxContextCharacters': 88_888 }));
      await waitFor('VS Code to read the workspace settings', () =>
        vscode.workspace.getConfiguration('cometapi').inspect<number>('maxContextCharacters')?.workspaceValue === 88_888 ? true : undefined,
      );
      mock.clearRequests();
      const outcome = await vscode.commands.executeCommand<RefreshOutcome>('cometapi.refreshModels');
      assert.equal(outcome?.ok, true, "the model list came from the person's base URL");
      assert.ok(authorizedModelRequests().length > 0, "the key went to the person's base URL");
      assert.deepEqual(
        decoy.requests.map((request) => `${request.method} ${request.path} authorized=${request.authorized}`),
        [],
        "the workspace's server was contacted",
      );
    } finally {
      if (original === undefined) {
        fs.rmSync(file, { force: true });
      } else {
        fs.writeFileSync(file, original);
      }
      await decoy.close();
    }
  });

  test('a key set again after clearing works again', async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('cometapi.setApiKey', key), true);
    mock.clearRequests();
    const outcome = await vscode.commands.executeCommand<RefreshOutcome>('cometapi.refreshModels');
    assert.equal(outcome?.ok, true);
    await waitFor('an authorized request', () => (authorizedModelRequests().length > 0 ? true : undefined));
  });
});

/** Every file under `dir` whose bytes contain `needle` (text or inside a binary database). */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const bytes = Buffer.from(needle, 'utf8');
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) {
      continue;
    }
    const file = path.join(entry.parentPath, entry.name);
    try {
      if (fs.readFileSync(file).includes(bytes)) {
        found.push(file);
      }
    } catch {
      // Files that vanish or are locked while we look are not a leak.
    }
  }
  return found;
}
