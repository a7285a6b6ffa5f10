// The chat in another display language: a code-server started with --locale zh-cn (and an empty language
// pack, see codeServer.mjs), its own folder and browser profile, running only test/e2e/ui/*.zhcn.ts. A
// separate server because the display language is fixed when code-server starts.
import fs from 'node:fs';
import path from 'node:path';
import { startCodeServer } from './codeServer.mjs';
import { runUiTests } from './uiRunner.mjs';
import { createWorkspace, quietUserSettings } from './workspaceSetup.mjs';

/** @returns {Promise<import('../resultCollector.ts').RunResult>} */
export async function runLocaleStage({ install, runDir, extensionRoot, uiDir, mock, decoy, apiKey, screenshotsDir }) {
  const stageDir = path.join(runDir, 'locale-zh-cn');
  fs.mkdirSync(stageDir, { recursive: true });
  const workspace = createWorkspace(stageDir);
  const server = await startCodeServer({ install, runDir: stageDir, workspace, userSettings: quietUserSettings(mock.url), locale: 'zh-cn' });
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
      fileSuffix: '.zhcn.ts',
      label: 'zh-cn',
    });
  } finally {
    await server.stop();
  }
}
