// The balance from CometAPI's quota API, asked of the real mock server over HTTP (no mocked network client):
// parsing (including -1 for unlimited), every failure said plainly, the throttle, the once-only low-balance
// warning, and the rule that the URL carrying the key never reaches a message or a log line.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fetchBalance } from '../../src/core/balance/balanceFetch';
import { parseBalance, spendableUsd } from '../../src/core/balance/balanceParse';
import { balanceSummary } from '../../src/core/balance/balanceText';
import { balanceEndpointLabel, balanceRequestUrl, balanceUrlProblem } from '../../src/core/balance/balanceUrl';
import { BALANCE_REFRESH_INTERVAL_MS, BalanceThrottle, LowBalanceAlarm } from '../../src/core/balance/balanceWatch';
import { redactSecrets } from '../../src/core/errors/redact';
import { defaultMockQuota } from '../support/mockCometQuota';
import { type MockCometServer, startMockCometServer } from '../support/mockCometServer';

describe('balance from the mock quota API over real HTTP', () => {
  let server: MockCometServer;
  let balanceUrl: string;

  before(async () => {
    server = await startMockCometServer();
    balanceUrl = `${server.origin}/user/quota`;
  });
  after(() => server.close());
  beforeEach(() => Object.assign(server.quota, defaultMockQuota()));

  test('reads remaining, used and the request count', async () => {
    Object.assign(server.quota, { totalQuota: 2105.23, totalUsedQuota: 21.07, requestCount: 1221, keyRemainQuota: 8.94 });
    const result = await fetchBalance({ balanceUrl, apiKey: server.apiKey });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.deepEqual(result.balance, { remaining: 2105.23, used: 21.07, requestCount: 1221, keyRemaining: 8.94 });
    assert.equal(spendableUsd(result.balance), 8.94);
    assert.equal(balanceSummary(result.balance), 'Balance: $2105.23 left ($8.94 left on this key). Used: $21.07. Requests: 1,221.');
  });

  test('-1 means unlimited, never "$-1.00"', async () => {
    Object.assign(server.quota, { totalQuota: -1, keyRemainQuota: -1 });
    const result = await fetchBalance({ balanceUrl, apiKey: server.apiKey });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(result.balance.remaining, 'unlimited');
    assert.equal(spendableUsd(result.balance), undefined);
    assert.match(balanceSummary(result.balance), /^Balance: unlimited left\. Used: \$3\.75\. Requests: 42\.$/);
  });

  test('a key the service rejects is said to be not accepted', async () => {
    const result = await fetchBalance({ balanceUrl, apiKey: 'sk-wrong-key-123' });
    assert.equal(result.ok ? 'ok' : result.kind, 'auth');
    assert.match(result.ok ? '' : result.message, /did not accept your API key \(HTTP 401\)/);
  });

  test('a 500 is named with its status', async () => {
    server.quota.failure = 'status-500';
    const result = await fetchBalance({ balanceUrl, apiKey: server.apiKey });
    assert.equal(result.ok ? 'ok' : result.kind, 'status');
    assert.match(result.ok ? '' : result.message, /answered HTTP 500/);
  });

  test('a web page instead of JSON "did not answer with balance data"', async () => {
    server.quota.failure = 'html';
    const result = await fetchBalance({ balanceUrl, apiKey: server.apiKey });
    assert.equal(result.ok ? 'ok' : result.kind, 'not-balance');
    assert.match(result.ok ? '' : result.message, /did not answer with balance data/);
  });

  test('JSON that is not the quota answer (the public catalogue) is not balance data either', async () => {
    const result = await fetchBalance({ balanceUrl: `${server.origin}/api/models`, apiKey: server.apiKey });
    assert.equal(result.ok ? 'ok' : result.kind, 'not-balance');
    assert.equal(parseBalance({ total_quota: '12' }), undefined);
  });

  test('a server that cannot be reached is a network error', async () => {
    const gone = await startMockCometServer();
    const goneUrl = `${gone.origin}/user/quota`;
    await gone.close();
    const result = await fetchBalance({ balanceUrl: goneUrl, apiKey: server.apiKey });
    assert.equal(result.ok ? 'ok' : result.kind, 'network');
    assert.match(result.ok ? '' : result.message, /Could not reach the balance service/);
  });

  test('the key reaches the server in the query string, and the mock never records it', async () => {
    server.clearRequests();
    await fetchBalance({ balanceUrl, apiKey: server.apiKey });
    const quotaRequest = server.requests.find((request) => request.path === '/user/quota');
    assert.ok(quotaRequest?.path, 'the quota endpoint was asked');
    assert.ok(!JSON.stringify(server.requests).includes(server.apiKey));
  });
});

