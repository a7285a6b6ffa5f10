// The rules for attaching a whole file to a question (Add File to Chat): how big a file may be before it is not
// read at all, how its bytes become text or are refused as binary, and the CodeContext it is sent as. Pure: the
// host stats and reads the file (or takes an open editor's unsaved text), this decides what is sent.
import type { CodeContext } from '../../shared/conversation';
import { formatCount } from '../../shared/selectionText';
import { t } from '../../shared/l10n';
import { buildContext, looksBinary } from '../selection/selectionPrompt';
import { languageIdForFenceTag } from '../selection/languageIds';

/**
 * Files larger than this are refused before a byte is read. Far more than any cometapi.maxContextCharacters
 * keeps (the setting cuts what is sent), and small enough that reading the file to cut it costs nothing noticeable.
 */
export const MAX_ATTACHED_FILE_BYTES = 5 * 1024 * 1024;

/** How much of the start of a file is searched for NUL bytes: binary formats have them in their first bytes. */
const nulSampleBytes = 8 * 1024;

export type FileResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** "1.5 MB", "320 KB", "12 bytes": a size a person reads in a message. */
export function formatBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) {
    return t('{0} MB', (Math.round((bytes / mb) * 10) / 10).toString());
  }
  if (bytes >= 1024) {
    return t('{0} KB', formatCount(Math.round(bytes / 1024)));
  }
  return t('{0} bytes', formatCount(bytes));
}

/** The refusal for a file too large to read, or undefined when it may be read. */
export function sizeRefusal(path: string, bytes: number): string | undefined {
  if (bytes <= MAX_ATTACHED_FILE_BYTES) {
    return undefined;
  }
  return t(
    '{0} is {1}, more than the {2} a file may have to be attached, so it was not read. Open it and use Add Selection to Chat on the part you need.',
    path,
    formatBytes(bytes),
    formatBytes(MAX_ATTACHED_FILE_BYTES),
  );
}

function binaryRefusal(path: string): string {
  return t('{0} is a binary file (an image, an archive, compiled code…), so it was not attached. Only text files can be attached.', path);
}

/**
 * The text of a file's bytes: UTF-8 (a byte order mark dropped), or UTF-16 when it starts with that byte order
 * mark. Refused as binary when, like images and archives, it has NUL bytes near the start or decodes to mostly
 * control characters.
 */
export function decodeFileBytes(path: string, bytes: Uint8Array): FileResult<string> {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xff && b1 === 0xfe) {
    return textOrBinary(path, new TextDecoder('utf-16le').decode(bytes.subarray(2)));
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return textOrBinary(path, new TextDecoder('utf-16be').decode(bytes.subarray(2)));
  }
  if (bytes.subarray(0, nulSampleBytes).includes(0)) {
    return { ok: false, reason: binaryRefusal(path) };
  }
  const start = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? 3 : 0;
  return textOrBinary(path, new TextDecoder('utf-8').decode(bytes.subarray(start)));
}

function textOrBinary(path: string, text: string): FileResult<string> {
  return looksBinary(text) ? { ok: false, reason: binaryRefusal(path) } : { ok: true, value: text };
}

/** The language id to fence a file that is not open by: from its extension ("src/app.ts" -> typescript). */
export function languageIdForPath(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) {
    return name.toLowerCase() === 'dockerfile' ? 'dockerfile' : name.toLowerCase() === 'makefile' ? 'makefile' : 'plaintext';
  }
  return languageIdForFenceTag(name.slice(dot + 1));
}

/** Lines a person counts in `text`: a final line break does not start another line. */
export function countLines(text: string): number {
  if (text === '') {
    return 0;
  }
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  return /(\r\n|\r|\n)$/.test(text) ? breaks : breaks + 1;
}

export interface FileInput {
  /** Workspace-relative path (or the full path of a file outside the workspace), as the person knows it. */
  readonly path: string;
  readonly languageId: string;
  readonly uri: string;
  readonly text: string;
  /** cometapi.maxContextCharacters. */
  readonly maxChars: number;
}

/**
 * A whole file as the context a question carries: lines 1 to its last, marked `wholeFile`, cut at a line boundary
 * above `maxChars` with the cut recorded so the chip, the card and the prompt all show it. An empty file and a
 * binary one are refused with a sentence naming the file.
 */
export function fileContext(input: FileInput): FileResult<CodeContext> {
  const { path, languageId, uri, text, maxChars } = input;
  if (text.trim() === '') {
    return { ok: false, reason: t('{0} is empty, so there is nothing to attach.', path) };
  }
  if (looksBinary(text)) {
    return { ok: false, reason: binaryRefusal(path) };
  }
  const built = buildContext({ path, languageId, startLine: 1, endLine: Math.max(1, countLines(text)), text, uri, maxChars });
  if (!built.ok) {
    return { ok: false, reason: built.reason };
  }
  return { ok: true, value: { ...built.context, wholeFile: true } };
}

/** Reads an attached file again, by the context it was attached as; the host's reader. */
export type FileRereader = (attached: CodeContext & { readonly uri: string }) => Promise<FileResult<CodeContext>>;

export type RefreshResult =
  | { readonly ok: true; readonly contexts: readonly CodeContext[] }
  /** Nothing may be sent: `reasons` say which files failed; `kept` is every other context, to go back into the input. */
  | { readonly ok: false; readonly reasons: readonly string[]; readonly kept: readonly CodeContext[] };

/**
 * The contexts of a question about to be sent, with every attached whole file read again, so the model gets the
 * file as it is now (an edit made after attaching counts). Selections are sent as they were taken. A file that
 * can no longer be read (deleted, moved, grown too large, turned binary) stops the send: the question would
 * otherwise go without the file it was about.
 */
export async function refreshAttachedFiles(contexts: readonly CodeContext[], reread: FileRereader): Promise<RefreshResult> {
  const fresh: CodeContext[] = [];
  const kept: CodeContext[] = [];
  const reasons: string[] = [];
  for (const context of contexts) {
    if (!context.wholeFile || context.uri === undefined) {
      fresh.push(context);
      kept.push(context);
      continue;
    }
    const read = await reread({ ...context, uri: context.uri });
    if (read.ok) {
      fresh.push(read.value);
      kept.push(read.value);
    } else {
      reasons.push(read.reason);
    }
  }
  return reasons.length === 0 ? { ok: true, contexts: fresh } : { ok: false, reasons, kept };
}
