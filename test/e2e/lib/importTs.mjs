// Loads a TypeScript module of this repo from the runner (plain ESM) through tsx, which the caller has
// registered. The repo is a CommonJS package, so tsx compiles .ts files to CommonJS and Node's import()
// may expose their exports only on `default`: flatten that, so callers can destructure named exports.
import { pathToFileURL } from 'node:url';

export async function importTs(file) {
  const namespace = await import(pathToFileURL(file).href);
  return { ...(namespace.default ?? {}), ...namespace };
}