describe('the URL carrying the key never reaches a message or a log line', () => {
  const apiKey = 'sk-balance-secret-0123456789';
  const balanceUrl = 'https://query.cometapi.com/user/quota';

  test('builds {balanceUrl}?key=<key> and names the endpoint without the query', () => {
    const full = balanceRequestUrl(balanceUrl, apiKey);
    assert.equal(full, `${balanceUrl}?key=${apiKey}`);
    assert.equal(balanceEndpointLabel(full), balanceUrl);
  });

  test('a fetch error quoting the full URL is not passed on', async () => {
    let askedFor = '';
    const result = await fetchBalance({
      balanceUrl,
      apiKey,
      fetch: (url) => {
        askedFor = url;
        return Promise.reject(new TypeError(`fetch failed: getaddrinfo ENOTFOUND for ${url}`));
      },
    });
    assert.ok(askedFor.includes(apiKey), 'the fetch itself did get the key');
    assert.equal(result.ok ? 'ok' : result.kind, 'network');
    const message = result.ok ? '' : result.message;
    assert.ok(!message.includes(apiKey) && !message.includes('key='), message);
    assert.ok(message.includes(balanceUrl), 'the endpoint is named by origin and path');
  });

  test('every failure message leaves the key out', async () => {
    for (const status of [401, 403, 500, 200]) {
      const result = await fetchBalance({
        balanceUrl,
        apiKey,
        fetch: () => Promise.resolve({ status, text: () => Promise.resolve(`<html>${balanceRequestUrl(balanceUrl, apiKey)}</html>`) }),
      });
      assert.equal(result.ok, false);
      assert.ok(!JSON.stringify(result).includes(apiKey), `HTTP ${status}: ${JSON.stringify(result)}`);
    }
  });

  test('the logger would mask the key in the URL anyway, known or not', () => {
    const line = `GET ${balanceRequestUrl(balanceUrl, apiKey)} failed`;
    assert.ok(!redactSecrets(line, [apiKey]).includes(apiKey));
    const unknownKey = 'abcDEF0123456789xyz';
    const masked = redactSecrets(`GET ${balanceRequestUrl(balanceUrl, unknownKey)} failed`);
    assert.ok(!masked.includes(unknownKey), masked);
  });

  test('only https, or http to this computer, may carry the key', () => {
    assert.equal(balanceUrlProblem(balanceUrl), undefined);
    assert.equal(balanceUrlProblem('http://127.0.0.1:4000/user/quota'), undefined);
    assert.match(balanceUrlProblem('http://quota.example.com/user/quota') ?? '', /must use https/);
    assert.match(balanceUrlProblem('not a url') ?? '', /not a valid URL/);
  });

  test('a refused URL is never fetched', async () => {
    let fetched = false;
    const result = await fetchBalance({
      balanceUrl: 'http://quota.example.com/user/quota',
      apiKey,
      fetch: () => {
        fetched = true;
        return Promise.reject(new Error('should not be called'));
      },
    });
    assert.equal(fetched, false);
    assert.equal(result.ok ? 'ok' : result.kind, 'bad-url');
  });
});

describe('refresh throttle and low-balance warning', () => {
  test('background refreshes run at most every 10 minutes, and a manual one counts', () => {
    const throttle = new BalanceThrottle();
    assert.equal(throttle.tryStart(0), true);
    assert.equal(throttle.tryStart(60_000), false, 'an answer a minute later does not ask again');
    assert.equal(throttle.tryStart(BALANCE_REFRESH_INTERVAL_MS - 1), false);
    assert.equal(throttle.tryStart(BALANCE_REFRESH_INTERVAL_MS), true);
    throttle.recordAttempt(BALANCE_REFRESH_INTERVAL_MS * 3);
    assert.equal(throttle.tryStart(BALANCE_REFRESH_INTERVAL_MS * 3 + 1000), false);
  });

  test('warns once below the threshold, and again only after going back above', () => {
    const alarm = new LowBalanceAlarm();
    assert.equal(alarm.observe(5, 1), false);
    assert.equal(alarm.observe(0.8, 1), true, 'falls below $1: one warning');
    assert.equal(alarm.observe(0.5, 1), false, 'still low: no second warning');
    assert.equal(alarm.observe(0.2, 1), false);
    assert.equal(alarm.observe(20, 1), false, 'topped up');
    assert.equal(alarm.observe(0.9, 1), true, 'low again after a top-up: warns again');
  });

  test('0 turns the warning off; unlimited never warns', () => {
    const alarm = new LowBalanceAlarm();
    assert.equal(alarm.observe(0.1, 0), false);
    assert.equal(alarm.observe(undefined, 1), false);
  });
});
