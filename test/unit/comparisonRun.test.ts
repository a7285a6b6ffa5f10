// One question to several models at once, as the Compare panel shows it: the real openai SDK against the mock
// CometAPI over HTTP. The answers stream side by side (the run takes about as long as its slowest column, not the
// sum), each column has its own timings, cost and Stop, and a model that fails ends only its own column.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { defaultChatSettings, type ChatSettings } from '../../src/core/chat/chatSettings';
import { streamChat } from '../../src/core/client/chatClient';
import { answerTimings } from '../../src/core/compare/answerTimings';
import { ComparisonRun } from '../../src/core/compare/comparisonRun';
import { userMessage } from '../../src/core/conversation/conversationOps';
import type { ModelPrice } from '../../src/core/models/modelCatalog';
import { renderUserMessage } from '../../src/core/selection/selectionPrompt';
import type { UserMessage } from '../../src/shared/conversation';
import type { HostToCompare } from '../../src/shared/compareProtocol';
import { CATALOGUE } from '../support/mockCometCatalogue';
import { makePng } from '../support/pngFixture';
import { FileImageStore } from '../../src/core/storage/imageStore';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockCometServer, type MockCometServer } from '../support/mockCometServer';

let server: MockCometServer;
before(async () => {
  server = await startMockCometServer();
});
after(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearRequests();
  for (const model of Object.keys(server.firstTokenDelayMs)) {
    delete server.firstTokenDelayMs[model];
  }
  for (const model of Object.keys(server.modelScenarios)) {
    delete server.modelScenarios[model];
  }
});

const priceOf = (model: string): ModelPrice | undefined => {
  const row = CATALOGUE.find((entry) => entry.id === model);
  return row ? { inputPerMillion: row.input, outputPerMillion: row.output } : undefined;
};

/** A run of `models` against the mock; `question` is text, or a message carrying code or images (from `store`). */
function startRun(models: string[], question: string | UserMessage = 'Explain closures in one paragraph.', store?: FileImageStore) {
  const posted: HostToCompare[] = [];
  let ids = 0;
  const settings: ChatSettings = { ...defaultChatSettings, baseUrl: server.url, maxRetries: 0, requestTimeoutSeconds: 20 };
  const run = new ComparisonRun(
    {
      question: typeof question === 'string' ? userMessage('q1', question, 1) : question,
      models,
      settings,
      apiKey: server.apiKey,
      ...(store ? { images: { store } } : {}),
    },
    {
      streamChat,
      renderUserMessage,
      priceOf,
      post: (message) => posted.push(message),
      clock: () => performance.now(),
      now: Date.now,
      newId: () => `id-${++ids}`,
      log: () => {},
    },
  );
  return { run, posted };
}

const endOf = (posted: HostToCompare[], column: number) =>
  posted.find((message): message is Extract<HostToCompare, { type: 'compareEnded' }> => message.type === 'compareEnded' && message.column === column);
const textOf = (posted: HostToCompare[], column: number) =>
  posted.map((message) => (message.type === 'compareDelta' && message.column === column ? message.text : '')).join('');

