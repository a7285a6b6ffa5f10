import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from '../../src/core/errors/redact';

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

// The known key of the table: it has characters URL encoding changes (`/`, `+`, `=`, a space) and none of the
// `sk-` shape, so only the known-key layer can catch it.
const ODD_KEY = 'Zq9/x+Y7 w=Kp';
const SK_KEY = 'sk-3f9QaZ0bL7mN2pR8sT4uV6wX1yC5dE';
const SHORT_KEY = 'sk-ab12';

interface Case {
  readonly name: string;
  readonly input: string;
  readonly known?: readonly string[];
  /** Exact expected output, when the shape of the rest of the line matters. */
  readonly expected?: string;
  /** Substrings that must be gone. */
  readonly gone?: readonly string[];
}

const leaks: readonly Case[] = [
  // Keys we are not told about, in the places they turn up.
  { name: 'plain sk key', input: `key ${SK_KEY} rejected`, expected: 'key sk-*** rejected' },
  { name: 'sk key at the start', input: `${SK_KEY} rejected`, expected: 'sk-*** rejected' },
  { name: 'sk key at the end with a full stop', input: `bad key ${SK_KEY}.`, expected: 'bad key sk-***.' },
  { name: 'sk key in quotes', input: `"${SK_KEY}"`, expected: '"sk-***"' },
  { name: 'sk key in JSON', input: `{"key":"${SK_KEY}"}`, expected: '{"key":"sk-***"}' },
  { name: 'sk key after an underscore', input: `token_${SK_KEY}`, expected: 'token_sk-***' },
  { name: 'sk key after a digit', input: `x1${SK_KEY}`, expected: 'x1sk-***' },
  { name: 'sk key after Bearer%20', input: `Authorization=Bearer%20${SK_KEY}`, gone: [SK_KEY, '3f9QaZ0b'] },
  { name: 'sk key after Bearer+', input: `auth=Bearer+${SK_KEY}`, gone: [SK_KEY, '3f9QaZ0b'] },
  { name: 'sk key after %3D', input: `q=a%3D${SK_KEY}`, expected: 'q=a%3Dsk-***' },
  { name: 'sk key after a colon', input: `key:${SK_KEY}`, expected: 'key:sk-***' },
  { name: 'sk key after an equals sign', input: `KEY=${SK_KEY}`, expected: 'KEY=sk-***' },
  { name: 'sk key in a path', input: `/v1/keys/${SK_KEY}/usage`, expected: '/v1/keys/sk-***/usage' },
  { name: 'sk key in parentheses', input: `(${SK_KEY})`, expected: '(sk-***)' },
  { name: 'sk key with dashes and underscores', input: 'sk-proj-abc_DEF-123_456', expected: 'sk-***' },
  { name: 'short sk key', input: `key ${SHORT_KEY} rejected`, expected: 'key sk-*** rejected' },
  { name: 'very short sk key', input: 'key sk-a1b rejected', expected: 'key sk-*** rejected' },
  { name: 'two sk keys on one line', input: `${SK_KEY} and sk-other12345`, expected: 'sk-*** and sk-***' },
  { name: 'sk key on a second line', input: `first\nsecond ${SK_KEY}\nthird`, expected: 'first\nsecond sk-***\nthird' },
  { name: 'sk key after a tab', input: `\t${SK_KEY}`, expected: '\tsk-***' },
  // Bearer credentials of any shape.
  { name: 'Bearer with a non-sk token', input: 'Authorization: Bearer abcdef123456', expected: 'Authorization: Bearer ***' },
  { name: 'bearer in lower case', input: 'authorization: bearer abcdef123456', expected: 'authorization: bearer ***' },
  { name: 'Bearer with two spaces', input: 'Bearer  tok_12345', expected: 'Bearer  ***' },
  { name: 'Bearer%20 with a non-sk token', input: 'h=Bearer%20abc123def', expected: 'h=Bearer%20***' },
  { name: 'Bearer+ with a non-sk token', input: 'h=Bearer+abc123def', expected: 'h=Bearer+***' },
  { name: 'Bearer with a short token', input: 'Bearer a1b', expected: 'Bearer ***' },
  { name: 'Bearer with an encoded token', input: 'Bearer%20ab%2Fcd%2Bef', expected: 'Bearer%20***' },
  { name: 'Bearer with a JWT-like token', input: 'Bearer eyJhbGciOi.eyJzdWIi.sig-_', expected: 'Bearer ***' },
  // Query parameters and headers that carry keys.
  { name: '?key= parameter', input: 'GET /user/quota?key=abcdef123&x=1', expected: 'GET /user/quota?key=***&x=1' },
  { name: '&key= parameter', input: 'GET /q?x=1&key=abcdef123', expected: 'GET /q?x=1&key=***' },
  { name: '?api_key= parameter', input: 'GET /q?api_key=abcdef123', expected: 'GET /q?api_key=***' },
  { name: '?apikey= parameter', input: 'GET /q?apikey=abcdef123#top', expected: 'GET /q?apikey=***#top' },
  { name: 'x-api-key header', input: 'x-api-key: abcdef123', expected: 'x-api-key: ***' },
  { name: 'api_key in JSON', input: '{"api_key": "abcdef123"}', expected: '{"api_key": "***"}' },
  { name: 'apiKey in JSON', input: '{"apiKey":"abcdef123"}', expected: '{"apiKey":"***"}' },
  // The known key, in every spelling it can take.
  { name: 'known key plain', input: `got ${ODD_KEY} back`, known: [ODD_KEY], expected: 'got *** back' },
  { name: 'known key encodeURIComponent', input: `u=${encodeURIComponent(ODD_KEY)}`, known: [ODD_KEY], expected: 'u=***' },
  { name: 'known key encodeURI', input: `u=${encodeURI(ODD_KEY)}`, known: [ODD_KEY], expected: 'u=***' },
  { name: 'known key form-encoded (space as +)', input: `u=${new URLSearchParams({ k: ODD_KEY }).toString()}`, known: [ODD_KEY], expected: 'u=k=***' },
  {
    name: 'known key with lower-case percent escapes',
    input: `u=${encodeURIComponent(ODD_KEY).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())}`,
    known: [ODD_KEY],
    expected: 'u=***',
  },
  { name: 'known key twice', input: `${ODD_KEY}|${ODD_KEY}`, known: [ODD_KEY], expected: '***|***' },
  { name: 'known key glued to a word', input: `token${ODD_KEY}end`, known: [ODD_KEY], expected: 'token***end' },
  { name: 'known sk key encoded', input: `u=${encodeURIComponent(SK_KEY)}`, known: [SK_KEY], expected: 'u=***' },
  { name: 'known key with regex characters', input: 'k=a.b*c(d)e', known: ['a.b*c(d)e'], expected: 'k=***' },
  { name: 'known key that is short', input: 'k=ab12 done', known: ['ab12'], expected: 'k=*** done' },
  { name: 'known key with surrounding whitespace given', input: 'k=secret-99', known: ['  secret-99\n'], expected: 'k=***' },
  { name: 'known key with a unicode character', input: `k=${encodeURIComponent('clé-9999')}`, known: ['clé-9999'], expected: 'k=***' },
  { name: 'two known keys, one inside the other', input: 'old abcd1234 new abcd1234xyz', known: ['abcd1234', 'abcd1234xyz'], expected: 'old *** new ***' },
  {
    name: 'known key inside an error message of the SDK',
    input: `401 Incorrect API key provided: ${ODD_KEY}. You can find your API key at…`,
    known: [ODD_KEY],
    gone: [ODD_KEY],
  },
  {
    name: 'known key in a URL with other parameters',
    input: `https://x.example/?a=1&token=${encodeURIComponent(ODD_KEY)}&b=2`,
    known: [ODD_KEY],
    expected: 'https://x.example/?a=1&token=***&b=2',
  },
];

