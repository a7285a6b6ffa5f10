#!/usr/bin/env node
// `npm test`: (a) unit and webview tests with Node's own runner, (b) the e2e stage in real VS Code
// (test/e2e/run.mjs, which installs what it needs), then ONE closing line `N passed, N failed` over both.
// Exits non-zero when anything failed or nothing ran. COMETAPI_SKIP_E2E=1 skips (b) for quick local runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEST_FOLDERS = ['test/unit', 'test/webview'];
const CLOSING_LINE = /^(\d+) passed, (\d+) failed$/;

const UNIT_TIMEOUT_MS = (Number(process.env.COMETAPI_UNIT_TIMEOUT_SECONDS) || 600) * 1000;
// run.mjs has its own watchdog (900 s after the install) and cleans up after it; this one only catches a
// wedged runner, and leaves room for a cold install of the e2e tools (a few minutes; CI always does one).
const E2E_TIMEOUT_MS = ((Number(process.env.COMETAPI_E2E_TIMEOUT_SECONDS) || 900) + 20 * 60) * 1000;

/** The child running now (its own process group), so Ctrl+C / SIGTERM reach all of it and it can clean up. */
let current;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (current && current.exitCode === null) signalGroup(current.pid, signal);
    else process.exit(130);
  });
}

async function main() {
  const stages = [];
  stages.push(await runNodeTests());
  if (process.env.COMETAPI_SKIP_E2E === '1') {
    console.log('\n[test] COMETAPI_SKIP_E2E=1: skipping the e2e stage (real VS Code); CI runs it');
  } else {
    stages.push(await runE2e());
  }
  const passed = stages.reduce((sum, stage) => sum + stage.passed, 0);
  const failed = stages.reduce((sum, stage) => sum + stage.failed, 0);
  console.log('');
  for (const stage of stages) console.log(`[test] ${stage.name}: ${stage.passed} passed, ${stage.failed} failed`);
  if (passed + failed === 0) console.log('[test] no test ran: that is a failure');
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/** (a) node --test over test/unit and test/webview; counts come from a TAP copy of the run in a temp file. */
async function runNodeTests() {
  const name = 'unit and webview tests';
  const files = TEST_FOLDERS.flatMap((folder) => findTestFiles(path.join(repoRoot, folder))).map((file) => path.relative(repoRoot, file));
  if (files.length === 0) {
    console.log(`[test] no *.test.ts files under ${TEST_FOLDERS.join(', ')}`);
    return { name, passed: 0, failed: 0 };
  }
  console.log(`[test] ${name}: ${files.length} files`);
  const tapDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-test-'));
  const tapFile = path.join(tapDir, 'results.tap');
  try {
    const args = [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ];
    const { code } = await run(name, process.execPath, args, UNIT_TIMEOUT_MS);
    const counts = tapCounts(readText(tapFile));
    // A crash before the summary (or a run that exits non-zero with every test passing) is still a failure.
    if (!counts) return { name, passed: 0, failed: 1 };
    return { name, passed: counts.passed, failed: counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0) };
  } finally {
    fs.rmSync(tapDir, { recursive: true, force: true });
  }
}

/** (b) the e2e runner; its own closing line carries the counts. */
async function runE2e() {
  const name = 'e2e (real VS Code)';
  console.log(`\n[test] ${name}`);
  const { code, lastClosingLine } = await run(name, process.execPath, [path.join(repoRoot, 'test', 'e2e', 'run.mjs')], E2E_TIMEOUT_MS);
  const match = lastClosingLine && CLOSING_LINE.exec(lastClosingLine);
  if (!match) return { name, passed: 0, failed: 1 };
  const passed = Number(match[1]);
  const failed = Number(match[2]);
  return { name, passed, failed: failed + (code !== 0 && failed === 0 ? 1 : 0) };
}

/**
 * Runs a child in its own process group with its output streamed through, remembering the last
 * `N passed, N failed` line. After `timeoutMs` the whole group is stopped and the stage fails.
 */
function run(label, command, args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n[test] ${label}: still running after ${timeoutMs / 1000} s; stopping it`);
      signalGroup(child.pid, 'SIGTERM');
      setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 10_000).unref();
    }, timeoutMs);
    let lastClosingLine;
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (CLOSING_LINE.test(line.trim())) lastClosingLine = line.trim();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      console.error(`[test] could not start ${command}: ${error.message}`);
      resolve({ code: 1, lastClosingLine });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (CLOSING_LINE.test(pending.trim())) lastClosingLine = pending.trim();
      current = undefined;
      resolve({ code: timedOut ? 1 : (code ?? (signal ? 1 : 0)), lastClosingLine });
    });
  });
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Node 20's --test takes no globs: walk the folder for *.test.ts. */
function findTestFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/** The TAP reporter ends with `# pass N` and `# fail N`. */
function tapCounts(tap) {
  const pass = /^# pass (\d+)$/m.exec(tap);
  const fail = /^# fail (\d+)$/m.exec(tap);
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : undefined;
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[test] FAILED: ${error.stack ?? error.message}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
