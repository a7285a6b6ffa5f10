// A UI stage that needs a workbench of its own (a display language or AI features are fixed when code-server
// starts): its own folder, code-server and browser profile, running only the UI test files with `fileSuffix`.
import fs from 'node:fs';
import path from 'node:path';
import { startCodeServer } from './codeServer.mjs';
import { runUiTests } from './uiRunner.mjs';
import { createWorkspace } from './workspaceSetup.mjs';

/** @returns {Promise<import('../resultCollector.ts').RunResult>} */
export async function runSeparateServerStage(
  { install, runDir, extensionRoot, uiDir, mock, decoy, apiKey, screenshotsDir },
  { folder, userSettings, locale, fileSuffix, label },
) {
  const stageDir = path.join(runDir, folder);
  fs.mkdirSync(stageDir, { recursive: true });
  const workspace = createWorkspace(stageDir);
  const server = await startCodeServer({ install, runDir: stageDir, workspace, userSettings, locale });
  try {
    const extensionEnv = { MOCK_URL: mock.url, EXTENSION_ROOT: extensionRoot, USER_DATA_DIR: server.userDataDir, COMETAPI_E2E: '1' };
    return await runUiTests({
      install,
      server,
      runDir: stageDir,
      workspace,
      extensionRoot,
      extensionEnv,
      uiDir,
      mock,
      decoy,
      apiKey,
      screenshotsDir,
      fileSuffix,
      label,
    });
  } finally {
    await server.stop();
  }
}
