import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from '../../src/core/redact';

describe('redactSecrets', () => {
  it('masks sk- keys it was not told about', () => {
    const out = redactSecrets('401 for key sk-AbC123xyz_-987 at noon');
    assert.equal(out, '401 for key sk-*** at noon');
  });

  it('masks the known key even when it does not look like one', () => {
    const out = redactSecrets('token my-secret-token was rejected, my-secret-token again', ['my-secret-token']);
    assert.equal(out.includes('my-secret-token'), false);
    assert.equal(out, 'token *** was rejected, *** again');
  });

  it('masks Bearer credentials and ?key= query parameters', () => {
    assert.equal(redactSecrets('Authorization: Bearer abcdef123456'), 'Authorization: Bearer ***');
    assert.equal(redactSecrets('GET https://query.cometapi.com/user/quota?key=abcdef123&x=1'), 'GET https://query.cometapi.com/user/quota?key=***&x=1');
  });

  it('leaves ordinary text alone', () => {
    const text = 'The sky-blue model answered in 3 s (request id: 2025082612).';
    assert.equal(redactSecrets(text, ['']), text);
  });
});
