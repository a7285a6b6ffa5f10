import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { classifyError, isRetryable, MissingApiKeyError } from '../../src/core/errors/errors';
import { createOpenAIClient } from '../../src/core/client/openaiClient';
import { startMockCometServer, type MockCometServer } from '../support/mockCometServer';

const REQUEST_ID = '20250826093015123456abcdEFGH';

/** An SDK error exactly as the SDK builds it from an HTTP error answer with CometAPI's body. */
function httpError(status: number, message: string, code = '', headers: Record<string, string> = {}): APIError {
  const body = { error: { message: `${message} (request id: ${REQUEST_ID})`, type: 'comet_api_error', param: '', code } };
  return APIError.generate(status, body, undefined, new Headers(headers));
}

/** What the SDK throws for a `{"error":{...}}` chunk inside a 200 stream: an APIError without status. */
function inStreamError(message: string, code = ''): APIError {
  return new APIError(undefined, { message, type: 'comet_api_error', code }, undefined, new Headers());
}

/** undici's shape for network failures: TypeError("fetch failed") caused by a system error with a code. */
function networkError(code: string, message: string): APIConnectionError {
  const systemError = Object.assign(new Error(message), { code });
  return new APIConnectionError({ message: 'Connection error.', cause: new TypeError('fetch failed', { cause: systemError }) });
}

describe('classifyError: HTTP answers', () => {
  it('401 -> auth, plain sentence, request id, Set API key', () => {
    const info = classifyError(httpError(401, 'Invalid token'));
    assert.equal(info.kind, 'auth');
    assert.equal(info.message, 'CometAPI rejected the API key (401). Set a valid key.');
    assert.equal(info.requestId, REQUEST_ID);
    assert.equal(info.status, 401);
    assert.deepEqual(info.actions, ['setApiKey']);
  });

  it('"invalid token" without a 401 still reads as auth', () => {
    assert.equal(classifyError(inStreamError('Invalid token (request id: 1)')).kind, 'auth');
  });

  it('403 insufficient_user_quota -> quota with Retry (topping up happens on the website)', () => {
    const info = classifyError(httpError(403, 'user quota is not enough', 'insufficient_user_quota'));
    assert.equal(info.kind, 'quota');
    assert.match(info.message, /balance is used up/);
    assert.deepEqual(info.actions, ['retry']);
  });

  it('429 -> rateLimit, retried automatically', () => {
    const info = classifyError(httpError(429, 'Rate limit reached', 'rate_limit_exceeded', { 'retry-after': '1' }));
    assert.equal(info.kind, 'rateLimit');
    assert.match(info.message, /rate limiting/);
    assert.equal(isRetryable(info), true);
  });

  it('503 model_not_found -> modelNotFound naming the model, Pick a model, not retried', () => {
    const info = classifyError(httpError(503, 'no available channel for group default and model gpt-9-turbo (distributor)', 'model_not_found'));
    assert.equal(info.kind, 'modelNotFound');
    assert.equal(info.message, 'The model "gpt-9-turbo" is not available on CometAPI (503 model_not_found). Pick another model.');
    assert.deepEqual(info.actions, ['selectModel']);
    assert.equal(isRetryable(info), false);
  });

  it('prefers the model the caller asked for over the one parsed from the message', () => {
    const info = classifyError(httpError(404, 'The model `foo` does not exist'), { model: 'foo-bar' });
    assert.equal(info.kind, 'modelNotFound');
    assert.match(info.message, /"foo-bar"/);
  });

  it('an HTML page on an error status -> badBaseUrl naming the URL, never "Unexpected token"', () => {
    const error = APIError.generate(404, undefined, '<!DOCTYPE html><html><body>Not found</body></html>', new Headers());
    const info = classifyError(error, { baseUrl: 'https://cometapi.com/v1' });
    assert.equal(info.kind, 'badBaseUrl');
    assert.equal(info.message, 'The base URL looks wrong: https://cometapi.com/v1 answered with a web page (404), not the API.');
    assert.deepEqual(info.actions, ['openSettings']);
  });

  it('a JSON 404 and a redirect -> badBaseUrl', () => {
    assert.equal(classifyError(httpError(404, 'Invalid URL (POST /chat/completions)')).kind, 'badBaseUrl');
    assert.equal(classifyError(APIError.generate(301, undefined, 'Moved Permanently', new Headers())).kind, 'badBaseUrl');
  });

  it('400 and 500 invalid_request -> badRequest quoting the server', () => {
    const info400 = classifyError(httpError(400, 'model name is required'));
    assert.equal(info400.kind, 'badRequest');
    assert.equal(info400.message, 'CometAPI refused the request (400). Server said: "model name is required"');
    assert.equal(classifyError(httpError(500, 'field messages is required', 'invalid_request')).kind, 'badRequest');
    assert.equal(isRetryable(info400), false);
  });

  for (const status of [500, 502, 504, 524]) {
    it(`${status} upstream trouble -> server, retried`, () => {
      const info = classifyError(httpError(status, 'upstream error: do request failed', 'do_request_failed'));
      assert.equal(info.kind, 'server');
      assert.match(info.message, new RegExp(`\\(${status}\\)`));
      assert.equal(isRetryable(info), true);
    });
  }

  it("Cloudflare's HTML 524 page is upstream trouble, not a wrong base URL", () => {
    const error = APIError.generate(524, undefined, '<!DOCTYPE html><html><title>524: A timeout occurred</title></html>', new Headers());
    const info = classifyError(error);
    assert.equal(info.kind, 'server');
    assert.doesNotMatch(info.message, /<html|DOCTYPE/i);
  });

  it('takes the request id from headers when the message has none', () => {
    const error = APIError.generate(500, { error: { message: 'boom' } }, undefined, new Headers({ 'x-oneapi-request-id': 'oneapi-77' }));
    assert.equal(classifyError(error).requestId, 'oneapi-77');
    const withStandardHeader = APIError.generate(500, { error: { message: 'boom' } }, undefined, new Headers({ 'x-request-id': 'req_88' }));
    assert.equal(classifyError(withStandardHeader).requestId, 'req_88');
  });

  it('never shows the key, even when the server echoes it', () => {
    const error = httpError(400, 'bad key sk-live-abcdef123456 and my-odd-key');
    const info = classifyError(error, { secrets: ['my-odd-key'] });
    assert.doesNotMatch(info.message, /abcdef123456|my-odd-key/);
  });
});

