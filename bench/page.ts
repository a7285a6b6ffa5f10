// Runs inside headless Chromium (bundled by bench/run.mjs with esbuild). Streams one long answer through the
// real markdown engine and through the naive way (whole-text marked + DOMPurify + innerHTML per delta), one
// render per delta as if each delta were one ~16 ms host batch, and times main-thread work per frame
// including the style and layout the change causes.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { createMarkdownStream, renderMarkdown, type MarkdownStreamOptions } from '../src/webview/markdown/index';
import { createRandom, generateDocument, generateLongAnswer, randomChunks } from '../test/support/markdownCorpus';
import { shapeText, type ShapeName } from '../test/support/worstShapes';

const buttons: MarkdownStreamOptions['codeBlockButtons'] = [
  { action: 'copy', label: 'Copy', codicon: 'copy' },
  { action: 'insert', label: 'Insert at Cursor', codicon: 'insert' },
  { action: 'newFile', label: 'New File', codicon: 'new-file' },
];

export interface StreamSetup {
  readonly answerLength: number;
  readonly deltaCount: number;
  readonly codeBlocks: number;
}

export interface IncrementalResult {
  /** Main-thread milliseconds per frame (render + the style/layout it causes), one per delta. */
  readonly frames: number[];
  /** Idle slices (highlighting closed code blocks), each timed with its style/layout like a frame. */
  readonly idle: number[];
  /** The style/layout part of each frame. */
  readonly layouts: number[];
  readonly endMs: number;
  readonly equivalent: boolean;
  /** Deltas streamed one frame each before the time budget ran out (all of them when it did not). */
  readonly framedDeltas: number;
}

export interface NaiveResult {
  /** Delta index and milliseconds for each sampled frame. */
  readonly samples: Array<[number, number]>;
}

let answer = '';
let deltas: string[] = [];

function freshContainer(): HTMLElement {
  document.body.replaceChildren();
  const message = document.createElement('div');
  message.className = 'message assistant';
  message.dataset.status = 'streaming';
  const body = document.createElement('div');
  message.append(body);
  document.body.append(message);
  return body;
}

/** Forces the style and layout the last change needs, so it is counted where it was caused. */
function settleLayout(container: HTMLElement): void {
  void container.getBoundingClientRect().height;
  void document.body.offsetHeight;
}

function setup(answerLength: number, averageDelta: number): StreamSetup {
  return setText(generateLongAnswer(answerLength, 11), averageDelta);
}

