// Entry of the e2e suite inside VS Code's extension host: the `extensionTestsPath` module of the
// @vscode/test-electron contract (`run()` resolves = pass, rejects = fail), used both by test/e2e/run.mjs
// (code-server) and test/e2e/runElectron.ts (desktop VS Code).
// The *.test.ts files beside this one are bundled one per file into out/test/e2e/suite/, and found here by
// name, so adding a test file needs no list to keep in sync.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { collectResults, summarize, type RunResult } from '../resultCollector';

export async function run(): Promise<void> {
  const result = await runMocha();
  writeResultFile(result);
  if (result.fatal) {
    throw new Error(result.fatal);
  }
  if (result.failed > 0) {
    throw new Error(`${result.failed} e2e suite test(s) failed`);
  }
  if (result.passed === 0) {
    throw new Error('no e2e suite test ran');
  }
}

async function runMocha(): Promise<RunResult> {
  markReporterOutput();
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    // The host's console is relayed into a browser console and then into the runner: no ANSI codes.
    color: false,
    // Activation, webviews and the mock server's slow scenarios take seconds, not milliseconds.
    timeout: 30_000,
    slow: 5_000,
  });
  try {
    const files = fs
      .readdirSync(__dirname)
      .filter((name) => name.endsWith('.test.js'))
      .sort();
    for (const name of files) {
      mocha.addFile(path.join(__dirname, name));
    }
    await mocha.loadFilesAsync();
  } catch (error) {
    console.error('e2e suite: could not load the test files:', error);
    return summarize([], `could not load the suite: ${errorText(error)}`);
  }
  return new Promise((resolve) => {
    // mocha starts running on a later tick, so the listeners are in place before the first test.
    const runner = mocha.run(() => resolve(finish()));
    const finish = collectResults(runner);
  });
}

/**
 * In code-server the host's console reaches the runner mixed with the workbench's own logs, in the same
 * format. When the runner asks for it (SUITE_LOG_PREFIX), mocha's report lines carry that prefix, so the
 * runner can show them and nothing else.
 */
function markReporterOutput(): void {
  const prefix = process.env.SUITE_LOG_PREFIX;
  if (!prefix) {
    return;
  }
  const print = console.log.bind(console);
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    for (const line of format(...args).split('\n')) {
      print(prefix + line);
    }
  };
}

/** The runner reads this instead of scraping the console; its path comes from the runner's environment. */
function writeResultFile(result: RunResult): void {
  const file = process.env.RESULT_FILE;
  if (!file) {
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
