// The rows of the file picker that `#` in the chat input opens: which workspace files it lists, in what order,
// and how each is labelled. Pure: the host finds the files and reads the exclude settings, this decides.
export interface WorkspaceFile {
  readonly uri: string;
  /** The workspace folder's name; shown only when several folders are open. */
  readonly folder: string;
  /** The path inside that folder, with `/` separators. */
  readonly relativePath: string;
}

export interface FilePickRow {
  readonly uri: string;
  /** The file name: what the person types first and what the picker matches best. */
  readonly label: string;
  /** The folder the file is in (with the workspace folder's name in a multi-root workspace). */
  readonly description: string;
}

/**
 * The most files the picker lists. A monorepo's hundred thousand files would make the list slow to build and
 * send for no gain: past a few thousand the person types part of the name anyway.
 */
export const MAX_PICKER_FILES = 5000;

/** How many patterns one brace in an exclude setting may expand to before it is left as written. */
const MAX_BRACE_EXPANSION = 64;

export interface FileListOptions {
  /** Files to list first, in this order (the active editor's, then the other open ones), when they were found. */
  readonly preferred: readonly string[];
  readonly multiRoot: boolean;
  readonly max?: number;
}

/** The picker's rows: preferred files first, then the rest by path; `capped` when files were left out. */
export function filePickRows(files: readonly WorkspaceFile[], options: FileListOptions): { rows: FilePickRow[]; capped: boolean } {
  const max = options.max ?? MAX_PICKER_FILES;
  const byUri = new Map<string, WorkspaceFile>();
  for (const file of files) {
    byUri.set(file.uri, file);
  }
  const first = [...new Set(options.preferred)].flatMap((uri) => byUri.get(uri) ?? []);
  const firstUris = new Set(first.map((file) => file.uri));
  const rest = [...byUri.values()].filter((file) => !firstUris.has(file.uri)).sort(byPath);
  const ordered = [...first, ...rest];
  return { rows: ordered.slice(0, max).map((file) => row(file, options.multiRoot)), capped: ordered.length > max };
}

function byPath(a: WorkspaceFile, b: WorkspaceFile): number {
  return compareText(a.folder, b.folder) || compareText(a.relativePath, b.relativePath);
}

/** Case-insensitive first, so `README.md` sits among the r's; then exact, so the order never depends on luck. */
function compareText(a: string, b: string): number {
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  if (lowerA !== lowerB) {
    return lowerA < lowerB ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function row(file: WorkspaceFile, multiRoot: boolean): FilePickRow {
  const slash = file.relativePath.lastIndexOf('/');
  const label = file.relativePath.slice(slash + 1);
  const folder = slash < 0 ? '' : file.relativePath.slice(0, slash);
  const description = multiRoot ? (folder ? `${file.folder} • ${folder}` : file.folder) : folder;
  return { uri: file.uri, label, description };
}

/**
 * One exclude glob for `workspace.findFiles` from `files.exclude` and `search.exclude`: a glob given to findFiles
 * replaces VS Code's default excludes, so both settings are merged here. Only patterns set to `true` count; a
 * pattern with a `when` condition (exclude a.js when a.ts exists) cannot be written as a glob and is left out,
 * so such files are listed. Braces inside a pattern are expanded because the joined glob is itself a brace list;
 * a pattern that cannot be expanded (nested braces) is left out too.
 */
export function excludeGlob(settings: readonly (Readonly<Record<string, unknown>> | undefined)[]): string | undefined {
  const patterns = new Set<string>();
  for (const setting of settings) {
    for (const [pattern, enabled] of Object.entries(setting ?? {})) {
      if (enabled === true && pattern.trim() !== '') {
        // What is still braced or has a comma would break the joined list: that pattern is left out.
        expandBraces(pattern)
          .filter((expanded) => !/[{},]/.test(expanded))
          .forEach((expanded) => patterns.add(expanded));
      }
    }
  }
  if (patterns.size === 0) {
    return undefined;
  }
  const all = [...patterns];
  return all.length === 1 ? all[0] : `{${all.join(',')}}`;
}

/** `**\/*.{js,map}` -> `**\/*.js`, `**\/*.map`; a nested or unclosed brace is left as written. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  const close = pattern.indexOf('}', open + 1);
  if (open < 0 || close < 0) {
    return [pattern];
  }
  const inner = pattern.slice(open + 1, close);
  if (inner.includes('{')) {
    return [pattern];
  }
  const head = pattern.slice(0, open);
  const tails = expandBraces(pattern.slice(close + 1));
  const expanded = inner.split(',').flatMap((choice) => tails.map((tail) => `${head}${choice}${tail}`));
  return expanded.length > MAX_BRACE_EXPANSION ? [pattern] : expanded;
}
