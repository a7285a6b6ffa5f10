// The mock's `GET /user/quota?key=<key>`, CometAPI's balance API (docs/cometapi-wire.md, "Balance"): the key is
// checked in the query string, the balance can be set by a test, and it can fail the ways the real one might
// (a 401, a 500, a web page instead of JSON).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendCometError, sendHtmlPage, sendJson } from './mockCometWire';

export const QUOTA_PATH = '/user/quota';

/** What the quota endpoint answers next: its balance, or a failure. */
export type QuotaFailure = 'status-401' | 'status-500' | 'html';

export interface MockQuota {
  /** USD left on the account; -1 means unlimited. */
  totalQuota: number;
  totalUsedQuota: number;
  requestCount: number;
  /** The key's own limit; -1 means unlimited. */
  keyRemainQuota: number;
  /** When set, every request fails this way (whatever the key). */
  failure: QuotaFailure | undefined;
}

export function defaultMockQuota(): MockQuota {
  return { totalQuota: 12.5, totalUsedQuota: 3.75, requestCount: 42, keyRemainQuota: -1, failure: undefined };
}

/** Answers a quota request; `apiKey` is the only key accepted. */
export function answerQuota(req: IncomingMessage, res: ServerResponse, quota: MockQuota, apiKey: string, requestId: string): void {
  const key = new URL(req.url ?? '/', 'http://mock.invalid').searchParams.get('key');
  if (quota.failure === 'html') {
    sendHtmlPage(res, 200, requestId);
  } else if (quota.failure === 'status-500') {
    sendCometError(res, { status: 500, message: 'upstream error', code: '' }, requestId);
  } else if (quota.failure === 'status-401' || key !== apiKey) {
    sendCometError(res, { status: 401, message: 'Invalid token', code: '' }, requestId);
  } else {
    sendJson(
      res,
      200,
      {
        username: 'mock-user',
        total_quota: quota.totalQuota,
        total_used_quota: quota.totalUsedQuota,
        request_count: quota.requestCount,
        keys: [{ name: 'mock-key', remain_quota: quota.keyRemainQuota, used_quota: quota.totalUsedQuota }],
      },
      requestId,
    );
  }
}
