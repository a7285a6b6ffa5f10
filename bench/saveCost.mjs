// Cost of one save while an answer streams, into a conversation of 1 message and one of ~50 MB, side by side in
// one run with the real ConversationStore (bundled with esbuild) on the real disk. The target is a flat cost:
// the long conversation's saves no slower than twice the short one's. For scale, the previous design (the
// whole conversation file rewritten on every save) is timed on the long conversation too.
// Usage: node bench/saveCost.mjs [--mb=50] [--saves=40]   (also run by bench/run.mjs)
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TARGET_RATIO = 2;

async function loadStoreModule() {
  const outDir = join(root, 'bench', '.results');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'save-cost-store.mjs');
  const entry = join(outDir, 'save-cost-entry.ts');
  writeFileSync(
    entry,
    [
      `export { ConversationStore } from ${JSON.stringify(join(root, 'src/core/storage/conversationStore.ts'))};`,
      `export { writeFileAtomic } from ${JSON.stringify(join(root, 'src/core/storage/atomicFile.ts'))};`,
      `export { serializeConversation } from ${JSON.stringify(join(root, 'src/core/storage/conversationFile.ts'))};`,
    ].join('\n'),
  );
  await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' });
  return import(pathToFileURL(outfile).href);
}

/** A finished conversation of about `bytes` characters of answers. */
function conversationOf(id, bytes) {
  const messages = [];
  const answerChars = 100_000;
  const turns = Math.max(0, Math.ceil(bytes / answerChars));
  for (let i = 0; i < turns; i++) {
    messages.push({ id: `${id}-q${i}`, role: 'user', text: `Question ${i}`, createdAt: i });
    messages.push({
      id: `${id}-a${i}`,
      role: 'assistant',
      text: `Answer ${i} `.padEnd(answerChars, 'lorem ipsum dolor '),
      model: 'gpt-5-mini',
      status: 'done',
      createdAt: i,
      endedAt: i + 1,
    });
  }
  if (turns === 0) messages.push({ id: `${id}-q0`, role: 'user', text: 'Only a question', createdAt: 0 });
  return { id, title: id, createdAt: 0, updatedAt: 0, messages };
}

/** Streams `saves` deltas of ~40 characters into a new answer, saving after each; returns ms per save. */
async function streamSaves(store, conversation, saves, round) {
  let answer = { id: `${conversation.id}-a-new${round}`, role: 'assistant', text: '', model: 'gpt-5-mini', status: 'streaming', createdAt: 1 };
  const question = { id: `${conversation.id}-q-new${round}`, role: 'user', text: 'One more', createdAt: 1 };
  let c = { ...conversation, messages: [...conversation.messages, question, answer] };
  await store.save(c);
  const times = [];
  for (let i = 0; i < saves; i++) {
    answer = { ...answer, text: `${answer.text}delta number ${i} with a few more words. ` };
    c = { ...c, messages: [...c.messages.slice(0, -1), answer] };
    const started = performance.now();
    await store.save(c);
    times.push(performance.now() - started);
  }
  return { times, conversation: c };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const ms = (value) => `${value.toFixed(2)} ms`;

/** Runs the measurement and returns the lines to print. */
export async function measureSaveCost({ megabytes = option('mb', 50), saves = option('saves', 40) } = {}) {
  const { ConversationStore, writeFileAtomic, serializeConversation } = await loadStoreModule();
  const folder = mkdtempSync(join(tmpdir(), 'cometapi-bench-store-'));
  try {
    const store = await ConversationStore.open(folder);
    const small = conversationOf('small', 0);
    const large = conversationOf('large', megabytes * 1_000_000);
    await store.save(small);
    await store.save(large);
    const characters = large.messages.reduce((sum, m) => sum + m.text.length, 0);
    // Interleaved rounds, so a busy moment of the machine hits both sides alike.
    const smallTimes = [];
    const largeTimes = [];
    const rounds = 4;
    let smallNow = small;
    let largeNow = large;
    for (let round = 0; round < rounds; round++) {
      const smallRound = await streamSaves(store, smallNow, saves / rounds, round);
      const largeRound = await streamSaves(store, largeNow, saves / rounds, round);
      smallTimes.push(...smallRound.times);
      largeTimes.push(...largeRound.times);
      smallNow = smallRound.conversation;
      largeNow = largeRound.conversation;
    }
    const wholeFile = [];
    const path = join(folder, 'whole-file.json');
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await writeFileAtomic(path, serializeConversation(large));
      wholeFile.push(performance.now() - started);
    }
    await store.dispose();
    const ratio = median(largeTimes) / median(smallTimes);
    return [
      `save while streaming: ${saves} saves of a ~40-character delta each, into a 1-message conversation and into a ${(characters / 1e6).toFixed(1)} MB one (${large.messages.length} messages), interleaved`,
      `save while streaming, 1 message: median ${ms(median(smallTimes))}, mean ${ms(mean(smallTimes))}, worst ${ms(Math.max(...smallTimes))}`,
      `save while streaming, ${(characters / 1e6).toFixed(0)} MB: median ${ms(median(largeTimes))}, mean ${ms(mean(largeTimes))}, worst ${ms(Math.max(...largeTimes))}`,
      `save while streaming: large/small median ratio ${ratio.toFixed(2)}x (previous design, the whole ${(characters / 1e6).toFixed(0)} MB file per save: median ${ms(median(wholeFile))})`,
      `target save cost flat (large/small < ${TARGET_RATIO}x): ${ratio.toFixed(2)}x ${ratio < TARGET_RATIO ? 'met' : 'NOT met'}`,
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  measureSaveCost()
    .then((lines) => lines.forEach((line) => console.log(line)))
    .catch((error) => {
      console.error(`save-cost benchmark failed: ${error instanceof Error ? error.stack : error}`);
      process.exitCode = 1;
    });
}
