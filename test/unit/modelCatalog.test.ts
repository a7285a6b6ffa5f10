import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ModelEntry,
  type PickerRow,
  buildModelEntries,
  buildPickerRows,
  customModelIdFor,
  describeModel,
  envelopeData,
  formatPrice,
  isChatModel,
  parseCatalogue,
  parseModelIds,
  providerFromId,
  shortModelName,
} from '../../src/core/models/modelCatalog';

const listed = (...ids: string[]) => ids.map((id) => ({ id }));

test("both envelopes give the same list: CometAPI's {success, data} and OpenAI's {object: list, data}", () => {
  const data = [{ id: 'gpt-5', object: 'model', owned_by: 'openai' }];
  assert.deepEqual(parseModelIds(envelopeData({ success: true, data }) ?? []), [{ id: 'gpt-5', ownedBy: 'openai' }]);
  assert.deepEqual(parseModelIds(envelopeData({ object: 'list', data }) ?? []), [{ id: 'gpt-5', ownedBy: 'openai' }]);
  assert.deepEqual(parseModelIds(envelopeData({ success: true, object: 'list', data }) ?? []), [{ id: 'gpt-5', ownedBy: 'openai' }]);
});

test('a body that is not a model list is told apart from an empty list', () => {
  assert.equal(envelopeData('<html><body>Welcome</body></html>'), undefined);
  assert.equal(envelopeData({ success: false, message: 'invalid token' }), undefined);
  assert.equal(envelopeData({ error: { message: 'nope' } }), undefined);
  assert.equal(envelopeData(null), undefined);
  assert.deepEqual(envelopeData({ success: true, data: [] }), []);
});

test('junk entries are skipped and duplicate ids listed once', () => {
  const ids = parseModelIds([
    null,
    42,
    'gpt-4o',
    {},
    { id: '' },
    { id: '   ' },
    { id: 7 },
    { id: 'claude-sonnet-4-20250514' },
    { id: 'claude-sonnet-4-20250514' },
  ]);
  assert.deepEqual(ids, [{ id: 'claude-sonnet-4-20250514' }]);
});

test('image, audio, video, embedding and moderation models are not offered for chat', () => {
  const media = [
    'dall-e-3',
    'mj_imagine',
    'flux-pro',
    'sdxl-1.0',
    'suno_music',
    'tts-1-hd',
    'gpt-4o-mini-tts',
    'whisper-1',
    'veo3',
    'kling_video',
    'runway-gen3',
    'luma_video_api',
    'text-embedding-3-small',
    'omni-moderation-latest',
    'gpt-4o-search-gpts',
    'sora-2',
    'doubao-seedream-4-0',
    'doubao-seededit-3-0',
    'hunyuan-image',
    'midjourney-v7',
    'gpt-image-1',
    'gpt-4o-transcribe',
    'gpt-4o-realtime-preview',
    'gpt-4o-audio-preview',
  ];
  const chat = [
    'gpt-5',
    'gpt-5.4',
    'o4-mini-2025-04-16',
    'claude-sonnet-4-20250514-thinking',
    'gemini-2.5-pro',
    'grok-4-0709',
    'deepseek-r1-0528',
    'qwen3-coder-plus-2025-07-22',
    'kimi-k2-0711-preview',
  ];
  assert.deepEqual(
    media.filter((id) => isChatModel(id)),
    [],
    'no media id passes',
  );
  assert.deepEqual(
    chat.filter((id) => !isChatModel(id)),
    [],
    'every chat id passes',
  );
});

test("the public catalogue's model type decides when known, including for families with text and image models", () => {
  assert.equal(isChatModel('hunyuan-turbos-latest'), false, 'without the catalogue, hunyuan is taken for an image model');
  assert.equal(isChatModel('hunyuan-turbos-latest', 'text'), true);
  assert.equal(isChatModel('some-new-video-model', 'video'), false);
  assert.equal(isChatModel('gpt-image-1', 'text'), false, 'an image id stays out even if mislabelled');
});

test('providers are recognised from the id, case-insensitively and past a vendor prefix', () => {
  const expected: Record<string, string> = {
    'gpt-5-mini': 'OpenAI',
    'o3-pro-2025-06-10': 'OpenAI',
    o1: 'OpenAI',
    'chatgpt-4o-latest': 'OpenAI',
    'codex-mini-latest': 'OpenAI',
    'claude-3-7-sonnet-latest': 'Anthropic',
    'Claude-Opus-4': 'Anthropic',
    'gemini-3-pro-preview': 'Google',
    'gemma-3-27b-it': 'Google',
    'deepseek-reasoner': 'DeepSeek',
    'grok-4-0709': 'xAI',
    'qwen3-coder-plus': 'Qwen',
    'qwq-32b': 'Qwen',
    'kimi-k2': 'Moonshot',
    'moonshot-v1-8k': 'Moonshot',
    'meta-llama/llama-4-maverick': 'Meta',
    'mistral-large-latest': 'Mistral',
    'codestral-latest': 'Mistral',
    'magistral-medium': 'Mistral',
    'mixtral-8x7b': 'Mistral',
    'glm-4.5': 'Other',
    'doubao-pro': 'Other',
  };
  for (const [id, provider] of Object.entries(expected)) {
    assert.equal(providerFromId(id), provider, id);
  }
});

