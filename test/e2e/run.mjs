#!/usr/bin/env node
// The e2e stage: the extension in real VS Code (code-server in headless Chromium, see docs/e2e.md).
// 1. install (cached) 2. build the extension and the suite 3. start the mock CometAPI and ONE code-server
// 4. run the mocha suite inside the extension host 5. drive the UI with Playwright (then VS Code's own chat,
// in a second code-server with AI features on) 6. print
// `N passed, N failed`. Every process and folder it creates is removed at the end, whatever happens;
// only screenshots and logs stay, in test/e2e/.artifacts/ (git-ignored).
//
// Environment: COMETAPI_E2E_CACHE (install cache), COMETAPI_E2E_TIMEOUT_SECONDS (watchdog over everything after the install, 900),
// COMETAPI_E2E_EXTENSION_ROOT (test another build of the extension, e.g. an unpacked .vsix; skips the build),
// COMETAPI_E2E_ONLY=suite|ui|vscodechat|zhcn|start (run one stage while working on it), COMETAPI_E2E_GREP=<text> (only the UI tests
// whose title contains it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureE2eInstalled } from './install.mjs';
import { buildExtension, buildSuite } from './lib/build.mjs';
import { cleanupAll, handleSignals, onCleanup } from './lib/cleanup.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { importTs } from './lib/importTs.mjs';
import { printStageResult, totals } from './lib/report.mjs';
import { runSuiteInWorkbench } from './lib/suiteRunner.mjs';
import { runUiTests } from './lib/uiRunner.mjs';
import { runVscodeChatStage } from './lib/vscodeChatStage.mjs';
import { runLocaleStage } from './lib/localeStage.mjs';
import { runNpmStartTests } from './start/npmStart.mjs';
import {
  createWorkspace,
  hostileWorkspaceSettings,
  installAttackerExtension,
  installLmClientExtension,
  quietUserSettings,
  writeWorkspaceSettings,
} from './lib/workspaceSetup.mjs';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(e2eDir, '..', '..');
const artifactsDir = path.join(e2eDir, '.artifacts');
const OVERALL_TIMEOUT_MS = (Number(process.env.COMETAPI_E2E_TIMEOUT_SECONDS) || 900) * 1000;
const SUITE_TIMEOUT_MS = 150_000;
/** The key the mock accepts (the UI tests type it into the password box). */
const VALID_API_KEY = 'sk-test-valid';
/** Stage results so far; the watchdog and a crash still report what did run. */
const results = [];

