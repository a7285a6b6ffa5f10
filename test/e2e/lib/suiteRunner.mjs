// Runs the mocha suite inside code-server's extension host, as @vscode/test-electron does in desktop VS Code:
// the payload names the development extension and the tests module; the workbench calls
// window.codeAutomationExit(code) when run() settled; run() also wrote a JSON result file we read back.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { recordConsole, workbenchUrl } from './workbench.mjs';

/** Marks mocha's report lines among the workbench's console output (see suite/index.ts). */
const SUITE_LOG_PREFIX = '[e2e-suite] ';

/**
 * @returns {Promise<import('../resultCollector.ts').RunResult>} never rejects for test failures; a run that
 * did not finish or wrote no result comes back as a `fatal` result.
 */
export async function runSuiteInWorkbench({ install, server, runDir, workspace, extensionRoot, suiteEntry, extensionEnv, timeoutMs }) {
  const resultFile = path.join(runDir, 'suite-result.json');
  const { context, close } = await launchBrowser({ executablePath: install.chromium, profileDir: path.join(runDir, 'browser-suite') });
  const stopRecording = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    stopRecording.push(
      recordConsole(page, path.join(runDir, 'suite-console.log'), (line) => {
        if (line.startsWith(SUITE_LOG_PREFIX)) console.log(`  │ ${line.slice(SUITE_LOG_PREFIX.length)}`);
      }),
    );
    let exitWorkbench;
    const exited = new Promise((resolve) => (exitWorkbench = resolve));
    // Must exist before the workbench loads: it looks the function up when the tests end.
    await page.exposeFunction('codeAutomationExit', (code) => exitWorkbench(Number(code)));
    const url = workbenchUrl({
      origin: server.origin,
      workspace,
      extensionRoot,
      extensionTestsPath: suiteEntry,
      extensionEnv: { ...extensionEnv, RESULT_FILE: resultFile, SUITE_LOG_PREFIX },
    });
    await page.goto(url);
    const exitCode = await withTimeout(exited, timeoutMs, `the suite did not finish within ${timeoutMs / 1000} s`);
    const result = readResult(resultFile);
    if (!result)
      return { passed: 0, failed: 1, pending: 0, tests: [], fatal: `the suite ended with code ${exitCode} but wrote no result file (see suite-console.log)` };
    if (exitCode !== 0 && result.failed === 0) return { ...result, failed: 1, fatal: `the workbench reported exit code ${exitCode}` };
    return result;
  } catch (error) {
    return { passed: 0, failed: 1, pending: 0, tests: [], fatal: error.message };
  } finally {
    await Promise.all(stopRecording.map((stop) => stop()));
    await close();
  }
}

function readResult(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
