// VS Code's own Chat view answering with a CometAPI model. The chat needs AI features on, which VS Code reads
// when the window opens (a settings change alone leaves the Chat commands out of reach until a reload), and
// every other UI test wants the quiet workbench; so this stage starts its own code-server with AI features
// and anonymous chat access on, and runs only test/e2e/ui/*.vscodechat.ts.
import { runSeparateServerStage } from './separateServerStage.mjs';
import { quietUserSettings } from './workspaceSetup.mjs';

/** The quiet workbench, but with VS Code's chat on and usable without a GitHub sign-in. */
export function vscodeChatUserSettings(mockUrl) {
  return { ...quietUserSettings(mockUrl), 'chat.disableAIFeatures': false, 'chat.allowAnonymousAccess': true };
}

/** @returns {Promise<import('../resultCollector.ts').RunResult>} */
export function runVscodeChatStage(context) {
  return runSeparateServerStage(context, {
    folder: 'vscode-chat',
    userSettings: vscodeChatUserSettings(context.mock.url),
    fileSuffix: '.vscodechat.ts',
    label: 'vscode-chat',
  });
}