describe('Compare Models: a run', () => {
  it('streams two slow-to-start models at the same time: the run takes about one delay, not two', async () => {
    const delay = 1_200;
    server.firstTokenDelayMs['gpt-4.1'] = delay;
    server.firstTokenDelayMs['gemini-2.5-pro'] = delay;
    const { run, posted } = startRun(['gpt-4.1', 'gemini-2.5-pro']);
    const started = performance.now();
    await run.run();
    const wall = performance.now() - started;
    const first = endOf(posted, 0);
    const second = endOf(posted, 1);
    assert.equal(first?.status, 'done');
    assert.equal(second?.status, 'done');
    // Each column alone takes at least `delay`; one after the other would take at least twice that.
    assert.ok((first?.timings?.totalMs ?? 0) >= delay && (second?.timings?.totalMs ?? 0) >= delay, 'each column waited for its first token');
    assert.ok(wall < (first?.timings?.totalMs ?? 0) + (second?.timings?.totalMs ?? 0), `wall ${wall} ms is below the sum of the columns`);
    assert.ok(wall < 2 * delay, `wall ${Math.round(wall)} ms < ${2 * delay} ms`);
    const posts = server.requests.filter((request) => request.method === 'POST').map((request) => request.body?.model);
    assert.deepEqual([...posts].sort(), ['gemini-2.5-pro', 'gpt-4.1']);
  });

  it("each column's figures: first token after its delay, tokens per second from usage, cost at that model's price", async () => {
    server.firstTokenDelayMs['gpt-4.1'] = 400;
    const { run, posted } = startRun(['gpt-4.1', 'gpt-5-mini']);
    await run.run();
    const slow = endOf(posted, 0);
    const quick = endOf(posted, 1);
    assert.ok((slow?.timings?.firstTokenMs ?? 0) >= 400, `first token after ${slow?.timings?.firstTokenMs} ms`);
    assert.ok((quick?.timings?.firstTokenMs ?? Infinity) < 400);
    for (const [end, model] of [
      [slow, 'gpt-4.1'],
      [quick, 'gpt-5-mini'],
    ] as const) {
      assert.ok(end?.usage, `${model} reported usage`);
      assert.ok((end?.timings?.tokensPerSecond ?? 0) > 0, `${model} has a rate`);
      const price = priceOf(model);
      const expected =
        ((end?.usage?.promptTokens ?? 0) * (price?.inputPerMillion ?? 0) + (end?.usage?.completionTokens ?? 0) * (price?.outputPerMillion ?? 0)) / 1e6;
      assert.equal(end?.cost?.kind, 'priced');
      assert.ok(end?.cost?.kind === 'priced' && Math.abs(end.cost.usd - expected) < 1e-12, `${model} cost ${JSON.stringify(end?.cost)} = ${expected}`);
    }
    assert.ok(textOf(posted, 0).length > 20 && textOf(posted, 0) === run.view()[0]?.text, 'the deltas add up to the answer kept');
  });

  it('a model that fails (removed since it was picked) shows its error in its own column; the other answers', async () => {
    server.modelScenarios['gpt-5-nano'] = 'status-503-model-not-found';
    const { run, posted } = startRun(['gpt-5-nano', 'gpt-5-mini']);
    await run.run();
    const failed = endOf(posted, 0);
    assert.equal(failed?.status, 'error');
    assert.match(failed?.error?.message ?? '', /gpt-5-nano|model/i);
    assert.equal(failed?.cost, undefined, 'no cost for a failure without usage');
    assert.equal(endOf(posted, 1)?.status, 'done');
    assert.ok(textOf(posted, 1).length > 20);
    assert.equal(run.answerOf(0), undefined, 'nothing to continue with from the failed column');
    assert.equal(run.answerOf(1)?.model, 'gpt-5-mini');
  });

  it('Stop ends only that column, keeping what had arrived; the run then goes to the history with every answer', async () => {
    server.firstTokenDelayMs['gpt-4.1'] = 5_000;
    const { run, posted } = startRun(['gpt-4.1', 'gpt-5-mini'], 'What is a monad?');
    const running = run.run();
    setTimeout(() => run.stop(0), 300);
    await running;
    assert.equal(endOf(posted, 0)?.status, 'stopped');
    assert.equal(endOf(posted, 0)?.error, undefined, 'a stop is not an error');
    assert.equal(endOf(posted, 1)?.status, 'done');
    const kept = run.toConversation();
    assert.match(kept.title, /What is a monad/);
    assert.deepEqual(
      kept.messages.map((message) => (message.role === 'user' ? `user: ${message.text}` : `${message.model}: ${message.status}`)),
      ['user: What is a monad?', 'gpt-4.1: stopped', 'gpt-5-mini: done'],
    );
    assert.equal(new Set(kept.messages.map((message) => message.id)).size, 3, 'every message has its own id');
    assert.deepEqual(run.toConversation(), { ...kept, updatedAt: run.toConversation().updatedAt }, 'saved again, it is the same conversation (same ids)');
  });

  it('a state taken mid-stream (the panel loading or reloaded) holds exactly the text already posted, so no delta repeats', async () => {
    const { run, posted } = startRun(['gpt-4.1', 'gpt-5-mini'], 'scenario:slow');
    const mismatches: string[] = [];
    let snapshots = 0;
    const probe = setInterval(() => {
      const shown = run.view()[0]?.text ?? '';
      snapshots += 1;
      if (shown !== textOf(posted, 0)) {
        mismatches.push(`state ${shown.length} chars, posted ${textOf(posted, 0).length}`);
      }
    }, 3);
    const running = run.run();
    setTimeout(() => run.stopAll(), 1_500);
    await running;
    clearInterval(probe);
    assert.ok(snapshots > 50, `sampled ${snapshots} times`);
    assert.deepEqual(mismatches.slice(0, 3), []);
  });

  it('the question carries its attached code to every model', async () => {
    const { run: withCode } = startRun(
      ['gpt-5-mini', 'gpt-4.1'],
      userMessage('q2', 'Which is faster?', 1, [
        { code: 'const sum = (a, b) => a + b;', path: 'src/sum.ts', languageId: 'typescript', startLine: 1, endLine: 1 },
      ]),
    );
    await withCode.run();
    const bodies = server.requests.filter((request) => request.method === 'POST').map((request) => JSON.stringify(request.body));
    assert.equal(bodies.length, 2);
    for (const body of bodies) {
      assert.ok(body.includes('const sum = (a, b) => a + b;') && body.includes('src/sum.ts'), 'the code and its path were sent');
    }
  });
});

