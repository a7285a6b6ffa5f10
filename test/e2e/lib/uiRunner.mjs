// Runs the Playwright UI tests (test/e2e/ui/*.ui.ts) with mocha in this Node process, against a workbench
// window of the same code-server with the development extension loaded and a fresh browser profile
// (so no API key is stored yet). A failing test leaves a screenshot of what was on screen.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import { launchBrowser } from './browser.mjs';
import { importTs } from './importTs.mjs';
import { recordConsole, workbenchUrl } from './workbench.mjs';

const WORKBENCH_READY_TIMEOUT_MS = 60_000;

/**
 * `fileSuffix` picks the test files in `uiDir`; `label` names the browser profile and console log, so another
 * stage (vscodeChatStage.mjs) can run its own files against its own code-server.
 * @returns {Promise<import('../resultCollector.ts').RunResult>}
 */
export async function runUiTests({
  install,
  server,
  runDir,
  workspace,
  extensionRoot,
  extensionEnv,
  uiDir,
  mock,
  decoy,
  apiKey,
  screenshotsDir,
  fileSuffix = '.ui.ts',
  label = 'ui',
}) {
  // The .ts modules load through tsx, which run.mjs registered.
  const { setUiSession } = await importTs(path.join(uiDir, 'session.ts'));
  const { collectResults, summarize } = await importTs(path.join(uiDir, '..', 'resultCollector.ts'));
  const files = fs
    .readdirSync(uiDir)
    .filter((name) => name.endsWith(fileSuffix))
    .sort()
    .map((name) => path.join(uiDir, name));
  if (files.length === 0) return summarize([], `no UI test files (*${fileSuffix}) in ${uiDir}`);

  const { context, close } = await launchBrowser({ executablePath: install.chromium, profileDir: path.join(runDir, `browser-${label}`) });
  let stopRecording = async () => {};
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    stopRecording = recordConsole(page, path.join(runDir, `${label}-console.log`));
    const webviewErrors = [];
    page.on('pageerror', (error) => {
      if (/\/dist\/webview\.js/.test(error.stack ?? '')) webviewErrors.push(error);
    });
    await page.goto(workbenchUrl({ origin: server.origin, workspace, extensionRoot, extensionEnv }));
    await waitForWorkbench(page);
    setUiSession({ page, mock, decoy, apiKey, screenshotsDir, userDataDir: server.userDataDir });
    const result = await runMocha(files, page, screenshotsDir, collectResults, summarize);
    // Only beside real tests: on its own it would turn "no test ran" into a pass.
    return result.tests.length === 0 ? result : summarize([...result.tests, webviewErrorCheck(webviewErrors)], result.fatal);
  } catch (error) {
    return summarize([], `UI tests could not run: ${error.message}`);
  } finally {
    setUiSession(undefined);
    await stopRecording();
    await close();
  }
}

/**
 * An uncaught error in the chat webview is a broken view for the person even when the tests' selectors
 * still match, so it counts as one failed check (details in .artifacts/logs/ui-console.log).
 */
function webviewErrorCheck(errors) {
  const title = 'the chat webview threw no uncaught errors';
  const check = { title, fullTitle: `UI session: ${title}` };
  if (errors.length === 0) return { ...check, state: 'passed' };
  const distinct = [...new Set(errors.map((error) => String(error.message)))];
  const message = `${errors.length} uncaught error(s) in dist/webview.js: ${distinct.slice(0, 3).join(' | ')}`;
  return { ...check, state: 'failed', error: { message, stack: errors[0].stack } };
}

/** The workbench is usable once it rendered and the extension's activity bar entry exists. */
async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_READY_TIMEOUT_MS });
  await page
    .locator('.activitybar .action-item a[aria-label^="CometAPI"]')
    .waitFor({ timeout: WORKBENCH_READY_TIMEOUT_MS })
    .catch(() => {
      throw new Error('the workbench loaded but shows no CometAPI activity bar item (did the extension load?)');
    });
}

async function runMocha(files, page, screenshotsDir, collectResults, summarize) {
  const grep = process.env.COMETAPI_E2E_GREP;
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', timeout: 60_000, slow: 10_000, ...(grep ? { grep } : {}) });
  mocha.suite.afterEach(async function screenshotOnFailure() {
    if (this.currentTest?.state !== 'failed') return;
    const name = `FAILED-${this.currentTest
      .fullTitle()
      .replace(/[^a-z0-9]+/gi, '-')
      .slice(0, 100)}.png`;
    await page.screenshot({ path: path.join(screenshotsDir, name) }).catch(() => {});
  });
  for (const file of files) mocha.addFile(file);
  try {
    await mocha.loadFilesAsync();
  } catch (error) {
    return summarize([], `could not load the UI tests: ${error.stack ?? error.message}`);
  }
  return new Promise((resolve) => {
    // mocha starts running on a later tick, so the listeners are in place before the first test.
    const runner = mocha.run(() => resolve(finish()));
    const finish = collectResults(runner);
  });
}