const untouched: readonly Case[] = [
  { name: 'ordinary sentence', input: 'The sky-blue model answered in 3 s (request id: 2025082612).' },
  { name: 'words ending in sk', input: 'task-list, disk-usage and ask-me stay as they are' },
  { name: 'upper-case SK', input: 'RISK-3 and DESK-42' },
  { name: 'sk- with too little after it', input: 'the prefix sk- or sk-a' },
  { name: 'a model id', input: 'Request to claude-sonnet-4-20250514: 3 messages, ~120 tokens.' },
  { name: 'an empty known key', input: 'nothing to hide', known: [''] },
  { name: 'a known key of three characters', input: 'abc is not masked', known: ['abc'] },
  { name: 'a base URL', input: 'https://api.cometapi.com/v1/chat/completions' },
  { name: 'the word Bearer alone', input: 'Use a Bearer token' },
  { name: 'max_tokens in JSON', input: '{"max_tokens": 1000, "model": "gpt-5-mini"}' },
];

describe('redactSecrets: what must not leak', () => {
  for (const testCase of leaks) {
    it(testCase.name, () => {
      const out = redactSecrets(testCase.input, testCase.known);
      if (testCase.expected !== undefined) {
        assert.equal(out, testCase.expected);
      }
      for (const secret of [...(testCase.known ?? []).map((known) => known.trim()), ...(testCase.gone ?? [])]) {
        if (secret.length < 4) {
          continue;
        }
        assert.equal(out.includes(secret), false, `"${secret}" is still in ${out}`);
        assert.equal(out.includes(encodeURIComponent(secret)), false, `the encoded key is still in ${out}`);
      }
      assert.equal(out.includes(SK_KEY.slice(3)), false, `the body of the sk key is still in ${out}`);
    });
  }
});

describe('redactSecrets: what stays readable', () => {
  for (const testCase of untouched) {
    it(testCase.name, () => assert.equal(redactSecrets(testCase.input, testCase.known), testCase.input));
  }

  it('the table has at least 50 cases', () => assert.ok(leaks.length + untouched.length >= 50));
});