test('the public catalogue supplies provider and prices; an unknown provider name keeps the id-based group', () => {
  const catalogue = parseCatalogue([
    {
      id: 'deepseek-v4-pro',
      provider: 'DeepSeek',
      model_type: 'text',
      pricing: { currency: 'USD / M Tokens', input: 0.416, output: 0.832, per_request: null },
    },
    { id: 'my-custom-llm', provider: 'Alibaba', model_type: 'text', pricing: { input: '1.2', output: 'n/a' } },
    { id: 'gpt-4o', provider: 'Azure Reseller', model_type: 'text' },
    { id: 'wan-2.2', provider: 'Alibaba', model_type: 'video' },
    { provider: 'junk' },
  ]);
  const entries = buildModelEntries(listed('deepseek-v4-pro', 'my-custom-llm', 'gpt-4o', 'wan-2.2', 'claude-opus-4'), catalogue);
  assert.deepEqual(entries, [
    { id: 'deepseek-v4-pro', provider: 'DeepSeek', price: { inputPerMillion: 0.416, outputPerMillion: 0.832 } },
    { id: 'my-custom-llm', provider: 'Qwen', providerName: 'Alibaba', price: { inputPerMillion: 1.2 } },
    { id: 'gpt-4o', provider: 'OpenAI', providerName: 'Azure Reseller' },
    { id: 'claude-opus-4', provider: 'Anthropic' },
  ]);
});

test('without the catalogue the list still works, grouped by id', () => {
  const entries = buildModelEntries(listed('gpt-5', 'dall-e-3', 'grok-4'), undefined);
  assert.deepEqual(entries, [
    { id: 'gpt-5', provider: 'OpenAI' },
    { id: 'grok-4', provider: 'xAI' },
  ]);
});

test('short names drop date snapshots and vendor prefixes but keep the variant', () => {
  assert.equal(shortModelName('claude-sonnet-4-20250514'), 'claude-sonnet-4');
  assert.equal(shortModelName('claude-sonnet-4-20250514-thinking'), 'claude-sonnet-4-thinking');
  assert.equal(shortModelName('o4-mini-2025-04-16'), 'o4-mini');
  assert.equal(shortModelName('grok-4-0709'), 'grok-4');
  assert.equal(shortModelName('qwen3-coder-plus-2025-07-22'), 'qwen3-coder-plus');
  assert.equal(shortModelName('meta-llama/llama-4-maverick'), 'llama-4-maverick');
  assert.equal(shortModelName('gpt-5.4'), 'gpt-5.4');
  assert.equal(shortModelName('deepseek-v3.1'), 'deepseek-v3.1');
  assert.equal(shortModelName('qwen2.5-72b-instruct-1234'), 'qwen2.5-72b-instruct-1234', 'not a month-day: kept');
});

test('very long ids are cut with an ellipsis so the status bar stays readable', () => {
  const name = shortModelName('a-model-with-an-extraordinarily-long-identifier-name');
  assert.equal(name.length, 32);
  assert.ok(name.endsWith('…'));
});

test('prices read as dollars per million tokens, in and out', () => {
  assert.equal(formatPrice({ inputPerMillion: 0.416, outputPerMillion: 0.832 }), '$0.42 / $0.83 per 1M tokens in/out');
  assert.equal(formatPrice({ inputPerMillion: 3, outputPerMillion: 15 }), '$3 / $15 per 1M tokens in/out');
  assert.equal(formatPrice({ inputPerMillion: 0.0035, outputPerMillion: 0 }), '$0.0035 / $0 per 1M tokens in/out');
  assert.equal(formatPrice({ inputPerMillion: 3, outputPerMillion: 15 }, 'compact'), '$3 / $15 per 1M');
  assert.equal(formatPrice({ inputPerMillion: 1.25 }), '$1.25 per 1M input tokens');
  assert.equal(formatPrice({ perRequest: 0.04 }), '$0.04 per request');
  assert.equal(formatPrice({}), undefined);
  assert.equal(formatPrice(undefined), undefined);
});

