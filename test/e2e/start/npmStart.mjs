// The e2e stage's check of `npm start` (scripts/start.mjs), as a newcomer uses it: started in the background with
// --no-open, its printed URL opened in Chromium with a FRESH profile (no key typed anywhere), one question asked
// in the chat, then Ctrl+C (SIGINT to its process group, as a terminal sends it) and nothing it started left.
// Each step is one reported test; a step that could not run because an earlier one failed fails too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanNpmEnv } from '../install.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { importTs } from '../lib/importTs.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const SUITE = 'npm start';

/** @returns {Promise<import('../resultCollector.ts').RunResult>} */
export async function runNpmStartTests({ install, runDir, screenshotsDir }) {
  const { summarize } = await importTs(path.join(repoRoot, 'test', 'e2e', 'resultCollector.ts'));
  const { ask, waitForAnswerEnd, selectors } = await importTs(path.join(repoRoot, 'test', 'e2e', 'ui', 'chatView.ts'));
  const { showViewContainer } = await importTs(path.join(repoRoot, 'test', 'e2e', 'ui', 'workbench.ts'));
  const home = path.join(runDir, 'npm-start');
  const fakeBin = path.join(home, 'bin');
  const openedLog = path.join(home, 'xdg-open.log');
  fs.mkdirSync(fakeBin, { recursive: true });
  // A display and an xdg-open that records its calls: --no-open must not call it.
  fs.writeFileSync(path.join(fakeBin, 'xdg-open'), `#!/bin/sh\necho "$@" >> '${openedLog}'\n`, { mode: 0o755 });
  const env = {
    ...cleanNpmEnv(),
    PATH: `${fakeBin}${path.delimiter}${process.env.PATH}`,
    DISPLAY: ':99',
    // Its own lock: a person's `npm start` running beside the tests neither blocks nor is blocked.
    COMETAPI_START_LOCK_FILE: path.join(home, 'start.lock'),
  };

  const tests = [];
  const steps = [];
  const test = (title, body) => steps.push({ title, body });
  let start;
  let printed;
  let browser;

  test('npm start --no-open prints the URL and says the answers come from a local stand-in, not CometAPI', async () => {
    start = startInBackground(['start', '--', '--no-open'], env);
    printed = await start.waitFor(/^\[start\] started: code-server process group (\d+), folder (\S+), script pid (\d+)$/m, READY_TIMEOUT_MS);
    const url = /^ {4}(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(start.output())?.[1];
    if (!url) throw new Error(`no URL on its own line in:\n${start.output()}`);
    printed.url = url;
    expect(
      /LOCAL STAND-IN of CometAPI \(http:\/\/127\.0\.0\.1:\d+\/v1\), not from CometAPI/.test(start.output()),
      'it says answers come from a local stand-in',
    );
    expect(/npm start -- --real/.test(start.output()), 'it says how to switch to the real service');
    expect(!/payload=/.test(url), 'the URL loads no development extension or test payload');
    const extensions = fs.readdirSync(path.join(printed.match[2], 'extensions'));
    expect(
      extensions.some((name) => /^cometapi\.cometapi-chat-\d/.test(name)),
      `the extension is installed in code-server's extensions folder (found: ${extensions.join(', ')})`,
    );
  });

  test('a second npm start while one runs says where the first one is and exits, leaving it running', async () => {
    const second = startInBackground(['start', '--', '--no-open'], env);
    const code = await second.exited;
    expect(code === 1, `the second start exits with 1 (got ${code})`);
    expect(second.output().includes(`npm start is already running (pid ${printed.match[3]})`), `it names the running one:\n${second.output()}`);
    expect(second.output().includes(printed.url), "it repeats the running one's URL");
    expect(start.running(), 'the first one still runs');
  });

  test('the printed URL shows the chat answering a question, streamed, with no key typed in this browser', async () => {
    browser = await launchBrowser({ executablePath: install.chromium, profileDir: path.join(home, 'browser') });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(printed.url);
    await page.locator('.activitybar .action-item a[aria-label^="CometAPI"]').waitFor({ timeout: 60_000 });
    await showViewContainer(page, 'CometAPI');
    // The demo opens its README as a preview, a webview too: pick the chat's by its extension.
    const frame = page.frameLocator('iframe.webview.ready[src*="extensionId=cometapi.cometapi-chat"]').frameLocator('#active-frame');
    await frame.locator(selectors.prompt).waitFor({ timeout: 30_000 });
    const answer = await ask(frame, 'How do I fetch JSON with a timeout?');
    const partial = await sawPartialText(answer);
    expect(partial, 'the answer grew while it streamed (a shorter text was on screen before the end)');
    const status = await waitForAnswerEnd(answer);
    expect(status === 'complete' || status === 'done', `the answer finished normally (status ${status})`);
    const text = await answer.innerText();
    expect(/local stand-in/.test(text), 'the answer itself says a local stand-in wrote it');
    expect((await answer.locator('table').count()) === 1, 'the answer shows a table');
    expect((await answer.locator(selectors.codeBlock).count()) >= 2, 'the answer shows its code blocks');
    await page.screenshot({ path: path.join(screenshotsDir, 'npm-start-chat.png') });
    expect(!fs.existsSync(openedLog), `--no-open opened nothing (xdg-open was called with: ${readText(openedLog)})`);
  });

  test('Ctrl+C stops everything npm start started: no process of its run is left and its folder is gone', async () => {
    await browser?.close();
    const before = processesOfRun(printed.match[2]);
    expect(before.length >= 2, `code-server and its extension host are found by their run marker before stopping (found ${before.length})`);
    signalGroup(start.pid, 'SIGINT');
    // npm may end before the script it runs: wait for the whole group, not npm alone.
    expect(await groupEnds(start.pid, STOP_TIMEOUT_MS), `npm start and its script ended within ${STOP_TIMEOUT_MS / 1000} s of Ctrl+C`);
    expect(/\[start\] stopped$/m.test(start.output()), 'it says it stopped');
    const left = processesOfRun(printed.match[2]);
    expect(left.length === 0, `no process of the run is left (left: ${left.map((entry) => `${entry.pid} ${entry.cmd}`).join('; ')})`);
    expect(!groupAlive(Number(printed.match[1])), "code-server's process group is gone");
    expect(!groupAlive(start.pid), "npm start's own process group is gone");
    expect(!fs.existsSync(printed.match[2]), `its folder ${printed.match[2]} is deleted`);
    expect(!fs.existsSync(env.COMETAPI_START_LOCK_FILE), 'its lock is released');
  });

  let broken;
  for (const step of steps) {
    const started = Date.now();
    const record = { title: step.title, fullTitle: `${SUITE}: ${step.title}` };
    if (broken) {
      tests.push({ ...record, state: 'failed', error: { message: `not run: an earlier step failed (${broken})` } });
      continue;
    }
    try {
      await step.body();
      tests.push({ ...record, state: 'passed', durationMs: Date.now() - started });
      console.log(`  ✔ ${step.title}`);
    } catch (error) {
      broken = step.title;
      tests.push({ ...record, state: 'failed', durationMs: Date.now() - started, error: { message: error.message, stack: error.stack } });
      console.log(`  ✗ ${step.title}\n${start ? `--- npm start output ---\n${start.output().slice(-3000)}` : ''}`);
    }
  }
  // Whatever failed, nothing of this check outlives it.
  await browser?.close();
  if (start && groupAlive(start.pid)) {
    signalGroup(start.pid, 'SIGTERM');
    // Its cleanup stops code-server's own group and deletes its folder: let it finish before any SIGKILL.
    if (!(await groupEnds(start.pid, STOP_TIMEOUT_MS))) signalGroup(start.pid, 'SIGKILL');
  }
  return summarize(tests);
}

function expect(condition, what) {
  if (!condition) throw new Error(`expected: ${what}`);
}

/** `npm <args>` in its own process group, as a terminal runs it; its output is kept for the checks. */
function startInBackground(args, env) {
  const child = spawn('npm', args, { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exitCode;
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exitCode = code ?? signal))));
  return {
    pid: child.pid,
    exited,
    output: () => output,
    running: () => exitCode === undefined,
    waitFor: async (pattern, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(output);
        if (match) return { match };
        if (exitCode !== undefined) throw new Error(`npm start exited (${exitCode}) before printing ${pattern}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`npm start printed no ${pattern} within ${timeoutMs / 1000} s:\n${output}`);
        await delay(200);
      }
    },
  };
}

/** True once a shorter, non-empty text of the answer was seen before it finished streaming. */
async function sawPartialText(answer) {
  for (let tries = 0; tries < 100; tries += 1) {
    const status = await answer.getAttribute('data-status');
    if (status !== 'streaming') return false;
    const text = (await answer.innerText()).trim();
    if (text.length > 0 && !/local stand-in/.test(text)) return true;
    await delay(50);
  }
  return false;
}

/**
 * Processes started for the run, found by the marker npm start puts in code-server's environment: every
 * descendant inherits it, even one that left the process group.
 */
function processesOfRun(runFolder) {
  const marker = `COMETAPI_START_RUN=${runFolder}`;
  const found = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const environ = readText(`/proc/${name}/environ`);
    if (environ.split('\0').includes(marker)) {
      found.push({ pid: Number(name), cmd: readText(`/proc/${name}/cmdline`).split('\0').join(' ').slice(0, 120) });
    }
  }
  return found;
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

async function groupEnds(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pid)) {
    if (Date.now() > deadline) return false;
    await delay(100);
  }
  return true;
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
