// The named scenarios of the mock CometAPI and the error answers they share between /v1/chat/completions and
// /v1/responses. See mockCometServer.ts for how a request picks one.

/** Scenarios answered with a CometAPI error body (the same on both POST endpoints). */
export const STATUS_SCENARIOS = [
  'status-400',
  'status-401',
  'status-403-quota',
  'status-429',
  'status-500',
  'status-500-invalid-request',
  'status-502',
  'status-504',
  'status-524',
  'status-503-model-not-found',
  // Anthropic's "overloaded" (on /v1/messages in Anthropic's error shape, elsewhere in CometAPI's).
  'status-529-overloaded',
] as const;

/** Scenarios that stream (or fail to). */
export const STREAM_SCENARIOS = [
  'markdown',
  'slow',
  'reasoning',
  'reasoning-alt',
  'no-done',
  'error-in-stream',
  'drop',
  'stall',
  'multibyte',
  'html',
  'slow-headers',
  // Text, then the connection closes cleanly: no finish_reason, no [DONE] (no response.completed).
  'end-without-finish',
  // Text, then an event whose JSON is cut short, then the end.
  'malformed-after-text',
  // Responses API only: `response.failed` after some text.
  'response-failed',
  // /v1/messages only (mockCometMessages.ts): an `overloaded_error` event before any text.
  'overloaded-in-stream',
  // Any POST: a website's 404 page, as a base URL or account without that endpoint answers.
  'page-404',
  // Chat completions or Responses with `tools` (mockCometTools.ts): one call, two interleaved calls, arguments cut mid-JSON.
  'tool-call',
  'tool-calls-parallel',
  'tool-call-bad-json',
] as const;

export type StatusScenario = (typeof STATUS_SCENARIOS)[number];
export type ScenarioName = StatusScenario | (typeof STREAM_SCENARIOS)[number];

export const SCENARIO_NAMES: readonly ScenarioName[] = [...STREAM_SCENARIOS, ...STATUS_SCENARIOS];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

export function isStatusScenario(name: ScenarioName): name is StatusScenario {
  return (STATUS_SCENARIOS as readonly string[]).includes(name);
}

/** The error each status scenario answers with; messages are CometAPI's own where known (wire doc). */
export function statusScenarioError(
  name: StatusScenario,
  model: string,
): {
  status: number;
  message: string;
  code: string;
  omitParam?: boolean;
  headers?: Record<string, string>;
} {
  switch (name) {
    case 'status-400':
      return { status: 400, message: 'model name is required', code: '' };
    case 'status-401':
      return { status: 401, message: 'Invalid token', code: '' };
    case 'status-403-quota':
      return { status: 403, message: 'user quota is not enough', code: 'insufficient_user_quota' };
    case 'status-429':
      return {
        status: 429,
        message: 'Rate limit reached for requests, please try again later',
        code: 'rate_limit_exceeded',
        omitParam: true,
        headers: { 'retry-after': '1' },
      };
    case 'status-500':
      return { status: 500, message: 'upstream error: do request failed', code: 'do_request_failed' };
    case 'status-500-invalid-request':
      return { status: 500, message: 'field messages is required', code: 'invalid_request' };
    case 'status-502':
      return { status: 502, message: 'bad response status code 502', code: 'bad_response_status_code' };
    case 'status-504':
      return { status: 504, message: 'upstream gateway timeout', code: 'gateway_timeout' };
    case 'status-524':
      return { status: 524, message: 'upstream timed out (a timeout occurred)', code: 'bad_response_status_code' };
    case 'status-503-model-not-found':
      return { status: 503, message: `no available channel for group default and model ${model} (distributor)`, code: 'model_not_found' };
    case 'status-529-overloaded':
      return { status: 529, message: 'Overloaded', code: 'overloaded_error' };
  }
}

/** Finds a `scenario:<name>` token typed into a message (so end-to-end UI tests can pick one by typing). */
export function scenarioFromText(text: string): ScenarioName | undefined {
  for (const match of text.matchAll(/scenario:([a-z0-9-]+)/gi)) {
    const name = match[1].toLowerCase();
    if (isScenarioName(name)) {
      return name;
    }
  }
  return undefined;
}
