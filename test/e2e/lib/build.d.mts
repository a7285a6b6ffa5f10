// Types for build.mjs, so runElectron.ts can share it with the plain-JS runner.
export function buildExtension(repoRoot: string): Promise<void>;
/** Resolves with the path of the built out/test/e2e/suite/index.js. */
export function buildSuite(repoRoot: string): Promise<string>;
