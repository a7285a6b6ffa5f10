// What every e2e run starts from, in code-server (run.mjs) and desktop VS Code (runElectron.ts) alike:
// a quiet workbench pointed at the mock CometAPI, and a small folder to open.
import fs from 'node:fs';
import path from 'node:path';

/** User settings that keep the workbench quiet and point the extension at the mock. */
export function quietUserSettings(mockUrl) {
  return {
    'chat.disableAIFeatures': true,
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'workbench.tips.enabled': false,
    // Keep the (empty, AI features off) secondary side bar closed: screenshots show the chat view, not a gap.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.colorTheme': 'Default Dark Modern',
    'cometapi.baseUrl': mockUrl,
  };
}

/** Writes User/settings.json into a VS Code user-data folder; returns the file's path. */
export function writeUserSettings(userDataDir, settings) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  return file;
}

/** A small folder to open, with a source file for the selection commands. */
export function createWorkspace(runDir) {
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'add.ts'), 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
  return workspace;
}
