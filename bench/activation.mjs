// Activation time is only meaningful inside real VS Code: run the e2e host suite (code-server, installed by
// the e2e runner on first use) and read the line its activation test prints.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export async function measureActivation(root) {
  const run = spawnSync(process.execPath, [join(root, 'test', 'e2e', 'run.mjs')], {
    cwd: root,
    env: { ...process.env, COMETAPI_E2E_ONLY: 'suite' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  // The extension host's console reaches the page console, which the runner saves as a log artifact.
  const consoleLog = join(root, 'test', 'e2e', '.artifacts', 'logs', 'suite-console.log');
  const text = `${run.stdout}\n${existsSync(consoleLog) ? readFileSync(consoleLog, 'utf8') : ''}`;
  const match = /\[activation\] cometapi-chat activated in ([\d.]+) ms/.exec(text);
  return match ? `${match[1]} ms` : `not measured (the e2e suite did not report it; exit ${run.status})`;
}
