import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostRootOf, normalizeBaseUrl } from '../../src/core/client/baseUrl';

describe('normalizeBaseUrl', () => {
  const canonical = 'https://api.cometapi.com/v1';
  const pastedForms = [
    'https://api.cometapi.com',
    'https://api.cometapi.com/',
    'https://api.cometapi.com/v1',
    'https://api.cometapi.com/v1/',
    'https://api.cometapi.com/v1//',
    '  https://api.cometapi.com/v1  ',
    'https://api.cometapi.com/v1/chat/completions',
    'https://api.cometapi.com/v1/chat/completions/',
    'https://api.cometapi.com/v1/responses',
    'https://api.cometapi.com/v1/models',
    'https://API.CometAPI.com/v1',
    'https://api.cometapi.com/v1?foo=bar#x',
  ];
  for (const input of pastedForms) {
    it(`turns ${JSON.stringify(input)} into the canonical base URL`, () => {
      assert.equal(normalizeBaseUrl(input), canonical);
    });
  }

  it('keeps a custom path and port (self-hosted gateways, the mock server)', () => {
    assert.equal(normalizeBaseUrl('http://127.0.0.1:8080/proxy/v1/'), 'http://127.0.0.1:8080/proxy/v1');
    assert.equal(normalizeBaseUrl('http://localhost:3000'), 'http://localhost:3000/v1');
  });

  it('rejects a URL without http(s) with a sentence that names the expected form', () => {
    assert.throws(() => normalizeBaseUrl('api.cometapi.com/v1'), /must start with https:\/\//);
    assert.throws(() => normalizeBaseUrl('ftp://api.cometapi.com/v1'), /must start with https:\/\/ or http:\/\//);
    assert.throws(() => normalizeBaseUrl('   '), /empty/);
  });
});

describe('hostRootOf', () => {
  it('gives scheme://host[:port] for the public catalogue', () => {
    assert.equal(hostRootOf('https://api.cometapi.com/v1/chat/completions'), 'https://api.cometapi.com');
    assert.equal(hostRootOf('http://127.0.0.1:40123/v1'), 'http://127.0.0.1:40123');
  });
});
