// Builds the extension the way it ships (`vsce package`, which runs the production build first), so `npm start`
// installs the same .vsix a person would.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** @returns {Promise<string>} the .vsix path */
export async function packageVsix(repoRoot, outDir) {
  const vsce = path.join(path.dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
  const out = path.join(outDir, 'cometapi-chat.vsix');
  const child = spawn(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal));
  });
  if (code !== 0 || !fs.existsSync(out)) throw new Error(`vsce package failed (${code})\n${output.slice(-4000)}`);
  return out;
}