async function main() {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const step = (text) => console.log(`[e2e] ${text} (${elapsed()})`);
  handleSignals((signal, code) => abort(signal, code));
  // The install has its own bound (the lock wait, each step's exit); a cold one takes minutes, so the
  // watchdog covers the tests only and stays as tight as a warm run needs.
  const install = await ensureE2eInstalled();
  startWatchdog();
  const extensionRoot = process.env.COMETAPI_E2E_EXTENSION_ROOT ? path.resolve(process.env.COMETAPI_E2E_EXTENSION_ROOT) : repoRoot;
  if (extensionRoot === repoRoot) {
    step('building the extension (node esbuild.js)');
    await buildExtension(repoRoot);
  } else {
    step(`testing the extension in ${extensionRoot} as it is (no build)`);
  }
  step('bundling the extension-host suite');
  const suiteEntry = await buildSuite(repoRoot);

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-e2e-'));
  onCleanup(`run folder ${runDir}`, () => fs.rmSync(runDir, { recursive: true, force: true }));
  onCleanup('copying logs to test/e2e/.artifacts/logs', () => keepLogs(runDir));
  const screenshotsDir = path.join(artifactsDir, 'screenshots');
  fs.rmSync(screenshotsDir, { recursive: true, force: true });
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const workspace = createWorkspace(runDir);

  // test/support and the UI tests are TypeScript: load them through tsx, as `node --import tsx` would
  // (both its ESM and CommonJS hooks: a .ts file in this CommonJS package goes through require()).
  await import('tsx');
  const { startMockCometServer } = await importTs(path.join(repoRoot, 'test', 'support', 'mockCometServer.ts'));
  const mock = await startMockCometServer({ apiKey: VALID_API_KEY });
  onCleanup('mock CometAPI server', () => mock.close());
  step(`mock CometAPI listening at ${mock.url}`);
  // The opened folder tries to send the key to this second server; the extension must never reach it.
  const decoy = await startMockCometServer({ apiKey: VALID_API_KEY });
  onCleanup('decoy CometAPI server', () => decoy.close());
  writeWorkspaceSettings(workspace, hostileWorkspaceSettings(decoy.url));
  // Another installed extension that runs our commands with arguments (see ui/workspaceKeyGuard.ui.ts).
  installAttackerExtension(runDir);
  installLmClientExtension(runDir);

  const server = await startCodeServer({ install, runDir, workspace, userSettings: quietUserSettings(mock.url) });
  step(`code-server listening at ${server.origin}`);
  const extensionEnv = { MOCK_URL: mock.url, EXTENSION_ROOT: extensionRoot, USER_DATA_DIR: server.userDataDir, COMETAPI_E2E: '1' };
  const common = { install, server, runDir, workspace, extensionRoot, extensionEnv };
  const only = process.env.COMETAPI_E2E_ONLY;

  if (!only || only === 'suite') {
    step('running the suite inside the extension host');
    const suite = await runSuiteInWorkbench({ ...common, suiteEntry, timeoutMs: SUITE_TIMEOUT_MS });
    if (aborting) return 1;
    printStageResult('extension-host suite', suite);
    results.push(suite);
  }
  if (!only || only === 'ui') {
    step('running the Playwright UI tests');
    const ui = await runUiTests({ ...common, uiDir: path.join(e2eDir, 'ui'), mock, decoy, apiKey: VALID_API_KEY, screenshotsDir });
    if (aborting) return 1;
    printStageResult('UI tests', ui);
    results.push(ui);
  }
  if (!only || only === 'vscodechat') {
    step("running VS Code's own chat with a CometAPI model (a second code-server, AI features on)");
    const chat = await runVscodeChatStage({
      install,
      runDir,
      extensionRoot,
      uiDir: path.join(e2eDir, 'ui'),
      mock,
      decoy,
      apiKey: VALID_API_KEY,
      screenshotsDir,
    });
    if (aborting) return 1;
    printStageResult("VS Code's chat", chat);
    results.push(chat);
  }
  if (!only || only === 'zhcn') {
    step('running the chat in Simplified Chinese (a code-server started with --locale zh-cn)');
    const zh = await runLocaleStage({ install, runDir, extensionRoot, uiDir: path.join(e2eDir, 'ui'), mock, decoy, apiKey: VALID_API_KEY, screenshotsDir });
    if (aborting) return 1;
    printStageResult('zh-cn display language', zh);
    results.push(zh);
  }
  if (!only || only === 'start') {
    // Last: `npm start` rebuilds dist/ for production (vsce package), which the stages above load.
    step('running npm start as a newcomer would (scripts/start.mjs)');
    const start = await runNpmStartTests({ install, runDir, screenshotsDir });
    if (aborting) return 1;
    printStageResult('npm start', start);
    results.push(start);
  }

  step('stopping code-server, Chromium and the mock');
  await cleanupAll();
  const { passed, failed } = totals(results);
  console.log(`[e2e] screenshots: ${path.relative(repoRoot, screenshotsDir)}/ (${fs.readdirSync(screenshotsDir).length} files); finished in ${elapsed()}`);
  if (passed + failed === 0) console.log('[e2e] no test ran: that is a failure');
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/** The run folder disappears; its logs are what explains a failure, so keep the latest ones. */
function keepLogs(runDir) {
  const logsDir = path.join(artifactsDir, 'logs');
  fs.rmSync(logsDir, { recursive: true, force: true });
  fs.mkdirSync(logsDir, { recursive: true });
  for (const name of [
    'code-server.log',
    'suite-console.log',
    'ui-console.log',
    'suite-result.json',
    'vscode-chat/code-server.log',
    'vscode-chat/vscode-chat-console.log',
  ]) {
    const source = path.join(runDir, name);
    if (fs.existsSync(source)) fs.copyFileSync(source, path.join(logsDir, name.replace('/', '-')));
  }
}

/** The closing line when the stage broke off: what ran, plus the breakage as one failure. */
function printClosingLine(extraFailures) {
  const { passed, failed } = totals(results);
  console.log(`${passed} passed, ${failed + extraFailures} failed`);
}

/** The whole stage is bounded: a hang anywhere ends in cleanup and a non-zero exit, not a stuck CI job. */
function startWatchdog() {
  const timer = setTimeout(() => abort(`watchdog: the e2e stage took longer than ${OVERALL_TIMEOUT_MS / 1000} s`, 124), OVERALL_TIMEOUT_MS);
  timer.unref();
}

let aborting = false;
/** Stops everything, then ends with the closing line (what ran, plus the breakage as a failure) last. */
function abort(reason, exitCode) {
  if (aborting) return;
  aborting = true;
  console.error(`\n[e2e] ${reason}: stopping everything this run started`);
  cleanupAll().finally(() => {
    printClosingLine(1);
    process.exit(exitCode);
  });
}

main()
  .then(async (code) => {
    await cleanupAll();
    if (!aborting) process.exit(code);
  })
  .catch(async (error) => {
    if (aborting) return;
    console.error(`[e2e] FAILED: ${error.stack ?? error.message}`);
    await cleanupAll();
    printClosingLine(1);
    process.exit(1);
  });
