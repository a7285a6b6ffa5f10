// What the runner hands to the Playwright UI tests: the page showing the workbench, the mock server, where
// screenshots go. Kept on globalThis under a registered symbol so the runner and the tests share one
// object even if the loader gives them different copies of this module.
import type { Page } from 'playwright-core';
import type { MockCometServer } from '../../support/mockCometServer';

export interface UiSession {
  readonly page: Page;
  readonly mock: MockCometServer;
  /** The server the workspace's `.vscode/settings.json` points `cometapi.baseUrl` at: it must hear nothing. */
  readonly decoy: MockCometServer;
  /** code-server's user-data folder (User/settings.json holds the person's settings). */
  readonly userDataDir: string;
  /** The valid key the mock accepts. */
  readonly apiKey: string;
  readonly screenshotsDir: string;
}

const sessionKey = Symbol.for('cometapi.e2e.uiSession');
type WithSession = typeof globalThis & { [sessionKey]?: UiSession };

export function setUiSession(session: UiSession | undefined): void {
  (globalThis as WithSession)[sessionKey] = session;
}

export function uiSession(): UiSession {
  const session = (globalThis as WithSession)[sessionKey];
  if (!session) {
    throw new Error('UI tests run only under test/e2e/run.mjs, which opens the workbench first');
  }
  return session;
}
