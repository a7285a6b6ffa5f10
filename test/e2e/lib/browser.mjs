// Debian's headless Chromium driven by playwright-core, each session with a fresh profile under the run
// folder. A fresh profile matters: code-server keeps SecretStorage in the browser profile, so a new one
// starts with no API key.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { onCleanup } from './cleanup.mjs';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * @param {object} options
 * @param {string} options.executablePath from install.mjs
 * @param {string} options.profileDir a folder that does not exist yet, inside the run folder
 * @param {'dark' | 'light'} [options.colorScheme]
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, close: () => Promise<void> }>}
 */
export async function launchBrowser({ executablePath, profileDir, colorScheme = 'dark' }) {
  fs.mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(path.join(profileDir, 'profile'), {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    colorScheme,
    // Our own signal handling closes everything in order (code-server too); Playwright's would exit first.
    // Its exit hook still kills the browser if this process dies anyway.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Chromium writes crash reports and caches under XDG folders: keep them in the run folder too.
    env: {
      ...process.env,
      HOME: profileDir,
      XDG_CONFIG_HOME: path.join(profileDir, 'xdg-config'),
      XDG_CACHE_HOME: path.join(profileDir, 'xdg-cache'),
      XDG_DATA_HOME: path.join(profileDir, 'xdg-data'),
    },
  });
  const close = onCleanup(`chromium (${profileDir})`, () => closeWithin(context, 10_000));
  return { context, close };
}

/** A wedged browser must not hang the run; Playwright's exit hook kills it when the runner exits. */
async function closeWithin(context, timeoutMs) {
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([context.close().catch(() => {}), timedOut]);
  clearTimeout(timer);
}
