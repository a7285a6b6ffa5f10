// `npm run test:electron`: the same extension-host suite (test/e2e/suite) in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (it goes into .vscode-test/). Offline
// machines use `npm run test:e2e` (code-server), which runs this suite and the UI tests.
// Same contract as there: the mock CometAPI, a quiet user-data folder pointed at it, the same environment
// for the extension host, and a closing `N passed, N failed` line.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startMockCometServer } from '../support/mockCometServer';
import type { RunResult } from './resultCollector';
import { buildExtension, buildSuite } from './lib/build.mjs';
import { createWorkspace, quietUserSettings, writeUserSettings } from './lib/workspaceSetup.mjs';

const repoRoot = path.resolve(__dirname, '..', '..');

async function main(): Promise<number> {
  await buildExtension(repoRoot);
  const suiteEntry = await buildSuite(repoRoot);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-electron-'));
  const mock = await startMockCometServer({ apiKey: 'sk-test-valid' });
  const cleanup = async () => {
    await mock.close();
    fs.rmSync(runDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }
  try {
    const userDataDir = path.join(runDir, 'user-data');
    writeUserSettings(userDataDir, quietUserSettings(mock.url));
    const resultFile = path.join(runDir, 'suite-result.json');
    let launchError: unknown;
    try {
      await runTests({
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: suiteEntry,
        extensionTestsEnv: { MOCK_URL: mock.url, EXTENSION_ROOT: repoRoot, USER_DATA_DIR: userDataDir, RESULT_FILE: resultFile, COMETAPI_E2E: '1' },
        launchArgs: [
          createWorkspace(runDir),
          '--user-data-dir',
          userDataDir,
          '--extensions-dir',
          path.join(runDir, 'extensions'),
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          // No OS keychain prompt on a CI machine; secrets are still encrypted on disk.
          '--password-store=basic',
        ],
      });
    } catch (error) {
      launchError = error;
    }
    return report(resultFile, launchError);
  } finally {
    await cleanup();
  }
}

/** Failures were already printed by mocha's reporter; this adds the plain line CI reads. */
function report(resultFile: string, launchError: unknown): number {
  let result: RunResult | undefined;
  try {
    result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RunResult;
  } catch {
    result = undefined;
  }
  if (!result) {
    console.error(`[test:electron] VS Code ran no suite: ${launchError instanceof Error ? launchError.message : String(launchError ?? 'no result file')}`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  const failed = result.failed + (launchError && result.failed === 0 ? 1 : 0);
  console.log(`${result.passed} passed, ${failed} failed`);
  return failed === 0 && result.passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[test:electron] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
