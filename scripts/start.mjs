#!/usr/bin/env node
// `npm start`: the extension in real VS Code (code-server, in your browser) against a local stand-in of CometAPI,
// so it can be tried before having a key. Builds the .vsix and installs it as a normal extension, starts the
// mock CometAPI (demo answers) and code-server on free ports of 127.0.0.1 with a copy of a demo workspace,
// prints the URL and opens it. Ctrl+C (or SIGTERM) stops everything it started and deletes its folder.
//
//   npm start                      demo against the local stand-in
//   npm start -- --real            the real CometAPI; set your own key with "CometAPI: Set API Key"
//   npm start -- --no-open         print the URL only (also `npm start --no-open`)
//
// The first run installs code-server and Chromium exactly as the e2e tests do (same cache, see README.md).
// COMETAPI_START_LOCK_FILE moves the one-at-a-time lock (the tests use their own).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { e2ePaths, ensureE2eInstalled } from '../test/e2e/install.mjs';
import { cleanupAll, handleSignals, onCleanup } from '../test/e2e/lib/cleanup.mjs';
import { installExtension, startCodeServer } from '../test/e2e/lib/codeServer.mjs';
import { importTs } from '../test/e2e/lib/importTs.mjs';
import { quietUserSettings } from '../test/e2e/lib/workspaceSetup.mjs';
import { openInBrowser } from './lib/openBrowser.mjs';
import { packageVsix } from './lib/packageExtension.mjs';
import { acquireStartLock } from './lib/startLock.mjs';

const scriptsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(scriptsDir, '..');
const REAL_BASE_URL = 'https://api.cometapi.com/v1';
/** Slow enough to watch the answer stream in, quick enough not to bore: about three seconds an answer. */
const DEMO_CHUNK_DELAY_MS = 10;

const say = (line = '') => console.log(line === '' ? '' : `[start] ${line}`);

function parseOptions(argv, env) {
  const known = new Set(['--real', '--no-open', '--help', '-h']);
  const unknown = argv.filter((arg) => !known.has(arg));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')} (try --help)`);
  return {
    // `npm start --no-open` / `--real` reach us as npm config, not as arguments.
    real: argv.includes('--real') || env.npm_config_real === 'true',
    open: !(argv.includes('--no-open') || env.npm_config_open === '' || env.npm_config_open === 'false'),
    help: argv.includes('--help') || argv.includes('-h'),
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(
      fs
        .readFileSync(fileURLToPath(import.meta.url), 'utf8')
        .split('\n')
        .slice(1, 12)
        .map((line) => line.replace(/^\/\/ ?/, ''))
        .join('\n'),
    );
    return 0;
  }
  const started = Date.now();
  const lockFile = process.env.COMETAPI_START_LOCK_FILE || path.join(e2ePaths().cacheDir, 'start.lock');
  const lock = acquireStartLock(lockFile);
  if (!lock.ok) {
    const where = lock.holder.url ? ` at\n\n    ${lock.holder.url}\n` : ' (still starting)';
    console.error(
      `[start] npm start is already running (pid ${lock.holder.pid})${where}\n[start] Open that URL, or stop it with Ctrl+C in its terminal first.`,
    );
    return 1;
  }
  onCleanup('start lock', () => lock.release());
  handleSignals((signal, code) => stop(`${signal} received`, code));

  // Only this script decides whether the editor gets a demo key: never one inherited from the shell.
  delete process.env.COMETAPI_DEMO_KEY;
  delete process.env.COMETAPI_DEMO_BASE_URL;

  const install = await ensureE2eInstalled();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-start-'));
  onCleanup(`folder ${runDir}`, () => fs.rmSync(runDir, { recursive: true, force: true }));

  say('building the extension (vsce package)');
  const vsix = await packageVsix(repoRoot, runDir);
  await installExtension({ install, runDir, vsix });
  const workspace = path.join(runDir, 'demo-workspace');
  fs.cpSync(path.join(scriptsDir, 'demo-workspace'), workspace, { recursive: true });

  let mock;
  const editorEnv = { COMETAPI_START_RUN: runDir };
  if (!options.real) {
    await import('tsx');
    const { startMockCometServer } = await importTs(path.join(repoRoot, 'test', 'support', 'mockCometServer.ts'));
    const demoKey = `sk-demo-${randomBytes(12).toString('hex')}`;
    mock = await startMockCometServer({ apiKey: demoKey, demoAnswers: true, chunkDelayMs: DEMO_CHUNK_DELAY_MS });
    onCleanup('local CometAPI stand-in', () => mock.close());
    // Read by the extension (src/core/security/demoKey.ts): the key goes to this loopback origin only, and is never stored.
    Object.assign(editorEnv, { COMETAPI_DEMO_KEY: demoKey, COMETAPI_DEMO_BASE_URL: mock.url });
  }
  const userSettings = { ...quietUserSettings(mock ? mock.url : REAL_BASE_URL), 'workbench.startupEditor': 'readme' };
  if (!mock) {
    // The real service's own defaults: the API and its quota API (query.cometapi.com), not the stand-in's.
    delete userSettings['cometapi.baseUrl'];
    delete userSettings['cometapi.balanceUrl'];
  }
  const server = await startCodeServer({ install, runDir, workspace, userSettings, smokeTestDriver: false, env: editorEnv });
  const url = `${server.origin}/?${new URLSearchParams({ folder: workspace })}`;
  lock.update({ url });
  watchForExit(server);

  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Open CometAPI Chat in VS Code (code-server) at:`);
  say();
  console.log(`    ${url}`);
  say();
  if (mock) {
    say(`Answers come from a LOCAL STAND-IN of CometAPI (${mock.url}), not from CometAPI: no key, no cost.`);
    say('Try the CometAPI view in the activity bar, or select code and press Ctrl+Alt+E. Type scenario:slow,');
    say('scenario:status-429 or scenario:drop in a question to see a slow answer, a rate limit, a dropped stream.');
    say('For the real service: npm start -- --real, then "CometAPI: Set API Key" with your own key.');
  } else {
    say(`Talking to the REAL CometAPI (${REAL_BASE_URL}). Run "CometAPI: Set API Key" (F1) with your own key;`);
    say('it stays in this browser profile for this address only.');
  }
  say(`Stop with Ctrl+C (stops code-server${mock ? ', the stand-in' : ''} and deletes ${runDir}).`);
  say(`started: code-server process group ${server.pid}, folder ${runDir}, script pid ${process.pid}`);
  if (options.open && !openInBrowser(url)) say('(no browser found to open: open the URL above yourself)');
  // Runs until a signal (or code-server ending) calls stop().
  return new Promise(() => {});
}

/** code-server dying on its own leaves nothing to show: stop the rest and say so. */
function watchForExit(server) {
  server.exited.then((how) => stop(`code-server stopped by itself (${how})`, 1));
}

let stopping = false;
function stop(reason, exitCode) {
  if (stopping) return;
  stopping = true;
  say(`${reason}: stopping everything npm start started`);
  cleanupAll().finally(() => {
    say('stopped');
    process.exit(exitCode);
  });
}

main().then(
  (code) => {
    if (!stopping) cleanupAll().finally(() => process.exit(code));
  },
  (error) => {
    console.error(`[start] FAILED: ${error.stack ?? error.message}`);
    if (!stopping) cleanupAll().finally(() => process.exit(1));
  },
);
