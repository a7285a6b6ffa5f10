// VS Code's own Chat view answering with a CometAPI model. The chat needs AI features on, which VS Code reads
// when the window opens (a settings change alone leaves the Chat commands out of reach until a reload), and
// every other UI test wants the quiet workbench; so this stage starts its own code-server with AI features
// and anonymous chat access on, opens its own fresh folder, and runs only test/e2e/ui/*.vscodechat.ts.
import fs from 'node:fs';
import path from 'node:path';
import { startCodeServer } from './codeServer.mjs';
import { runUiTests } from './uiRunner.mjs';
import { createWorkspace, quietUserSettings } from './workspaceSetup.mjs';

/** The quiet workbench, but with VS Code's chat on and usable without a GitHub sign-in. */
export function vscodeChatUserSettings(mockUrl) {
  return { ...quietUserSettings(mockUrl), 'chat.disableAIFeatures': false, 'chat.allowAnonymousAccess': true };
}

/** @returns {Promise<import('../resultCollector.ts').RunResult>} */
export async function runVscodeChatStage({ install, runDir, extensionRoot, uiDir, mock, decoy, apiKey, screenshotsDir }) {
  const stageDir = path.join(runDir, 'vscode-chat');
  fs.mkdirSync(stageDir, { recursive: true });
  const workspace = createWorkspace(stageDir);
  const server = await startCodeServer({ install, runDir: stageDir, workspace, userSettings: vscodeChatUserSettings(mock.url) });
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
      fileSuffix: '.vscodechat.ts',
      label: 'vscode-chat',
    });
  } finally {
    await server.stop();
  }
}
