// Reading one conversation file safely: every outcome a file on disk can have is named, so the store can
// decide what the person is told. Nothing here deletes or rewrites a file; a damaged one is only renamed.
import { rename, stat } from 'node:fs/promises';
import type { Conversation } from '../../shared/conversation';
import { codeOf, readJsonFile, type JsonReadResult } from './atomicFile';
import { parseConversationFile } from './conversationFile';

export type ConversationFileRead =
  /** `log` names the change log that continues this snapshot (conversationLog.ts); absent in files of older versions. */
  | { readonly kind: 'ok'; readonly conversation: Conversation; readonly log: string | undefined; readonly fingerprint: string | undefined }
  | { readonly kind: 'missing' }
  /** An I/O failure (permissions, a locked file): the file may be fine, so it is left alone. */
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'newer'; readonly version: number }
  /** Not JSON, or not the shape of a conversation; `reason` is a short plain explanation. */
  | { readonly kind: 'damaged'; readonly reason: string };

/** Reads and checks the file of conversation `id`. A file replaced by another window mid-read is read again. */
export async function readConversationFile(path: string, id: string): Promise<ConversationFileRead> {
  for (let attempt = 1; ; attempt++) {
    const before = await fileFingerprint(path);
    let read: JsonReadResult;
    try {
      read = await readJsonFile(path);
    } catch (error) {
      return { kind: 'unreadable', message: error instanceof Error ? error.message : String(error) };
    }
    if (read.kind === 'missing') {
      return read;
    }
    const parsed = read.kind === 'ok' ? parseConversationFile(withoutLogName(read.value), id) : { kind: 'invalid' as const, reason: read.reason };
    if (parsed.kind === 'ok') {
      return { ...parsed, log: logNameOf(read.kind === 'ok' ? read.value : undefined), fingerprint: before };
    }
    if (parsed.kind === 'newer') {
      return parsed;
    }
    // Judge a file damaged only if it is still the file that was read, not a fresh one from another window.
    if (attempt >= 2 || (await fileFingerprint(path)) === before) {
      return { kind: 'damaged', reason: parsed.reason };
    }
  }
}

/** The snapshot's own fields, for the conversation checks; the log name is this module's business. */
function withoutLogName(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  const { log: _log, ...rest } = value as Record<string, unknown>;
  return rest;
}

const LOG_NAME = /^[0-9a-f]{12}$/u;

function logNameOf(value: unknown): string | undefined {
  const log = (value as { log?: unknown } | undefined)?.log;
  return typeof log === 'string' && LOG_NAME.test(log) ? log : undefined;
}

/** Changes whenever the file is replaced (a new inode and mtime on every atomic write); undefined if absent. */
export async function fileFingerprint(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info ? `${info.ino}:${info.mtimeMs}:${info.size}` : undefined;
}

export type MoveAsideResult =
  | { readonly kind: 'moved'; readonly movedTo: string }
  /** Already gone: another window moved it aside first (and told its person). */
  | { readonly kind: 'gone' }
  | { readonly kind: 'failed'; readonly message: string };

/** Renames a damaged `<name>.json` to `<name>.corrupt-<time>.json` beside it, keeping every byte. */
export async function moveAside(path: string, now: number): Promise<MoveAsideResult> {
  const stamp = new Date(now).toISOString().replace(/[:.]/gu, '-'); // no ':' so Windows accepts the name
  const movedTo = `${path.replace(/\.json$/u, '')}.corrupt-${stamp}.json`;
  try {
    await rename(path, movedTo);
    return { kind: 'moved', movedTo };
  } catch (error) {
    if (codeOf(error) === 'ENOENT') {
      return { kind: 'gone' };
    }
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
