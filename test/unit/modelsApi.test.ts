// The model list through the real openai SDK against the real mock CometAPI server (and, for answers the mock
// does not give, a tiny real HTTP server): no mocked fetch.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fetchPublicCatalogue, loadModelList, verifyApiKey } from '../../src/core/models/modelsApi';
import { type MockCometServer, startMockCometServer } from '../support/mockCometServer';

const validKey = 'sk-test-valid';
const timeoutMs = 5000;

function ids(result: Awaited<ReturnType<typeof loadModelList>>): string[] {
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.models.map((model) => model.id);
}

type Answer = { status: number; type: string; body: string } | 'hang';

/** A real server that gives `answerFor(path)` to each request: a status, type and body, or nothing ('hang'). */
async function startOddServer(answerFor: Answer | ((path: string) => Answer)): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const answer = typeof answerFor === 'function' ? answerFor(req.url ?? '/') : answerFor;
    if (answer !== 'hang') {
      res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('with the public catalogue', () => {
  let mock: MockCometServer;
  before(async () => {
    mock = await startMockCometServer();
  });
  after(() => mock.close());

  test("CometAPI's {success, data} list gives chat models only, with providers and prices", async () => {
    const result = await loadModelList({ baseUrl: mock.url, apiKey: validKey, timeoutMs });
    const listed = ids(result);
    assert.ok(listed.includes('claude-sonnet-4-20250514') && listed.includes('gpt-5-mini') && listed.includes('kimi-k2'));
    for (const media of [
      'dall-e-3',
      'gpt-image-1',
      'tts-1',
      'whisper-1',
      'text-embedding-3-small',
      'omni-moderation-latest',
      'sora-2',
      'veo3',
      'suno_music',
      'mj_imagine',
    ]) {
      assert.ok(!listed.includes(media), `${media} is not offered`);
    }
    assert.ok(result.ok);
    assert.equal(result.catalogueSource, 'public');
    const mini = result.models.find((model) => model.id === 'gpt-5-mini');
    // The mock's catalogue lists "image-to-text" for its vision models.
    assert.deepEqual(mini, {
      id: 'gpt-5-mini',
      provider: 'OpenAI',
      ownedBy: 'openai',
      price: { inputPerMillion: 0.2, outputPerMillion: 1.6 },
      imageInput: true,
    });
    const qwen = result.models.find((model) => model.id === 'qwen3-coder-plus');
    assert.equal(qwen?.provider, 'Qwen', "the catalogue's Alibaba lands in the Qwen group");
  });

  test('the key goes to /v1/models only, never to the public catalogue', async () => {
    mock.clearRequests();
    await loadModelList({ baseUrl: mock.url, apiKey: validKey, timeoutMs });
    const list = mock.requests.find((request) => request.path === '/v1/models');
    const catalogue = mock.requests.find((request) => request.path === '/api/models');
    assert.equal(list?.authorized, true);
    assert.ok(catalogue, 'the catalogue was asked for on the base URL host');
    assert.equal(catalogue.authorized, false);
  });

  test('a wrong key is an auth error that offers Set API Key and never quotes the key', async () => {
    const wrongKey = 'sk-wrong-key-1234567890abcdef';
    const result = await loadModelList({ baseUrl: mock.url, apiKey: wrongKey, timeoutMs });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'auth');
    assert.equal(result.error.status, 401);
    assert.deepEqual(result.error.actions, ['setApiKey']);
    assert.ok(!result.error.message.includes(wrongKey));
  });

  test('no key at all is an auth error too, without a request', async () => {
    mock.clearRequests();
    const result = await loadModelList({ baseUrl: mock.url, apiKey: '  ', timeoutMs });
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'auth');
    assert.equal(mock.requests.filter((request) => request.path === '/v1/models').length, 0);
  });

  test('verifyApiKey counts the chat models a valid key can use', async () => {
    const check = await verifyApiKey({ baseUrl: mock.url, apiKey: validKey, timeoutMs });
    assert.deepEqual(check, { ok: true, modelCount: 31 });
  });

  test('verifyApiKey reports a rejected key as auth', async () => {
    const check = await verifyApiKey({ baseUrl: mock.url, apiKey: 'sk-nope', timeoutMs });
    assert.ok(!check.ok);
    assert.equal(check.error.kind, 'auth');
  });

  test('a base URL with a wrong path says the base URL looks wrong', async () => {
    const result = await loadModelList({ baseUrl: `${mock.origin}/api/v2`, apiKey: validKey, timeoutMs });
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'badBaseUrl');
    assert.doesNotMatch(result.error.message, /Unexpected token/);
  });

  test('the public catalogue is read from the host root, whatever the base URL path', async () => {
    const rows = await fetchPublicCatalogue(`${mock.url}/chat/completions`, timeoutMs);
    assert.ok(rows !== undefined && rows.length > 40);
    assert.deepEqual(
      rows.find((row) => row.id === 'deepseek-r1-0528'),
      {
        id: 'deepseek-r1-0528',
        provider: 'DeepSeek',
        modelType: 'text',
        price: { inputPerMillion: 0.44, outputPerMillion: 1.752 },
      },
    );
  });
});

