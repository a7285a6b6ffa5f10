import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_KEY_ORIGIN, decideKeyDestination, isLoopbackHost, keyOriginOf, refusalReason, restoreTrustedOrigins } from '../../src/core/security/keyOrigin';

const boundTo = (boundOrigin: string | undefined, trustedOrigins: string[] = []) => ({ boundOrigin, trustedOrigins });

describe('isLoopbackHost', () => {
  const cases: [string, boolean][] = [
    ['localhost', true],
    ['LOCALHOST', true],
    ['localhost.', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['127.255.255.255', true],
    ['[::1]', true],
    ['128.0.0.1', false],
    ['127.0.0.256', false],
    ['10.0.0.1', false],
    ['192.168.1.10', false],
    ['localhost.evil.example', false],
    ['127.0.0.1.evil.example', false],
    ['evil-localhost', false],
    ['[::2]', false],
    ['api.cometapi.com', false],
  ];
  for (const [host, expected] of cases) {
    it(`${host} -> ${expected}`, () => assert.equal(isLoopbackHost(host), expected));
  }

  it('agrees with how URLs spell loopback addresses (127.1 and [0:0::1] normalise)', () => {
    assert.equal(isLoopbackHost(new URL('http://127.1:8080/').hostname), true);
    assert.equal(isLoopbackHost(new URL('http://[0:0:0:0:0:0:0:1]/').hostname), true);
  });
});

describe('keyOriginOf', () => {
  it('compares origins, not spellings of the base URL', () => {
    assert.equal(keyOriginOf('https://api.cometapi.com'), DEFAULT_KEY_ORIGIN);
    assert.equal(keyOriginOf('https://API.cometapi.com/v1/chat/completions'), DEFAULT_KEY_ORIGIN);
    assert.equal(keyOriginOf('https://api.cometapi.com:443/v1/'), DEFAULT_KEY_ORIGIN);
    assert.notEqual(keyOriginOf('https://api.cometapi.com:8443/v1'), DEFAULT_KEY_ORIGIN);
    assert.notEqual(keyOriginOf('http://api.cometapi.com/v1'), DEFAULT_KEY_ORIGIN);
    assert.notEqual(keyOriginOf('https://api.cometapi.com.evil.example/v1'), DEFAULT_KEY_ORIGIN);
  });
});

describe('refusalReason (plain http is only for this computer)', () => {
  it('refuses http:// to a host on the network and says why', () => {
    const reason = refusalReason('http://api.cometapi.com/v1');
    assert.match(reason ?? '', /plain http:\/\//);
    assert.match(reason ?? '', /unencrypted/);
    assert.match(refusalReason('http://192.168.1.10:8080/v1') ?? '', /http:\/\/192\.168\.1\.10:8080/);
  });

  it('accepts https anywhere and http to loopback', () => {
    for (const url of ['https://api.cometapi.com/v1', 'https://example.org', 'http://127.0.0.1:4000/v1', 'http://localhost:11434/v1', 'http://[::1]:8080']) {
      assert.equal(refusalReason(url), undefined, url);
    }
  });

  it('refuses what is not a URL, with the reason a person can act on', () => {
    assert.match(refusalReason('api.cometapi.com') ?? '', /not a URL/);
    assert.match(refusalReason('ftp://api.cometapi.com') ?? '', /https:\/\//);
  });
});

describe('decideKeyDestination', () => {
  it('sends to the origin the key was stored for', () => {
    assert.deepEqual(decideKeyDestination('https://api.cometapi.com/v1', boundTo(DEFAULT_KEY_ORIGIN)), {
      kind: 'send',
      origin: DEFAULT_KEY_ORIGIN,
      bind: false,
    });
    assert.deepEqual(decideKeyDestination('http://127.0.0.1:4000/v1/', boundTo('http://127.0.0.1:4000')), {
      kind: 'send',
      origin: 'http://127.0.0.1:4000',
      bind: false,
    });
  });

  it('asks before sending to another origin, even another loopback port', () => {
    assert.deepEqual(decideKeyDestination('https://evil.example/v1', boundTo(DEFAULT_KEY_ORIGIN)), {
      kind: 'ask',
      origin: 'https://evil.example',
      boundOrigin: DEFAULT_KEY_ORIGIN,
    });
    assert.deepEqual(decideKeyDestination('http://127.0.0.1:5000', boundTo('http://127.0.0.1:4000')), {
      kind: 'ask',
      origin: 'http://127.0.0.1:5000',
      boundOrigin: 'http://127.0.0.1:4000',
    });
  });

  it('sends without asking to an origin the person allowed for good', () => {
    assert.equal(decideKeyDestination('https://proxy.example/v1', boundTo(DEFAULT_KEY_ORIGIN, ['https://proxy.example'])).kind, 'send');
    assert.equal(decideKeyDestination('https://other.example/v1', boundTo(DEFAULT_KEY_ORIGIN, ['https://proxy.example'])).kind, 'ask');
  });

  it('refuses plain http to the network even when it is the bound or trusted origin', () => {
    assert.equal(decideKeyDestination('http://api.example/v1', boundTo('http://api.example')).kind, 'refuse');
    assert.equal(decideKeyDestination('http://api.example/v1', boundTo(DEFAULT_KEY_ORIGIN, ['http://api.example'])).kind, 'refuse');
  });

  it('binds a key from an older version to the default origin only', () => {
    assert.deepEqual(decideKeyDestination('https://api.cometapi.com/v1', boundTo(undefined)), { kind: 'send', origin: DEFAULT_KEY_ORIGIN, bind: true });
    assert.deepEqual(decideKeyDestination('https://evil.example/v1', boundTo(undefined)), {
      kind: 'ask',
      origin: 'https://evil.example',
      boundOrigin: undefined,
    });
    assert.deepEqual(decideKeyDestination('http://127.0.0.1:4000', boundTo(undefined)), {
      kind: 'ask',
      origin: 'http://127.0.0.1:4000',
      boundOrigin: undefined,
    });
  });
});

describe('restoreTrustedOrigins', () => {
  it('keeps strings and drops anything malformed', () => {
    assert.deepEqual(restoreTrustedOrigins(undefined), []);
    assert.deepEqual(restoreTrustedOrigins('not json'), []);
    assert.deepEqual(restoreTrustedOrigins('{"a":1}'), []);
    assert.deepEqual(restoreTrustedOrigins('["https://a.example", 3, null]'), ['https://a.example']);
  });
});
