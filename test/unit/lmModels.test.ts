// Which models VS Code's chat is offered and how they are described there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSelection, lmModelInfo, offeredModels } from '../../src/core/lm/lmModels';
import { buildModelEntries } from '../../src/core/models/modelCatalog';
import { DEFAULT_MODEL_IDS } from '../support/mockCometCatalogue';

const models = buildModelEntries(
  DEFAULT_MODEL_IDS.map((id) => ({ id })),
  [{ id: 'gpt-4.1', provider: 'OpenAI', modelType: 'text', price: { inputPerMillion: 2, outputPerMillion: 8 } }],
);

describe('models for VS Code chat', () => {
  it('by default offers favourites, the chat view model and a few well-known ones, never the whole list', () => {
    const offered = offeredModels({ models, selection: undefined, favourites: ['deepseek-v3.1'], currentModel: 'gpt-4.1' });
    const ids = offered.map((model) => model.id);
    assert.ok(ids.includes('deepseek-v3.1') && ids.includes('gpt-4.1'));
    assert.ok(ids.length < 20 && ids.length < models.length / 2, `offered ${ids.length} of ${models.length}`);
    assert.ok(defaultSelection({ models, favourites: [], currentModel: 'gpt-5-mini' }).includes('gpt-5-mini'));
  });

  it('offers exactly the chosen chat models; media models and ids the list lacks are left out', () => {
    const offered = offeredModels({
      models,
      selection: ['claude-sonnet-4-20250514', 'dall-e-3', 'no-such-model'],
      favourites: ['gpt-4.1'],
      currentModel: 'gpt-4.1',
    });
    assert.deepEqual(
      offered.map((model) => model.id),
      ['claude-sonnet-4-20250514'],
    );
  });

  it('describes a model with its provider, price, limits and capabilities', () => {
    const info = lmModelInfo(models.find((model) => model.id === 'gpt-4.1')!);
    assert.equal(info.family, 'OpenAI');
    assert.match(info.tooltip, /\$2 \/ \$8 per 1M tokens in\/out/);
    assert.equal(info.maxInputTokens, 1_000_000);
    assert.deepEqual(info.capabilities, { imageInput: true, toolCalling: true });
    const reasoner = lmModelInfo({ id: 'deepseek-reasoner', provider: 'DeepSeek' });
    assert.deepEqual(reasoner.capabilities, { imageInput: false, toolCalling: false });
    assert.equal(lmModelInfo({ id: 'some-new-model', provider: 'Other' }).maxInputTokens, 64_000);
  });
});
