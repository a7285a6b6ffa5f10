// Starts one code-server (VS Code's server + web workbench) for a run, as docs/e2e.md describes, and stops
// it by killing its whole process group, so no extension host outlives the run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { onCleanup } from './cleanup.mjs';
import { writeUserSettings } from './workspaceSetup.mjs';

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/**
 * @param {object} options
 * @param {{ node: string, codeServerEntry: string }} options.install paths from install.mjs
 * @param {string} options.runDir the run's temp folder; everything code-server writes goes under it
 * @param {string} options.workspace folder opened in the workbench
 * @param {Record<string, unknown>} options.userSettings the User/settings.json to start with
 * @param {boolean} [options.smokeTestDriver] false for a person's session (npm start): no test payloads
 * @param {Record<string, string>} [options.env] extra environment for code-server and its extension host
 * @param {string} [options.locale] VS Code's display language ("zh-cn"); see writeEmptyLanguagePack
 * @returns {Promise<{ origin: string, port: number, pid: number, exited: Promise<number | string>, userDataDir: string, userSettingsFile: string, logFile: string, stop: () => Promise<void> }>}
 */
export async function startCodeServer({ install, runDir, workspace, userSettings, smokeTestDriver = true, env = {}, locale }) {
  const dirs = codeServerDirs(runDir);
  if (locale) writeEmptyLanguagePack(dirs.userData, locale);
  const userSettingsFile = writeUserSettings(dirs.userData, userSettings);
  const logFile = path.join(runDir, 'code-server.log');

  const args = [
    install.codeServerEntry,
    // Without --config (and its own XDG folders) code-server writes a config with a password into $HOME.
    '--config',
    path.join(runDir, 'config.yaml'),
    // Port 0: the kernel picks a free port and code-server prints it, so parallel runs never collide.
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // An orphaned extension host would otherwise wait minutes for a window that never comes back.
    '--reconnection-grace-time',
    '10',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    // Without the smoke-test driver the workbench silently ignores the test payload.
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(locale ? ['--locale', locale] : []),
    workspace,
  ];
  const child = spawn(install.node, args, {
    cwd: runDir,
    // Its own process group, so stop() reaches the extension host and every other helper it forks.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...codeServerEnv(dirs), ...env },
  });
  const stop = onCleanup(`code-server (pid ${child.pid})`, () => stopProcessGroup(child));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const log = fs.createWriteStream(logFile);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.once('exit', () => log.end());

  const origin = await waitForListening(child);
  const port = Number(new URL(origin).port);
  return { origin, port, pid: child.pid, exited, userDataDir: dirs.userData, userSettingsFile, logFile, stop };
}

/**
 * code-server honours --locale only with a language pack for it, and none can be downloaded here; an empty one
 * is enough: vscode.env.language becomes `locale`, the extension's l10n bundles and package.nls.<locale>.json
 * apply, and the workbench's own strings stay English (they come from the empty pack).
 */
function writeEmptyLanguagePack(userDataDir, locale) {
  const translations = path.join(userDataDir, `empty-language-pack.${locale}.json`);
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const pack = {
    [locale]: {
      hash: `test-${locale}`,
      extensions: [{ extensionIdentifier: { id: 'test.language-pack' }, version: '1.0.0' }],
      translations: { vscode: translations },
      label: locale,
    },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(pack));
}

/** The folders code-server writes to, all under the run folder (created here). */
function codeServerDirs(runDir) {
  const dirs = {
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
    xdgConfig: path.join(runDir, 'xdg', 'config'),
    xdgData: path.join(runDir, 'xdg', 'data'),
    xdgCache: path.join(runDir, 'xdg', 'cache'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  return dirs;
}

function codeServerEnv(dirs) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    // No marketplace: nothing may be downloaded during a run.
    EXTENSIONS_GALLERY: '{}',
  };
}

/**
 * Installs a .vsix into the run's extensions folder the way a person's `code --install-extension` would, so
 * the extension later runs as an installed one (not as a development extension). Same config and folders
 * as startCodeServer, so nothing is written into $HOME.
 */
export async function installExtension({ install, runDir, vsix }) {
  const dirs = codeServerDirs(runDir);
  const args = [
    install.codeServerEntry,
    '--config',
    path.join(runDir, 'config.yaml'),
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--install-extension',
    vsix,
  ];
  const child = spawn(install.node, args, { cwd: runDir, stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv(dirs) });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal));
  });
  if (code !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (${code})\n${output.slice(-3000)}`);
  }
  return dirs.extensions;
}

/** Resolves with http://127.0.0.1:<port> once code-server says so; rejects if it exits or stays silent. */
function waitForListening(child) {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`code-server did not start listening within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) finish(() => resolve(match[1]));
    };
    const onExit = (code, signal) => fail(new Error(`code-server exited early (${code ?? signal})`));
    const finish = (settle) => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
      settle();
    };
    const fail = (error) => finish(() => reject(new Error(`${error.message}\n--- code-server output ---\n${output.slice(-4000)}`)));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
}

/** SIGTERM to the whole group, then SIGKILL to whatever is left after a grace period. */
export async function stopProcessGroup(child) {
  if (!groupAlive(child.pid)) return;
  signalGroup(child.pid, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (groupAlive(child.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (groupAlive(child.pid)) signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

/** True while any process of the group (not only its leader) still exists. */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
