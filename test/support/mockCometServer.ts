// A real HTTP server on 127.0.0.1 that speaks CometAPI's wire format (docs/cometapi-wire.md), for client
// tests, host tests and end-to-end runs. Every request is recorded (without the key) so tests can check what
// was actually sent.
//
// Scenario for a POST (chat completions or responses), first match wins:
//   1. header `x-mock-scenario: <name>`
//   2. the queue (`enqueue('status-429', 'markdown')`: the next requests take these in order)
//   3. a token `scenario:<name>` in the LAST user message (so a person or a UI test can pick one by typing)
//   4. the default scenario (`markdown` unless `setDefaultScenario` changed it)
// A wrong or missing Bearer key always gets CometAPI's 401, before any scenario.
//
// As a script: `node --import tsx test/support/mockCometServer.ts [--port N] [--ignore-stdin]` prints
// `MOCK_URL=<url>` and runs until SIGTERM/SIGINT, stdin closing, or 30 minutes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import { answerChatCompletion, type StreamHandlerContext } from './mockCometChat';
import { DEFAULT_MODEL_IDS, modelsListBody, publicCatalogueBody, type ModelsEnvelope } from './mockCometCatalogue';
import { conversationFacts } from './mockCometReplies';
import { imagesInRequest, isVisionModel, visionRefusalMessage } from './mockCometImages';
import { PromptCache, anthropicErrorType, answerMessages, sendAnthropicError } from './mockCometMessages';
import { answerResponses } from './mockCometResponses';
import { QUOTA_PATH, answerQuota, defaultMockQuota, type MockQuota } from './mockCometQuota';
import { isScenarioName, isStatusScenario, scenarioFromText, statusScenarioError, type ScenarioName } from './mockCometScenarios';
import { TimerSet, newRequestId, sendCometError, sendHtmlPage, sendJson, type JsonObject } from './mockCometWire';

export { SCENARIO_NAMES, type ScenarioName } from './mockCometScenarios';

export interface MockCometServerOptions {
  /** The only key accepted (default `sk-test-valid`). */
  readonly apiKey?: string;
  /** Port to listen on; default a random free one. */
  readonly port?: number;
  /** Ids GET /v1/models lists (default: about 45 real CometAPI ids, chat and non-chat). */
  readonly models?: readonly string[];
  /** `comet` (default): `{success: true, data}`; `openai`: `{object: 'list', data}`. */
  readonly modelsEnvelope?: ModelsEnvelope;
  /** false: GET /api/models answers 404, as a deployment without the public catalogue would. */
  readonly publicCatalogue?: boolean;
  readonly defaultScenario?: ScenarioName;
  /** Pause between chunks of normal streams (default 2 ms; `slow` always uses 50 ms). */
  readonly chunkDelayMs?: number;
  /** Requests served before the server refuses more (default 10 000), so a runaway loop cannot spin forever. */
  readonly maxRequests?: number;
  /** Answers made for showing the extension (`npm start`): a table, code in two languages, reasoning. */
  readonly demoAnswers?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** Request headers, lowercased, with `authorization` left out. */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the Bearer key matched; the key itself is never recorded. */
  readonly authorized: boolean;
  /** The parsed JSON body, if there was one. */
  readonly body: JsonObject | undefined;
  /** The scenario a POST was answered with. */
  readonly scenario?: ScenarioName;
  /** Set when the client closed the connection before the answer ended (Stop, a cancelled request). */
  readonly clientClosedEarly?: boolean;
}

export interface MockCometServer {
  /** Base URL to give the client, e.g. `http://127.0.0.1:40123/v1`. */
  readonly url: string;
  /** scheme://host:port, where the public catalogue `/api/models` lives. */
  readonly origin: string;
  readonly apiKey: string;
  readonly requests: readonly RecordedRequest[];
  /** Queues scenarios for the next POSTs, in order: `enqueue('status-429', 'markdown')`. */
  enqueue(...scenarios: ScenarioName[]): void;
  setDefaultScenario(name: ScenarioName): void;
  /** What `GET /user/quota` answers: change its fields to set the balance or make it fail. */
  readonly quota: MockQuota;
  /**
   * Per model id: milliseconds a chat completion waits after its first chunk before any text (a model slow to
   * start), so a comparison can show answers streaming side by side. Set and delete entries from tests.
   */
  readonly firstTokenDelayMs: Record<string, number>;
  /** Per model id: the scenario its requests get whatever the question says (a model that fails, or was removed). */
  readonly modelScenarios: Record<string, ScenarioName>;
  clearRequests(): void;
  close(): Promise<void>;
}

