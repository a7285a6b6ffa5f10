// Finds the extension under test and the facts of its manifest the suite checks against, so tests compare
// the running VS Code with package.json instead of with a copy of it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pollUntil } from '../poll';

export const EXTENSION_ID = 'cometapi.cometapi-chat';

interface ContributedCommand {
  readonly command: string;
  readonly title: string;
}

/** The extension, activated; fails the calling test when it is missing or its activation throws. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
  await extension.activate();
  return extension;
}

export function contributedCommands(extension: vscode.Extension<unknown>): readonly ContributedCommand[] {
  const manifest = extension.packageJSON as { contributes?: { commands?: ContributedCommand[] } };
  return manifest.contributes?.commands ?? [];
}

/** Polls until `probe` returns a value other than undefined, or fails with `what` after `timeoutMs`. */
export function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  return pollUntil(what, probe, timeoutMs);
}

/** The extension's global storage folder: code-server runs with --user-data-dir <run folder>/user-data, and the result file is in the run folder too. */
export function globalStorageFolder(): string {
  const resultFile = process.env.RESULT_FILE;
  assert.ok(resultFile, 'the e2e runner names its run folder through RESULT_FILE');
  return path.join(path.dirname(resultFile), 'user-data', 'User', 'globalStorage', EXTENSION_ID);
}
