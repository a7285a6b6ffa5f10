// Maps the tag of a fenced code block in an answer (```ts, ```py, ```sh ...) to the VS Code language id that
// "New File" opens the block in, and names languages in instructions. Models write short aliases far more often
// than VS Code's ids, so the aliases are what this file is mostly about.

/** Common fence aliases whose VS Code id differs from the alias. */
const aliasToLanguageId: Readonly<Record<string, string>> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  jsx: 'javascriptreact',
  py: 'python',
  python3: 'python',
  py3: 'python',
  ipython: 'python',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  ps: 'powershell',
  ps1: 'powershell',
  pwsh: 'powershell',
  rb: 'ruby',
  rs: 'rust',
  golang: 'go',
  kt: 'kotlin',
  kts: 'kotlin',
  cs: 'csharp',
  'c#': 'csharp',
  fs: 'fsharp',
  'f#': 'fsharp',
  'c++': 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  h: 'c',
  objc: 'objective-c',
  objectivec: 'objective-c',
  yml: 'yaml',
  md: 'markdown',
  htm: 'html',
  xhtml: 'html',
  svg: 'xml',
  plist: 'xml',
  docker: 'dockerfile',
  containerfile: 'dockerfile',
  make: 'makefile',
  mk: 'makefile',
  patch: 'diff',
  text: 'plaintext',
  txt: 'plaintext',
  plain: 'plaintext',
  cmd: 'bat',
  batch: 'bat',
  pl: 'perl',
  pm: 'perl',
  hs: 'haskell',
  ex: 'elixir',
  exs: 'elixir',
  erl: 'erlang',
  clj: 'clojure',
  tex: 'latex',
  gql: 'graphql',
  proto: 'proto3',
  protobuf: 'proto3',
  tf: 'terraform',
  hcl: 'terraform',
  vbnet: 'vb',
  jl: 'julia',
  sass: 'scss',
  json5: 'jsonc',
};

/** Language ids VS Code knows without extensions; used when the host does not pass its own list. */
const builtInLanguageIds: ReadonlySet<string> = new Set([
  'bat',
  'bibtex',
  'c',
  'clojure',
  'coffeescript',
  'cpp',
  'csharp',
  'css',
  'cuda-cpp',
  'dart',
  'diff',
  'dockerfile',
  'fsharp',
  'git-commit',
  'git-rebase',
  'go',
  'groovy',
  'handlebars',
  'hlsl',
  'html',
  'ignore',
  'ini',
  'jade',
  'java',
  'javascript',
  'javascriptreact',
  'json',
  'jsonc',
  'jsonl',
  'julia',
  'latex',
  'less',
  'lua',
  'makefile',
  'markdown',
  'objective-c',
  'objective-cpp',
  'perl',
  'php',
  'plaintext',
  'powershell',
  'python',
  'r',
  'razor',
  'restructuredtext',
  'ruby',
  'rust',
  'scss',
  'search-result',
  'shaderlab',
  'shellscript',
  'sql',
  'swift',
  'tex',
  'typescript',
  'typescriptreact',
  'vb',
  'xml',
  'xsl',
  'yaml',
]);

/** Names for instructions ("Explain this TypeScript code"); ids not listed are shown as they are. */
const displayNames: Readonly<Record<string, string>> = {
  typescript: 'TypeScript',
  typescriptreact: 'TypeScript React',
  javascript: 'JavaScript',
  javascriptreact: 'JavaScript React',
  python: 'Python',
  shellscript: 'shell',
  powershell: 'PowerShell',
  csharp: 'C#',
  fsharp: 'F#',
  cpp: 'C++',
  c: 'C',
  'objective-c': 'Objective-C',
  java: 'Java',
  go: 'Go',
  rust: 'Rust',
  ruby: 'Ruby',
  php: 'PHP',
  kotlin: 'Kotlin',
  swift: 'Swift',
  html: 'HTML',
  css: 'CSS',
  scss: 'SCSS',
  sql: 'SQL',
  json: 'JSON',
  jsonc: 'JSON',
  yaml: 'YAML',
  xml: 'XML',
  markdown: 'Markdown',
  dockerfile: 'Dockerfile',
  makefile: 'Makefile',
};

/**
 * The language id for a fence's info string: its first word, without pandoc's `{.lang}` braces, a
 * `language-` prefix or a `:path` suffix some models add (```ts:src/app.ts). Unknown tags give 'plaintext'.
 * `knownIds` is VS Code's live list (vscode.languages.getLanguages()), so installed language extensions count;
 * without it the built-in ids are used.
 */
export function languageIdForFenceTag(infoString: string, knownIds: ReadonlySet<string> = builtInLanguageIds): string {
  const firstWord = infoString.trim().split(/\s+/)[0] ?? '';
  const tag = firstWord
    .replace(/^\{?\.?/, '')
    .replace(/\}$/, '')
    .replace(/^language-/i, '')
    .split(':')[0]
    .toLowerCase();
  if (tag === '') {
    return 'plaintext';
  }
  const candidate = aliasToLanguageId[tag] ?? tag;
  return knownIds.has(candidate) ? candidate : 'plaintext';
}

/** A readable name for a language id, for instructions sent to the model. */
export function languageDisplayName(languageId: string): string {
  return displayNames[languageId] ?? languageId;
}