/** Room for a question with several 4 MB images (base64 in JSON); more is a client bug. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

function headersWithoutKey(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name !== 'authorization' && value !== undefined) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return headers;
}

export async function startMockCometServer(options: MockCometServerOptions = {}): Promise<MockCometServer> {
  const apiKey = options.apiKey ?? 'sk-test-valid';
  const maxRequests = options.maxRequests ?? 10_000;
  const timers = new TimerSet();
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  const queue: ScenarioName[] = [];
  let defaultScenario: ScenarioName = options.defaultScenario ?? 'markdown';
  let served = 0;
  const promptCache = new PromptCache();
  const quota = defaultMockQuota();
  const firstTokenDelayMs: Record<string, number> = {};
  const modelScenarios: Record<string, ScenarioName> = {};

  function pickScenario(req: IncomingMessage, body: JsonObject): ScenarioName {
    const fromHeader = req.headers['x-mock-scenario'];
    if (isScenarioName(fromHeader)) {
      return fromHeader;
    }
    const forModel = typeof body.model === 'string' && Object.hasOwn(modelScenarios, body.model) ? modelScenarios[body.model] : undefined;
    if (forModel) {
      return forModel;
    }
    const queued = queue.shift();
    if (queued) {
      return queued;
    }
    return scenarioFromText(conversationFacts(body).lastUserText) ?? defaultScenario;
  }

  function answerPost(
    req: IncomingMessage,
    res: ServerResponse,
    body: JsonObject,
    requestId: string,
    endpoint: 'chat' | 'responses' | 'messages',
  ): ScenarioName {
    const scenario = pickScenario(req, body);
    const model = typeof body.model === 'string' ? body.model : '';
    const context: StreamHandlerContext = {
      res,
      body,
      requestId,
      timers,
      chunkDelayMs: options.chunkDelayMs ?? 2,
      demoAnswers: options.demoAnswers === true,
      firstTokenDelayMs: Object.hasOwn(firstTokenDelayMs, model) ? firstTokenDelayMs[model] : 0,
    };
    if (imagesInRequest(body).length > 0 && !isVisionModel(model)) {
      // Images to a model that cannot see them: the provider's 400, in each endpoint's own shape.
      if (endpoint === 'messages') {
        sendAnthropicError(context, 400, anthropicErrorType(400), visionRefusalMessage(model));
      } else {
        sendCometError(res, { status: 400, message: visionRefusalMessage(model), code: 'invalid_request_error' }, requestId);
      }
    } else if (endpoint === 'messages' && isStatusScenario(scenario) && scenario !== 'status-503-model-not-found') {
      // CometAPI passes Anthropic's errors through in Anthropic's shape; its own routing error keeps CometAPI's.
      const spec = statusScenarioError(scenario, typeof body.model === 'string' ? body.model : '');
      sendAnthropicError(context, spec.status, anthropicErrorType(spec.status), spec.message, spec.headers);
    } else if (scenario === 'page-404') {
      sendHtmlPage(res, 404, requestId);
    } else if (isStatusScenario(scenario)) {
      sendCometError(res, statusScenarioError(scenario, typeof body.model === 'string' ? body.model : ''), requestId);
    } else if (scenario === 'html') {
      sendHtmlPage(res, 200, requestId);
    } else if (scenario === 'slow-headers') {
      // Send nothing at all; the client's header timeout (or close()) ends this.
    } else if (endpoint === 'messages') {
      void answerMessages(scenario, context, promptCache).catch(() => res.destroy());
    } else if (endpoint === 'chat') {
      void answerChatCompletion(scenario, context).catch(() => res.destroy());
    } else {
      void answerResponses(scenario, context).catch(() => res.destroy());
    }
    return scenario;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    served += 1;
    const requestId = newRequestId();
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    const rawBody = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    const body = rawBody === '' ? undefined : parseJson(rawBody);
    const authorized = req.headers.authorization === `Bearer ${apiKey}`;
    const record = { method, path, headers: headersWithoutKey(req), authorized, body };
    if (served > maxRequests) {
      requests.push(record);
      res.setHeader('connection', 'close');
      sendCometError(res, { status: 503, message: `mock server request limit (${maxRequests}) reached`, code: 'mock_limit' }, requestId);
      return;
    }
    if (method === 'GET' && path === '/api/models') {
      requests.push(record);
      if (options.publicCatalogue === false) {
        sendHtmlPage(res, 404, requestId);
      } else {
        sendJson(res, 200, publicCatalogueBody(), requestId);
      }
      return;
    }
    if (method === 'GET' && path === QUOTA_PATH) {
      // The record's path has no query string, so the key in it is never recorded.
      requests.push(record);
      answerQuota(req, res, quota, apiKey, requestId);
      return;
    }
    const isApiPath = path === '/v1/models' || path === '/v1/chat/completions' || path === '/v1/responses' || path === '/v1/messages';
    if (!isApiPath) {
      // What a website answers for a path it does not know: a page, not JSON.
      requests.push(record);
      sendHtmlPage(res, 404, requestId);
      return;
    }
    if (!authorized) {
      requests.push(record);
      sendCometError(res, { status: 401, message: 'Invalid token', code: '' }, requestId);
      return;
    }
    if (method === 'GET' && path === '/v1/models') {
      requests.push(record);
      sendJson(res, 200, modelsListBody(options.models ?? DEFAULT_MODEL_IDS, options.modelsEnvelope ?? 'comet'), requestId);
      return;
    }
    if (method !== 'POST' || path === '/v1/models') {
      requests.push(record);
      sendCometError(res, { status: 404, message: `Invalid URL (${method} ${path})`, code: '' }, requestId);
      return;
    }
    if (!body) {
      requests.push(record);
      sendCometError(res, { status: 500, message: 'field messages is required', code: 'invalid_request' }, requestId);
      return;
    }
    const scenario = answerPost(req, res, body, requestId, path === '/v1/responses' ? 'responses' : path === '/v1/messages' ? 'messages' : 'chat');
    const entry: { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] } = { ...record, scenario };
    requests.push(entry);
    res.once('close', () => {
      if (!res.writableEnded) {
        entry.clientClosedEarly = true;
      }
    });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(400).end();
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('mock server has no TCP address');
  }
  const origin = `http://127.0.0.1:${address.port}`;

  return {
    url: `${origin}/v1`,
    origin,
    apiKey,
    requests,
    enqueue(...scenarios) {
      queue.push(...scenarios);
    },
    setDefaultScenario(name) {
      defaultScenario = name;
    },
    quota,
    firstTokenDelayMs,
    modelScenarios,
    clearRequests() {
      requests.length = 0;
    },
    close() {
      timers.cancelAll();
      queue.length = 0;
      return new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        for (const socket of sockets) {
          socket.destroy();
        }
      });
    },
  };
}

/** Script mode, for manual use and end-to-end runs. */
async function runAsScript(argv: readonly string[]): Promise<void> {
  const portIndex = argv.indexOf('--port');
  const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : undefined;
  const server = await startMockCometServer(port !== undefined && Number.isInteger(port) ? { port } : {});
  process.stdout.write(`MOCK_URL=${server.url}\nMOCK_API_KEY=${server.apiKey}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  if (!argv.includes('--ignore-stdin')) {
    // The parent closing our stdin (or dying) must not leave an orphaned server behind.
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.resume();
  }
  setTimeout(stop, 30 * 60 * 1000).unref();
  // unref'd timers do not keep the process up; the listening server does, until stop().
}

if (process.argv[1] && /mockCometServer\.(ts|js|mjs|cjs)$/.test(resolve(process.argv[1]))) {
  void runAsScript(process.argv.slice(2));
}