describe("with OpenAI's envelope and no public catalogue", () => {
  let mock: MockCometServer;
  before(async () => {
    mock = await startMockCometServer({
      modelsEnvelope: 'openai',
      publicCatalogue: false,
      models: ['gpt-5', 'qwen3-coder-plus', 'dall-e-3', 'glm-4.5', 'hunyuan-image'],
    });
  });
  after(() => mock.close());

  test('the list still loads, grouped from the ids, without prices', async () => {
    const result = await loadModelList({ baseUrl: mock.url, apiKey: validKey, timeoutMs });
    assert.ok(result.ok);
    assert.equal(result.catalogueSource, 'ids');
    assert.deepEqual(
      result.models.map(({ id, provider, price }) => ({ id, provider, price })),
      [
        { id: 'gpt-5', provider: 'OpenAI', price: undefined },
        { id: 'qwen3-coder-plus', provider: 'Qwen', price: undefined },
        { id: 'glm-4.5', provider: 'Other', price: undefined },
      ],
    );
  });

  test('fetchPublicCatalogue answers undefined when the host has none', async () => {
    assert.equal(await fetchPublicCatalogue(mock.url, timeoutMs), undefined);
  });
});

describe('when the server cannot give a list', () => {
  test('a refused port comes back as a network error, not a throw', async () => {
    const closed = await startOddServer('hang');
    const url = closed.url;
    await closed.close();
    const check = await verifyApiKey({ baseUrl: url, apiKey: validKey, timeoutMs });
    assert.ok(!check.ok);
    assert.equal(check.error.kind, 'network');
    assert.deepEqual(check.error.actions, ['retry']);
  });

  test('a server that never answers comes back as a timeout', async () => {
    const silent = await startOddServer('hang');
    try {
      const started = Date.now();
      const check = await verifyApiKey({ baseUrl: silent.url, apiKey: validKey, timeoutMs: 300 });
      assert.ok(!check.ok);
      assert.equal(check.error.kind, 'timeout');
      assert.ok(Date.now() - started < 3000, 'gave up near the timeout');
    } finally {
      await silent.close();
    }
  });

  test('closing the picker (abort) is a cancellation, not a timeout', async () => {
    const silent = await startOddServer('hang');
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const result = await loadModelList({ baseUrl: silent.url, apiKey: validKey, timeoutMs, signal: controller.signal });
      assert.ok(!result.ok);
      assert.equal(result.error.kind, 'cancelled');
    } finally {
      await silent.close();
    }
  });

  test('a public catalogue that hangs does not hold up the list for long', async () => {
    const listBody = JSON.stringify({ success: true, data: [{ id: 'gpt-5', object: 'model' }] });
    const server = await startOddServer((path) => (path.startsWith('/api/models') ? 'hang' : { status: 200, type: 'application/json', body: listBody }));
    try {
      const started = Date.now();
      const result = await loadModelList({ baseUrl: server.url, apiKey: validKey, timeoutMs, catalogueTimeoutMs: 200 });
      assert.ok(Date.now() - started < 2000, 'did not wait out the full request timeout');
      assert.ok(result.ok);
      assert.deepEqual(result.models, [{ id: 'gpt-5', provider: 'OpenAI' }]);
      assert.equal(result.catalogueSource, 'ids');
    } finally {
      await server.close();
    }
  });

  test('a web page with status 200 says the base URL looks wrong instead of listing no models', async () => {
    const website = await startOddServer({ status: 200, type: 'text/html', body: '<!DOCTYPE html><html><body>Welcome</body></html>' });
    try {
      const result = await loadModelList({ baseUrl: website.url, apiKey: validKey, timeoutMs });
      assert.ok(!result.ok);
      assert.equal(result.error.kind, 'badBaseUrl');
      assert.match(result.error.message, /web page/);
    } finally {
      await website.close();
    }
  });

  test("a 200 {success: false} refusal is classified by CometAPI's words", async () => {
    const refusing = await startOddServer({ status: 200, type: 'application/json', body: JSON.stringify({ success: false, message: 'Invalid token' }) });
    try {
      const check = await verifyApiKey({ baseUrl: refusing.url, apiKey: validKey, timeoutMs });
      assert.ok(!check.ok);
      assert.equal(check.error.kind, 'auth');
    } finally {
      await refusing.close();
    }
  });

  test('a base URL that is not a URL is reported, not thrown', async () => {
    const check = await verifyApiKey({ baseUrl: 'api.cometapi.com', apiKey: validKey, timeoutMs });
    assert.ok(!check.ok);
    assert.equal(check.error.kind, 'badBaseUrl');
    assert.match(check.error.message, /not a URL/);
  });
});
