import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateTokens } from '../../src/shared/tokenEstimate';

// Reference counts below were measured with OpenAI's tokenizers (tiktoken, cl100k_base and o200k_base) on
// these exact strings.
const PROSE =
  'Conversations are kept in the editor so that a reload, a crash or a closed window never loses them. ' +
  'When a conversation grows long, the oldest turns are left out of the request first, and the chat says so.';
const PROSE_REFERENCE_TOKENS = { cl100k: 45, o200k: 45 };

const CODE = [
  'export function debounce(fn: () => void, ms: number): () => void {',
  '  let timer: ReturnType<typeof setTimeout> | undefined;',
  '  return () => {',
  '    if (timer !== undefined) clearTimeout(timer);',
  '    timer = setTimeout(fn, ms);',
  '  };',
  '}',
].join('\n');
const CODE_REFERENCE_TOKENS = { cl100k: 54, o200k: 58 };

function assertWithin(actual: number, references: { cl100k: number; o200k: number }, margin: number): void {
  for (const reference of [references.cl100k, references.o200k]) {
    assertWithinOne(actual, reference, margin);
  }
}

function assertWithinOne(actual: number, reference: number, margin: number): void {
  const low = Math.floor(reference * (1 - margin));
  const high = Math.ceil(reference * (1 + margin));
  assert.ok(actual >= low && actual <= high, `estimate ${actual} is outside ${low}..${high} (reference ${reference})`);
}

test('empty text costs nothing', () => {
  assert.equal(estimateTokens(''), 0);
});

test('a single character still costs a whole token', () => {
  assert.equal(estimateTokens('a'), 1);
  assert.equal(estimateTokens('?'), 1);
});

test('English prose is estimated within the documented ±25%', () => {
  assertWithin(estimateTokens(PROSE), PROSE_REFERENCE_TOKENS, 0.25);
});

test('source code is estimated within the documented ±25%', () => {
  assertWithin(estimateTokens(CODE), CODE_REFERENCE_TOKENS, 0.25);
});

test('Chinese text costs about a token per character, far more than the Latin 4-characters rule', () => {
  const chinese = '对话会保存在编辑器中，重新加载或者窗口崩溃都不会丢失。'; // 27 characters
  assertWithin(estimateTokens(chinese), { cl100k: 28, o200k: 23 }, 0.3);
});

test('indentation is cheap, as real tokenizers merge runs of spaces', () => {
  const flat = estimateTokens('value = 1\n');
  const indented = estimateTokens(' '.repeat(32) + 'value = 1\n');
  assert.ok(indented - flat <= 2, `${flat} flat, ${indented} indented`);
});

test('Japanese kana and Korean hangul are counted like CJK ideographs', () => {
  assert.equal(estimateTokens('ありがとう'), 5);
  assert.equal(estimateTokens('감사합니다'), 5);
});

test('an emoji counts once per character, not once per UTF-16 half', () => {
  const oneEmoji = estimateTokens('🚀');
  assert.equal(oneEmoji, 2);
  assert.equal(estimateTokens('🚀🚀🚀'), 6);
});

test('the estimate grows with the text: doubling the text roughly doubles it', () => {
  const once = estimateTokens(PROSE);
  const twice = estimateTokens(PROSE + PROSE);
  assert.ok(twice >= once * 2 - 1 && twice <= once * 2 + 1, `${once} then ${twice}`);
});

test('a megabyte of text is estimated quickly (one pass, no allocation)', () => {
  const big = CODE.repeat(Math.ceil(1_000_000 / CODE.length));
  const started = performance.now();
  const estimate = estimateTokens(big);
  const elapsed = performance.now() - started;
  assert.ok(estimate > 200_000);
  assert.ok(elapsed < 500, `took ${elapsed.toFixed(0)} ms`);
});