describe('Compare Models: a question with an image', () => {
  it('goes whole to a vision model; a model that cannot see images gets no request and says why in its column', async () => {
    const store = new FileImageStore(mkdtempSync(join(tmpdir(), 'compare-images-')));
    const bytes = makePng(4, 3, 7);
    const sha256 = await store.put(bytes, 'image/png');
    const question = userMessage(
      'q3',
      'What is in this picture?',
      1,
      [],
      [{ sha256, mimeType: 'image/png', bytes: bytes.length, width: 4, height: 3, name: 'shot.png' }],
    );
    const { run, posted } = startRun(['deepseek-v3.1', 'gpt-4o'], question, store);
    await run.run();
    const refused = endOf(posted, 0);
    assert.equal(refused?.status, 'error');
    assert.match(refused?.error?.message ?? '', /deepseek-v3\.1/);
    assert.equal(endOf(posted, 1)?.status, 'done');
    const sent = server.requests.filter((request) => request.method === 'POST');
    assert.deepEqual(
      sent.map((request) => request.body?.model),
      ['gpt-4o'],
      'only the vision model was asked',
    );
    assert.ok(JSON.stringify(sent[0]?.body).includes(bytes.toString('base64')), 'the image went whole');
  });
});

describe('Compare Models: timings', () => {
  const usage = { promptTokens: 10, completionTokens: 200, totalTokens: 210 };
  it('tokens per second count the streaming span only, not the wait for the first token', () => {
    assert.deepEqual(answerTimings(1_000, 3_000, 5_000, usage), { firstTokenMs: 2_000, totalMs: 4_000, tokensPerSecond: 100 });
  });
  it('no first token: only the total; no usage or a zero span: no rate', () => {
    assert.deepEqual(answerTimings(0, undefined, 900, usage), { totalMs: 900 });
    assert.deepEqual(answerTimings(0, 100, 900, undefined), { firstTokenMs: 100, totalMs: 900 });
    assert.deepEqual(answerTimings(0, 900, 900, usage), { firstTokenMs: 900, totalMs: 900 });
  });
});
