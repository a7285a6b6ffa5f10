// Opening code-server's workbench the way @vscode/test-electron opens desktop VS Code: a development
// extension, optionally a tests module, and an environment for the extension host, all in the URL payload.
import fs from 'node:fs';
import util from 'node:util';

/**
 * @param {object} options
 * @param {string} options.origin http://127.0.0.1:<port> the page is loaded from
 * @param {string} options.workspace folder to open
 * @param {string} options.extensionRoot folder holding the extension's package.json
 * @param {string} [options.extensionTestsPath] module exporting run(); omitted for UI tests
 * @param {Record<string, string>} options.extensionEnv environment variables for the extension host
 */
export function workbenchUrl({ origin, workspace, extensionRoot, extensionTestsPath, extensionEnv }) {
  // The workbench only launches tests from a vscode-remote URI whose authority is the page's own host:port;
  // plain paths and file:// URIs fail with "No extension host found that can launch the test runner".
  const remote = (absolutePath) => `vscode-remote://${new URL(origin).host}${encodeURI(absolutePath)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionRoot)],
    ...(extensionTestsPath ? [['extensionTestsPath', remote(extensionTestsPath)]] : []),
    ['extensionEnvironment', JSON.stringify(extensionEnv)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const query = new URLSearchParams({ folder: workspace, payload: JSON.stringify(payload) });
  return `${origin}/?${query.toString()}`;
}

/**
 * Copies the page's console into a log file. The extension host's console (and much of the workbench's
 * own logging) arrives as ('%c LEVEL', 'color: …', format, ...args); those lines are rebuilt with
 * util.format and also handed to `onHostLine`, so mocha's output inside the host can be shown as it happens.
 */
export function recordConsole(page, logFile, onHostLine = () => {}) {
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  page.on('console', async (message) => {
    const values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '<unserialisable>')));
    const [first, second, ...rest] = values;
    const styled = typeof first === 'string' && first.startsWith('%c') && typeof second === 'string' && second.startsWith('color');
    const line = styled ? util.format(...rest) : values.map((value) => (typeof value === 'string' ? value : util.inspect(value))).join(' ');
    log.write(`[${message.type()}] ${line}\n`);
    if (styled) onHostLine(line);
  });
  page.on('pageerror', (error) => log.write(`[pageerror] ${error.stack ?? error.message}\n`));
  return () => new Promise((resolve) => log.end(resolve));
}
