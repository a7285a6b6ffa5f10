// The mock CometAPI is what every client and end-to-end test trusts; these check it speaks the wire format
// and picks scenarios the documented way. Plain fetch here: this tests the server, not the client.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { afterEach, describe, it } from 'node:test';
import { startMockCometServer, type MockCometServer } from '../support/mockCometServer';

let server: MockCometServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function chatBody(lastUser: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    model: 'gpt-4.1',
    stream: true,
    stream_options: { include_usage: true },
    messages: [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: lastUser },
    ],
    ...extra,
  });
}

async function postChat(mock: MockCometServer, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${mock.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${mock.apiKey}`, 'content-type': 'application/json', ...headers },
    body,
  });
}

/** Concatenated `delta.content` of an SSE chat stream, and whether it ended with [DONE]. */
function readStream(text: string): { content: string; done: boolean; usageChunks: number } {
  let content = '';
  let done = false;
  let usageChunks = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('data: ')) {
      continue;
    }
    const data = line.slice(6);
    if (data === '[DONE]') {
      done = true;
      continue;
    }
    const chunk = JSON.parse(data) as { choices: { delta: { content?: string } }[]; usage?: unknown };
    if (chunk.usage) {
      usageChunks += chunk.choices.length === 0 ? 1 : 0;
    }
    content += chunk.choices[0]?.delta.content ?? '';
  }
  return { content, done, usageChunks };
}

describe('mock CometAPI server', () => {
  it('streams the markdown answer with the turn number, the echo, a usage chunk and [DONE]', async () => {
    server = await startMockCometServer();
    const response = await postChat(server, chatBody('What is 2+2?'));
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const stream = readStream(await response.text());
    assert.match(stream.content, /^## /m);
    assert.match(stream.content, /^- /m);
    assert.match(stream.content, /```ts\n[\s\S]*\n```/);
    assert.match(stream.content, /Turn 2/);
    assert.match(stream.content, /You said: What is 2\+2\?/);
    assert.equal(stream.usageChunks, 1);
    assert.equal(stream.done, true);
  });

  it('picks the scenario: header, then queue, then a scenario: token, then the default', async () => {
    server = await startMockCometServer();
    server.enqueue('status-429', 'status-500');
    assert.equal((await postChat(server, chatBody('hi'), { 'x-mock-scenario': 'status-401' })).status, 401);
    assert.equal((await postChat(server, chatBody('scenario:status-502'))).status, 429);
    assert.equal((await postChat(server, chatBody('scenario:status-502'))).status, 500);
    assert.equal((await postChat(server, chatBody('please scenario:status-502'))).status, 502);
    server.setDefaultScenario('status-524');
    assert.equal((await postChat(server, chatBody('hi'))).status, 524);
    assert.deepEqual(
      server.requests.map((recorded) => recorded.scenario),
      ['status-401', 'status-429', 'status-500', 'status-502', 'status-524'],
    );
  });

  it('answers a wrong key with CometAPI 401 before any scenario, and never records the key', async () => {
    server = await startMockCometServer();
    server.enqueue('markdown');
    const response = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-wrong-999999', 'content-type': 'application/json' },
      body: chatBody('hi'),
    });
    assert.equal(response.status, 401);
    const body = (await response.json()) as { error: { message: string; type: string; code: string } };
    assert.match(body.error.message, /^Invalid token \(request id: \d{17}\w+\)$/);
    assert.equal(body.error.type, 'comet_api_error');
    assert.equal(server.requests[0].authorized, false);
    assert.equal(JSON.stringify(server.requests).includes('sk-wrong'), false);
  });

  it('serves 429 with Retry-After and 503 model_not_found naming the model', async () => {
    server = await startMockCometServer();
    const limited = await postChat(server, chatBody('hi'), { 'x-mock-scenario': 'status-429' });
    assert.equal(limited.headers.get('retry-after'), '1');
    const missing = await postChat(server, chatBody('hi'), { 'x-mock-scenario': 'status-503-model-not-found' });
    const body = (await missing.json()) as { error: { message: string; code: string } };
    assert.equal(body.error.code, 'model_not_found');
    assert.match(body.error.message, /no available channel for group default and model gpt-4\.1 \(distributor\)/);
  });

  it('lists models in the CometAPI envelope, or the OpenAI one, and only with the key', async () => {
    server = await startMockCometServer();
    assert.equal((await fetch(`${server.url}/models`)).status, 401);
    const comet = (await (await fetch(`${server.url}/models`, { headers: { authorization: `Bearer ${server.apiKey}` } })).json()) as {
      success: boolean;
      data: { id: string }[];
    };
    assert.equal(comet.success, true);
    assert.ok(comet.data.length >= 40);
    assert.ok(comet.data.some((model) => model.id === 'dall-e-3') && comet.data.some((model) => model.id === 'gpt-5'));
    await server.close();
    server = await startMockCometServer({ modelsEnvelope: 'openai', models: ['a', 'b'] });
    const openai = (await (await fetch(`${server.url}/models`, { headers: { authorization: `Bearer ${server.apiKey}` } })).json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(openai).sort(), ['data', 'object']);
    assert.equal((openai.data as unknown[]).length, 2);
  });

  it('serves the public catalogue without a key, or 404 when disabled', async () => {
    server = await startMockCometServer();
    const catalogue = (await (await fetch(`${server.origin}/api/models`)).json()) as {
      total: number;
      data: { provider: string; model_type: string; pricing: { input: number | null } }[];
    };
    assert.equal(catalogue.total, catalogue.data.length);
    assert.ok(catalogue.data.some((entry) => entry.model_type === 'image'));
    assert.equal(typeof catalogue.data[0].provider, 'string');
    await server.close();
    server = await startMockCometServer({ publicCatalogue: false });
    assert.equal((await fetch(`${server.origin}/api/models`)).status, 404);
  });

  it('multibyte: TCP writes end inside characters, yet the whole stream decodes intact', async () => {
    server = await startMockCometServer();
    const { url } = server;
    const pieces = await new Promise<Buffer[]>((resolvePieces, reject) => {
      const received: Buffer[] = [];
      const req = request(
        `${url}/chat/completions`,
        { method: 'POST', headers: { authorization: 'Bearer sk-test-valid', 'content-type': 'application/json', 'x-mock-scenario': 'multibyte' } },
        (res) => {
          res.on('data', (piece: Buffer) => received.push(piece));
          res.on('end', () => resolvePieces(received));
        },
      );
      req.on('error', reject);
      req.end(chatBody('hi'));
    });
    const cutInsideCharacter = pieces.some((piece) => !Buffer.from(piece.toString('utf8'), 'utf8').equals(piece));
    assert.ok(cutInsideCharacter, 'at least one received piece ends in the middle of a UTF-8 character');
    assert.match(readStream(Buffer.concat(pieces).toString('utf8')).content, /你好，世界！ Emoji: 🚀🎉/);
  });

  it('refuses requests past its limit and close() ends even a stalled stream at once', async () => {
    server = await startMockCometServer({ maxRequests: 1 });
    const stalled = await postChat(server, chatBody('hi'), { 'x-mock-scenario': 'stall' });
    const reading = stalled.text().then(
      () => 'ended',
      () => 'broken',
    );
    const refused = await postChat(server, chatBody('hi'));
    assert.equal(refused.status, 503);
    const started = Date.now();
    await server.close();
    server = undefined;
    assert.equal(await reading, 'broken');
    assert.ok(Date.now() - started < 1000);
  });
});
