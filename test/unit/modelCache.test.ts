import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ModelCache,
  cacheFor,
  describeCacheAge,
  isCacheStale,
  recordRecentlyUsed,
  restoreIdList,
  restoreModelCache,
  toggleFavourite,
} from '../../src/core/models/modelCache';

const hour = 60 * 60 * 1000;
const fetchedAt = Date.UTC(2025, 5, 1, 12, 0, 0);
const cache: ModelCache = {
  fetchedAt,
  baseUrl: 'https://api.cometapi.com/v1',
  models: [
    { id: 'gpt-5-mini', provider: 'OpenAI', price: { inputPerMillion: 0.25, outputPerMillion: 2 }, contextTokens: 400_000 },
    { id: 'glm-4.5', provider: 'Other', providerName: 'Zhipu' },
  ],
  catalogueSource: 'public',
};

test('a list fetched within the hour is fresh; older than an hour it is stale', () => {
  assert.equal(isCacheStale(cache, fetchedAt + 59 * 60 * 1000), false);
  assert.equal(isCacheStale(cache, fetchedAt + hour + 1), true);
});

test('a fetch time in the future (the clock moved back) counts as stale', () => {
  assert.equal(isCacheStale(cache, fetchedAt - 5 * 60 * 1000), true);
});

test('the age reads as a person would say it', () => {
  assert.equal(describeCacheAge(cache, fetchedAt + 20_000), 'just now');
  assert.equal(describeCacheAge(cache, fetchedAt + 60_000), '1 minute ago');
  assert.equal(describeCacheAge(cache, fetchedAt + 5 * 60_000), '5 minutes ago');
  assert.equal(describeCacheAge(cache, fetchedAt + 3 * hour), '3 hours ago');
  assert.equal(describeCacheAge(cache, fetchedAt + 72 * hour), '3 days ago');
});

test('a cache survives the round trip through globalState (JSON) unchanged', () => {
  assert.deepEqual(restoreModelCache(JSON.parse(JSON.stringify(cache))), cache);
});

test('a damaged or foreign cache is dropped or cleaned, never trusted blindly', () => {
  assert.equal(restoreModelCache(undefined), undefined);
  assert.equal(restoreModelCache({ fetchedAt: 'yesterday', baseUrl: 'x', models: [] }), undefined);
  assert.equal(restoreModelCache({ fetchedAt, baseUrl: 'x', models: 'all of them' }), undefined);
  const cleaned = restoreModelCache({
    fetchedAt,
    baseUrl: 'x',
    models: [
      { id: 'gpt-5', provider: 'OpenAI', price: { inputPerMillion: -1, outputPerMillion: 'free' } },
      { id: 'old', provider: 'Martian' },
      null,
      { provider: 'OpenAI' },
    ],
    catalogueSource: 'something-new',
  });
  assert.deepEqual(cleaned, { fetchedAt, baseUrl: 'x', models: [{ id: 'gpt-5', provider: 'OpenAI' }], catalogueSource: 'ids' });
});

test('a list cached for another base URL is not shown for this one', () => {
  assert.equal(cacheFor(cache, 'https://api.cometapi.com/v1'), cache);
  assert.equal(cacheFor(cache, 'http://127.0.0.1:4000/v1'), undefined);
  assert.equal(cacheFor(undefined, 'https://api.cometapi.com/v1'), undefined);
});

test('choosing a model moves it to the front of the recently used list without duplicates', () => {
  assert.deepEqual(recordRecentlyUsed([], 'gpt-5'), ['gpt-5']);
  assert.deepEqual(recordRecentlyUsed(['a', 'b', 'gpt-5', 'c'], 'gpt-5'), ['gpt-5', 'a', 'b', 'c']);
});

test('the recently used list keeps the 8 latest', () => {
  const eight = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'];
  const after = recordRecentlyUsed(eight, 'new');
  assert.equal(after.length, 8);
  assert.equal(after[0], 'new');
  assert.ok(!after.includes('m8'), 'the oldest fell off');
});

test('the star button pins a model at the end of the favourites and unpins it on a second press', () => {
  const pinned = toggleFavourite(['claude-opus-4'], 'gpt-5');
  assert.deepEqual(pinned, ['claude-opus-4', 'gpt-5']);
  assert.deepEqual(toggleFavourite(pinned, 'claude-opus-4'), ['gpt-5']);
});

test('stored id lists are read back defensively', () => {
  assert.deepEqual(restoreIdList(['a', 3, '', 'a', null, 'b']), ['a', 'b']);
  assert.deepEqual(restoreIdList('a,b'), []);
  assert.deepEqual(restoreIdList(undefined), []);
});
