// The demo key of `npm start` comes from the environment; it must reach only the loopback mock named beside it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_BASE_URL_ENV, DEMO_KEY_ENV, demoKeyFor, demoKeyFromEnvironment } from '../../src/core/security/demoKey';

const mock = 'http://127.0.0.1:41234/v1';
const env = (key: string | undefined, baseUrl: string | undefined) => ({ [DEMO_KEY_ENV]: key, [DEMO_BASE_URL_ENV]: baseUrl });

describe('demo key from the environment', () => {
  it('is taken when both variables name a key and a 127.0.0.1 server with a port', () => {
    assert.deepEqual(demoKeyFromEnvironment(env(' sk-demo ', mock)), { key: 'sk-demo', origin: 'http://127.0.0.1:41234' });
  });

  const refused: [string, string | undefined, string | undefined][] = [
    ['no key', undefined, mock],
    ['an empty key', '  ', mock],
    ['a key with a space', 'sk-a b', mock],
    ['no base URL', 'sk-demo', undefined],
    ['https to another host', 'sk-demo', 'https://api.cometapi.com/v1'],
    ['plain http to another host', 'sk-demo', 'http://example.com:8080/v1'],
    ['a host that merely starts with 127.0.0.1', 'sk-demo', 'http://127.0.0.1.example.com:8080/v1'],
    ['loopback without a port', 'sk-demo', 'http://127.0.0.1/v1'],
    ['credentials in the URL', 'sk-demo', 'http://user:pw@127.0.0.1:8080/v1'],
    ['not a URL', 'sk-demo', '127.0.0.1:8080'],
  ];
  for (const [what, key, baseUrl] of refused) {
    it(`is ignored with ${what}`, () => {
      assert.equal(demoKeyFromEnvironment(env(key, baseUrl)), undefined);
    });
  }
});

describe('demo key for a request', () => {
  const demo = demoKeyFromEnvironment(env('sk-demo', mock));

  it('goes to the demo origin, whatever path the base URL has', () => {
    assert.equal(demoKeyFor(demo, 'http://127.0.0.1:41234/v1'), 'sk-demo');
    assert.equal(demoKeyFor(demo, 'http://127.0.0.1:41234'), 'sk-demo');
  });

  it('never goes anywhere else: the stored key is used there', () => {
    assert.equal(demoKeyFor(demo, 'https://api.cometapi.com/v1'), undefined);
    assert.equal(demoKeyFor(demo, 'http://127.0.0.1:41235/v1'), undefined);
    assert.equal(demoKeyFor(demo, 'http://localhost:41234/v1'), undefined);
    assert.equal(demoKeyFor(demo, 'not a url'), undefined);
    assert.equal(demoKeyFor(undefined, mock), undefined);
  });
});
