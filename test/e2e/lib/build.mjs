// Builds what a run loads: the extension (the repo's own esbuild.js, as `npm run build` does) and the
// mocha suite for the extension host, one bundle per file under out/test/e2e/suite/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

/** Runs `node esbuild.js` at the repo root; rejects with its output when it fails. */
export function buildExtension(repoRoot) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const bundles = ['dist/extension.js', 'dist/webview.js', 'dist/compare.js'].filter((file) => !fs.existsSync(path.join(repoRoot, file)));
      if (code === 0 && bundles.length === 0) resolve();
      else reject(new Error(`node esbuild.js failed (exit ${code}${bundles.length ? `, missing ${bundles.join(', ')}` : ''})\n${output}`));
    });
  });
}

/**
 * Bundles test/e2e/suite/index.ts and every *.test.ts beside it. index.js finds the tests by name at run
 * time. `vscode` stays external (the extension host provides it); mocha is bundled in, so the host needs
 * nothing from node_modules and does not depend on its Node being able to require() ES modules.
 * @returns {Promise<string>} the path of the built index.js
 */
export async function buildSuite(repoRoot) {
  const suiteDir = path.join(repoRoot, 'test', 'e2e', 'suite');
  const outDir = path.join(repoRoot, 'out', 'test', 'e2e', 'suite');
  const entryPoints = fs
    .readdirSync(suiteDir)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => path.join(suiteDir, name));
  // A test file deleted from the source tree must not keep running from a stale bundle.
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'silent',
    // Mocha's parallel mode (worker files found with require.resolve) is never used in the extension host.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  for (const warning of result.warnings) {
    const where = warning.location ? `${warning.location.file}:${warning.location.line}: ` : '';
    console.warn(`[e2e] esbuild warning: ${where}${warning.text}`);
  }
  return path.join(outDir, 'index.js');
}
