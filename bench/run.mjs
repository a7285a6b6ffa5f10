// Markdown streaming benchmark (issue 7): the real webview markdown engine against the naive way, side by side
// in one run of headless Chromium; then the cost of a save while streaming (bench/saveCost.mjs).
// Usage: node bench/run.mjs [--size=200000] [--delta=20] [--samples=120]
// Prints plain lines and exits 0; the targets are reported, not enforced.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { timeOpenConversation } from './openChat.mjs';
import { measureActivation } from './activation.mjs';
import { measureSaveCost } from './saveCost.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'bench', '.results');
const option = (name, fallback) => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ANSWER_LENGTH = option('size', 200_000);
const AVERAGE_DELTA = option('delta', 20);
const NAIVE_SAMPLES = option('samples', 120);
const MESSAGES = 500;
const TARGETS = { ratio: 20, p99: 8, drift: 2 };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const ms = (value) => `${value.toFixed(2)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (values) => values.reduce((total, value) => total + value, 0);
const mean = (values) => (values.length ? sum(values) / values.length : 0);
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const verdict = (ok) => (ok ? 'met' : 'NOT met');

async function bundle(entry, outfile, minify) {
  await build({ entryPoints: [entry], outfile, bundle: true, minify, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent', legalComments: 'none' });
  return outfile;
}

/** Per-delta cost in the first and last tenth of the stream, from (delta index, ms) pairs. */
function driftOf(points, deltaCount) {
  const tenth = deltaCount / 10;
  const first = mean(points.filter(([index]) => index < tenth).map(([, time]) => time));
  const last = mean(points.filter(([index]) => index >= deltaCount - tenth).map(([, time]) => time));
  return { first, last, ratio: first > 0 ? last / first : Infinity };
}

/** Total over all deltas from evenly spaced samples (each sample stands for deltaCount / samples deltas). */
function interpolatedTotal(samples, deltaCount) {
  return mean(samples.map(([, time]) => time)) * deltaCount;
}

/** The webview's stylesheets, so layout costs what it costs in the chat (chat.css is the UI's, if present). */
async function addStylesheets(page) {
  const sheets = ['media/markdown.css', 'media/chat.css'].filter((file) => existsSync(join(root, file)));
  for (const file of sheets) {
    await page.addStyleTag({ content: readFileSync(join(root, file), 'utf8') });
  }
  return sheets;
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  const pageBundle = await bundle(join(root, 'bench', 'page.ts'), join(resultsDir, 'bench-page.js'), false);
  const engineBundle = await bundle(join(root, 'src', 'webview', 'markdown', 'index.ts'), join(resultsDir, 'markdown-engine.min.js'), true);

  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    const sheets = await addStylesheets(page);
    await page.addScriptTag({ content: readFileSync(pageBundle, 'utf8') });
    const bench = (name, ...args) => page.evaluate(([fn, fnArgs]) => window.bench[fn](...fnArgs), [name, args]);

    console.log('Markdown streaming benchmark (headless Chromium, real webview markdown module bundled with esbuild)');
    console.log(`machine: ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at start (times are wall-clock main-thread time; a busy machine inflates them, the worst frames most)`);
    console.log(`browser: Chromium ${browser.version()}; performance.now() resolution ${(await bench('timerResolution')).toFixed(3)} ms; stylesheets: ${sheets.join(', ') || 'none'}`);

    // Warm-up so both sides run JIT-compiled code.
    await bench('setup', 20_000, AVERAGE_DELTA);
    await bench('runIncremental');
    await bench('runNaive', 10);

    const setup = await bench('setup', ANSWER_LENGTH, AVERAGE_DELTA);
    console.log(`answer: ${kb(setup.answerLength)} (${setup.answerLength} chars), ${setup.deltaCount} deltas (mean ${(setup.answerLength / setup.deltaCount).toFixed(1)} chars), ${setup.codeBlocks} code blocks`);
    console.log('one render per delta (each delta stands for one ~16 ms host batch); each frame timed with the style/layout it causes');

    const incremental = await bench('runIncremental');
    const incrementalPoints = incremental.frames.map((time, index) => [index, time]);
    const incrementalTotal = sum(incremental.frames) + incremental.endMs;
    const incrementalDrift = driftOf(incrementalPoints, setup.deltaCount);

    const naive = await bench('runNaive', NAIVE_SAMPLES);
    const naiveTotal = interpolatedTotal(naive.samples, setup.deltaCount);
    const naiveDrift = driftOf(naive.samples, setup.deltaCount);
    const naiveTimes = naive.samples.map(([, time]) => time);
    const ratio = naiveTotal / incrementalTotal;
    const p99 = percentile(incremental.frames, 99);

    console.log('');
    console.log(`incremental: total main-thread ${ms(incrementalTotal)} over ${setup.deltaCount} frames + end() ${ms(incremental.endMs)}`);
    console.log(`incremental: per frame mean ${ms(mean(incremental.frames))}, p50 ${ms(percentile(incremental.frames, 50))}, p99 ${ms(p99)}, worst ${ms(Math.max(...incremental.frames))}`);
    console.log(`incremental: per delta first 10% ${ms(incrementalDrift.first)}, last 10% ${ms(incrementalDrift.last)}, last/first ${incrementalDrift.ratio.toFixed(2)}`);
    const layoutDrift = driftOf(incremental.layouts.map((time, index) => [index, time]), setup.deltaCount);
    console.log(`incremental: of which style+layout: total ${ms(sum(incremental.layouts))}, first 10% ${ms(layoutDrift.first)}, last 10% ${ms(layoutDrift.last)} per frame`);
    console.log(`incremental: final DOM equals renderMarkdown(whole answer): ${incremental.equivalent ? 'yes' : 'NO'}`);
    console.log(`naive (whole text -> marked -> DOMPurify -> innerHTML per delta): SAMPLED at ${naive.samples.length} evenly spaced deltas of ${setup.deltaCount}; total interpolated (mean sample x ${setup.deltaCount} deltas)`);
    console.log(`naive: total main-thread ~${ms(naiveTotal)} (~${(naiveTotal / 60_000).toFixed(1)} min, estimated)`);
    console.log(`naive: per frame (samples) mean ${ms(mean(naiveTimes))}, p99 ${ms(percentile(naiveTimes, 99))}, worst ${ms(Math.max(...naiveTimes))}`);
    console.log(`naive: per delta first 10% ${ms(naiveDrift.first)}, last 10% ${ms(naiveDrift.last)}, last/first ${naiveDrift.ratio.toFixed(2)}`);
    console.log(`ratio: naive / incremental total work = ${ratio.toFixed(1)}x`);

    const many = await bench('renderManyMessages', MESSAGES);
    console.log(`markdown engine alone, eagerly rendering ${many.messages} finished messages (${kb(many.characters)}): render ${ms(many.renderMs)} + layout ${ms(many.layoutMs)} = ${ms(many.renderMs + many.layoutMs)}`);
    const opened = await timeOpenConversation(browser, root, MESSAGES);
    console.log(`open a ${MESSAGES}-message conversation in the real chat UI (dist/webview.js, state message to painted frame, median of ${opened.runs}): ${ms(opened.medianMs)} (worst ${ms(opened.worstMs)}); off-screen answers render when scrolled near`);

    for (const file of ['dist/extension.js', 'dist/webview.js']) {
      const path = join(root, file);
      console.log(`bundle ${file}: ${existsSync(path) ? kb(statSync(path).size) : 'not built (npm run build)'}`);
    }
    console.log(`bundle markdown engine alone (minified: marked, DOMPurify, highlight.js core + 30 languages): ${kb(statSync(engineBundle).size)}`);

    console.log('');
    console.log(`target total work >= ${TARGETS.ratio}x less than naive: ${ratio.toFixed(1)}x ${verdict(ratio >= TARGETS.ratio)}`);
    console.log(`target p99 frame < ${TARGETS.p99} ms: ${ms(p99)} ${verdict(p99 < TARGETS.p99)}`);
    console.log(`target last-10%/first-10% per-delta cost < ${TARGETS.drift}: ${incrementalDrift.ratio.toFixed(2)} ${verdict(incrementalDrift.ratio < TARGETS.drift)}`);
    console.log(`target open ${MESSAGES} messages < 300 ms: ${ms(opened.medianMs)} ${verdict(opened.medianMs < 300)}`);
  } finally {
    await browser.close();
  }
  console.log('');
  for (const line of await measureSaveCost()) console.log(line);
  const activation = await measureActivation(root);
  console.log(`extension activation in real VS Code (code-server, from the e2e suite): ${activation}`);
}

main().catch((error) => {
  console.error(`benchmark failed: ${error instanceof Error ? error.stack : error}`);
  process.exitCode = 1;
});