test('describeModel works for listed and unlisted ids', () => {
  const models: ModelEntry[] = [{ id: 'deepseek-v4-pro', provider: 'DeepSeek', price: { inputPerMillion: 0.416, outputPerMillion: 0.832 } }];
  assert.deepEqual(describeModel('deepseek-v4-pro', models), {
    id: 'deepseek-v4-pro',
    shortName: 'deepseek-v4-pro',
    provider: 'DeepSeek',
    priceText: '$0.42 / $0.83 per 1M tokens in/out',
  });
  assert.deepEqual(describeModel('claude-sonnet-4-20250514', models), { id: 'claude-sonnet-4-20250514', shortName: 'claude-sonnet-4', provider: 'Anthropic' });
});

/** The picker as a person reads it: group headings with the ids under them. */
function outline(rows: readonly PickerRow[]): string[] {
  return rows.map((row) => (row.kind === 'separator' ? `## ${row.label}` : row.id));
}

const models: ModelEntry[] = [
  { id: 'mystery-model', provider: 'Other' },
  { id: 'grok-4', provider: 'xAI' },
  { id: 'gpt-5-mini', provider: 'OpenAI', price: { inputPerMillion: 0.25, outputPerMillion: 2 } },
  { id: 'gpt-4.1', provider: 'OpenAI' },
  { id: 'gpt-10', provider: 'OpenAI' },
  { id: 'claude-opus-4', provider: 'Anthropic' },
  { id: 'gemini-2.5-pro', provider: 'Google' },
];

test('providers appear in the fixed order, ids sorted naturally within each', () => {
  const rows = buildPickerRows({ models, favourites: [], recent: [], currentModel: 'gpt-5-mini' });
  assert.deepEqual(outline(rows), [
    '## Recently used',
    'gpt-5-mini',
    '## OpenAI',
    'gpt-4.1',
    'gpt-10',
    '## Anthropic',
    'claude-opus-4',
    '## Google',
    'gemini-2.5-pro',
    '## xAI',
    'grok-4',
    '## Other',
    'mystery-model',
  ]);
});

test('favourites are pinned at the very top, then recently used, and no id appears twice', () => {
  const rows = buildPickerRows({ models, favourites: ['grok-4'], recent: ['claude-opus-4', 'grok-4', 'gpt-4.1'], currentModel: 'grok-4' });
  assert.deepEqual(outline(rows), [
    '## Favourites',
    'grok-4',
    '## Recently used',
    'claude-opus-4',
    'gpt-4.1',
    '## OpenAI',
    'gpt-5-mini',
    'gpt-10',
    '## Google',
    'gemini-2.5-pro',
    '## Other',
    'mystery-model',
  ]);
  const grok = rows.find((row) => row.kind === 'model' && row.id === 'grok-4');
  assert.equal(grok?.kind === 'model' && grok.isFavourite, true);
});

test('the model in use heads Recently used, even when set in settings or missing from the list', () => {
  const fromSettings = buildPickerRows({ models, favourites: [], recent: ['gpt-4.1'], currentModel: 'gemini-2.5-pro' });
  assert.deepEqual(outline(fromSettings).slice(0, 3), ['## Recently used', 'gemini-2.5-pro', 'gpt-4.1']);
  assert.ok(!outline(fromSettings).includes('## Google'), 'not listed a second time under its provider');
  const rows = buildPickerRows({ models, favourites: [], recent: ['gpt-4.1'], currentModel: 'my-private-finetune' });
  assert.deepEqual(outline(rows).slice(0, 3), ['## Recently used', 'my-private-finetune', 'gpt-4.1']);
  const current = rows.find((row) => row.kind === 'model' && row.isCurrent);
  assert.equal(current?.kind === 'model' && current.id, 'my-private-finetune');
  assert.match(current?.kind === 'model' ? current.description : '', /^current · Other$/);
});

test('descriptions name the provider and price so typing "anthropic" or a price finds a model', () => {
  const rows = buildPickerRows({ models, favourites: [], recent: [], currentModel: 'gpt-4.1' });
  const mini = rows.find((row) => row.kind === 'model' && row.id === 'gpt-5-mini');
  assert.equal(mini?.kind === 'model' && mini.description, 'OpenAI · $0.25 / $2 per 1M');
  const claude = rows.find((row) => row.kind === 'model' && row.id === 'claude-opus-4');
  assert.equal(claude?.kind === 'model' && claude.description, 'Anthropic');
});

test('an empty list still gives a picker with the current model', () => {
  assert.deepEqual(outline(buildPickerRows({ models: [], favourites: [], recent: [], currentModel: 'gpt-5-mini' })), ['## Recently used', 'gpt-5-mini']);
});

test('typing an id that is not listed offers it; a listed id, blank text or a search phrase does not', () => {
  const ids = new Set(['gpt-5-mini', 'claude-opus-4']);
  assert.equal(customModelIdFor('  my-finetune:v2 ', ids), 'my-finetune:v2');
  assert.equal(customModelIdFor('gpt-5-mini', ids), undefined);
  assert.equal(customModelIdFor('   ', ids), undefined);
  assert.equal(customModelIdFor('claude opus', ids), undefined);
});