/** One of the worst shapes (test/support/worstShapes.ts); `fixedDelta` cuts it in equal pieces instead. */
function setupShape(name: ShapeName, size: number, averageDelta: number, fixedDelta = 0): StreamSetup {
  const text = shapeText(name, size);
  if (fixedDelta > 0) {
    answer = text;
    deltas = Array.from({ length: Math.ceil(text.length / fixedDelta) }, (_, i) => text.slice(i * fixedDelta, (i + 1) * fixedDelta));
    return { answerLength: answer.length, deltaCount: deltas.length, codeBlocks: (answer.match(/^```\w/gm) ?? []).length };
  }
  return setText(text, averageDelta);
}

function setText(text: string, averageDelta: number): StreamSetup {
  answer = text;
  // randomChunks' mean chunk is about 0.9 x its maximum.
  deltas = randomChunks(answer, 5, Math.max(1, Math.round(averageDelta / 0.9)));
  return { answerLength: answer.length, deltaCount: deltas.length, codeBlocks: (answer.match(/^```\w/gm) ?? []).length };
}

/** `budgetMs`: past this much time in frames, the remaining deltas arrive in one batch, so every shape ends. */
function runIncremental(budgetMs = Infinity): IncrementalResult {
  const container = freshContainer();
  let pending: (() => void) | undefined;
  const idleQueue: (() => void)[] = [];
  const stream = createMarkdownStream(container, {
    codeBlockButtons: buttons,
    requestFrame: (cb) => ((pending = cb), 1),
    requestIdle: (cb) => idleQueue.push(cb),
  });
  const frames: number[] = [];
  const layouts: number[] = [];
  const idle: number[] = [];
  // Idle time between frames: the page gets one idle slice after each frame, as a browser would give it.
  const runIdleSlice = (): void => {
    const slice = idleQueue.shift();
    if (slice) {
      const start = performance.now();
      slice();
      settleLayout(container);
      idle.push(performance.now() - start);
    }
  };
  let spent = 0;
  let framedDeltas = 0;
  for (const delta of deltas) {
    if (spent > budgetMs) {
      stream.append(delta);
      continue;
    }
    framedDeltas++;
    const start = performance.now();
    stream.append(delta);
    const frame = pending;
    pending = undefined;
    frame?.();
    const rendered = performance.now();
    settleLayout(container);
    const end = performance.now();
    frames.push(end - start);
    spent += end - start;
    layouts.push(end - rendered);
    runIdleSlice();
  }
  const endStart = performance.now();
  stream.end();
  settleLayout(container);
  const endMs = performance.now() - endStart;
  while (idleQueue.length > 0) {
    runIdleSlice();
  }
  const reference = document.createElement('div');
  renderMarkdown(reference, answer, { codeBlockButtons: buttons });
  return { frames, layouts, idle, endMs, equivalent: reference.innerHTML === container.innerHTML, framedDeltas };
}

/** The naive renderer at `sampleCount` evenly spaced deltas: each sample renders the whole text so far. */
function runNaive(sampleCount: number): NaiveResult {
  const container = freshContainer();
  const samples: Array<[number, number]> = [];
  const prefixEnds: number[] = [];
  let length = 0;
  for (const delta of deltas) {
    length += delta.length;
    prefixEnds.push(length);
  }
  for (let s = 0; s < sampleCount; s++) {
    const index = Math.min(deltas.length - 1, Math.round(((s + 0.5) * deltas.length) / sampleCount));
    const text = answer.slice(0, prefixEnds[index]);
    const start = performance.now();
    container.innerHTML = DOMPurify.sanitize(marked.parse(text, { async: false }));
    settleLayout(container);
    samples.push([index, performance.now() - start]);
  }
  return { samples };
}

export interface ManyMessagesResult {
  readonly messages: number;
  readonly characters: number;
  readonly renderMs: number;
  readonly layoutMs: number;
}

/** Opens a conversation: 500 finished messages of mixed length rendered into a fresh transcript. */
function renderManyMessages(count: number): ManyMessagesResult {
  const random = createRandom(99);
  const texts = Array.from({ length: count }, (_, i) => {
    const kind = random();
    if (kind < 0.4) {
      return generateDocument(i + 1).slice(0, 200 + Math.floor(random() * 400));
    }
    return kind < 0.85 ? generateDocument(i + 1000) + generateDocument(i + 2000) : generateLongAnswer(4_000 + Math.floor(random() * 8_000), i);
  });
  document.body.replaceChildren();
  const transcript = document.createElement('div');
  document.body.append(transcript);
  const start = performance.now();
  for (const [i, text] of texts.entries()) {
    const message = document.createElement('div');
    message.className = `message ${i % 2 === 0 ? 'user' : 'assistant'}`;
    const body = document.createElement('div');
    message.append(body);
    renderMarkdown(body, text, { codeBlockButtons: buttons });
    transcript.append(message);
  }
  const rendered = performance.now();
  settleLayout(transcript);
  return { messages: count, characters: texts.reduce((sum, text) => sum + text.length, 0), renderMs: rendered - start, layoutMs: performance.now() - rendered };
}

/** The smallest step performance.now() shows here (browsers coarsen it). */
function timerResolution(): number {
  let smallest = Infinity;
  for (let i = 0; i < 50; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) {
      b = performance.now();
    }
    smallest = Math.min(smallest, b - a);
  }
  return smallest;
}

(window as unknown as { bench: unknown }).bench = { setup, setupShape, runIncremental, runNaive, renderManyMessages, timerResolution };