describe('classifyError: no HTTP status', () => {
  it('an error chunk before any text -> classified by its words (server when unknown)', () => {
    assert.equal(classifyError(inStreamError('upstream error: stream interrupted')).kind, 'server');
    assert.equal(classifyError(inStreamError('user quota is not enough', 'insufficient_user_quota')).kind, 'quota');
  });

  it('an error chunk after text reached the person -> streamBroken quoting the server', () => {
    const info = classifyError(inStreamError(`upstream error: stream interrupted (request id: ${REQUEST_ID})`), { afterFirstToken: true });
    assert.equal(info.kind, 'streamBroken');
    assert.match(info.message, /cut off.*Server said: "upstream error: stream interrupted"/);
    assert.equal(info.requestId, REQUEST_ID);
  });

  it('connection refused -> network, retried', () => {
    const info = classifyError(networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'), { baseUrl: 'http://127.0.0.1:9/v1' });
    assert.equal(info.kind, 'network');
    assert.match(info.message, /Could not connect to http:\/\/127\.0\.0\.1:9\/v1 \(connection refused\)/);
    assert.equal(isRetryable(info), true);
  });

  it('an unknown host -> badBaseUrl naming the host', () => {
    const info = classifyError(networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND api.cometapi.con'));
    assert.equal(info.kind, 'badBaseUrl');
    assert.match(info.message, /host "api\.cometapi\.con" could not be found/);
  });

  it('connection reset: network before the first token, streamBroken after it', () => {
    const dropped = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    assert.equal(classifyError(dropped).kind, 'network');
    assert.equal(classifyError(dropped, { afterFirstToken: true }).kind, 'streamBroken');
  });

  it('a JSON parse failure of a web page -> badBaseUrl, never "Unexpected token"', () => {
    const info = classifyError(new SyntaxError(`Unexpected token '<', "<!DOCTYPE "... is not valid JSON`), { baseUrl: 'https://example.com/v1' });
    assert.equal(info.kind, 'badBaseUrl');
    assert.doesNotMatch(info.message, /Unexpected token/);
  });

  it('header timeout -> timeout quoting the seconds', () => {
    const info = classifyError(new APIConnectionTimeoutError(), { timeoutMs: 30_000 });
    assert.equal(info.kind, 'timeout');
    assert.match(info.message, /within 30 s/);
  });

  it("the SDK's header timeout (an abort underneath) is a timeout, not a Stop", () => {
    const error = Object.assign(new APIConnectionTimeoutError(), { cause: new DOMException('This operation was aborted', 'AbortError') });
    assert.equal(classifyError(error).kind, 'timeout');
  });

  it('abort -> cancelled with no actions', () => {
    assert.deepEqual(classifyError(new APIUserAbortError()), { kind: 'cancelled', message: 'Stopped.', actions: [] });
    assert.equal(classifyError(new DOMException('This operation was aborted', 'AbortError')).kind, 'cancelled');
  });

  it('no key set -> auth with Set API key', () => {
    const info = classifyError(new MissingApiKeyError());
    assert.equal(info.kind, 'auth');
    assert.deepEqual(info.actions, ['setApiKey']);
  });

  it('anything else -> a sentence, not a crash', () => {
    assert.equal(classifyError(undefined).kind, 'server');
    assert.equal(classifyError('weird').kind, 'server');
    assert.equal(classifyError(new Error('odd'), { afterFirstToken: true }).kind, 'streamBroken');
  });
});

describe('classifyError on what the real SDK throws', () => {
  let server: MockCometServer;
  before(async () => {
    server = await startMockCometServer();
  });
  after(async () => {
    await server.close();
  });

  it('a wrong key against the mock server -> auth with its request id', async () => {
    const client = createOpenAIClient({ baseUrl: server.url, apiKey: 'sk-wrong-key-123456', timeoutMs: 5000 });
    const error = await client.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }] }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    const info = classifyError(error, { secrets: ['sk-wrong-key-123456'] });
    assert.equal(info.kind, 'auth');
    assert.match(info.requestId ?? '', /^\d{17}/);
  });

  it('a base URL pointing at a website path -> badBaseUrl', async () => {
    const baseUrl = `${server.origin}/not-the-api`;
    const client = createOpenAIClient({ baseUrl, apiKey: server.apiKey, timeoutMs: 5000 });
    const error = await client.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }] }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    const info = classifyError(error, { baseUrl });
    assert.equal(info.kind, 'badBaseUrl');
    assert.match(info.message, /answered with a web page \(404\)/);
  });

  it('a port nobody listens on -> network', async () => {
    const port = await new Promise<number>((resolvePort) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const baseUrl = `http://127.0.0.1:${port}/v1`;
    const client = createOpenAIClient({ baseUrl, apiKey: server.apiKey, timeoutMs: 5000 });
    const error = await client.models.list().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    const info = classifyError(error, { baseUrl });
    assert.equal(info.kind, 'network');
    assert.match(info.message, /connection refused/);
  });
});
