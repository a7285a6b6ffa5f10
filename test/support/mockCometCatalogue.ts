// The model lists the mock CometAPI serves: GET /v1/models (needs the key) and the public catalogue
// GET /api/models (no key). Ids are real CometAPI ids, mixing chat models with image, audio, video and
// embedding models, because the model picker has to filter the non-chat ones out.
import { isVisionModel } from './mockCometImages';

export interface CatalogueEntry {
  readonly id: string;
  readonly provider: string;
  readonly modelType: 'text' | 'image' | 'video' | 'audio' | 'embedding' | 'moderation';
  /** USD per million tokens (input, output); per-request pricing for media models. */
  readonly input?: number;
  readonly output?: number;
  readonly perRequest?: number;
  /** The context window, for the few rows that say it (CometAPI's own catalogue does not today; others do). */
  readonly contextLength?: number;
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  { id: 'gpt-5', provider: 'OpenAI', modelType: 'text', input: 1, output: 8 },
  { id: 'gpt-5-mini', provider: 'OpenAI', modelType: 'text', input: 0.2, output: 1.6 },
  { id: 'gpt-5-nano', provider: 'OpenAI', modelType: 'text', input: 0.04, output: 0.32 },
  { id: 'gpt-5-chat-latest', provider: 'OpenAI', modelType: 'text', input: 1, output: 8 },
  { id: 'gpt-5.1', provider: 'OpenAI', modelType: 'text', input: 1, output: 8 },
  { id: 'gpt-4.1', provider: 'OpenAI', modelType: 'text', input: 1.6, output: 6.4 },
  { id: 'gpt-4.1-mini', provider: 'OpenAI', modelType: 'text', input: 0.32, output: 1.28 },
  { id: 'gpt-4o', provider: 'OpenAI', modelType: 'text', input: 2, output: 8 },
  { id: 'chatgpt-4o-latest', provider: 'OpenAI', modelType: 'text', input: 4, output: 12 },
  { id: 'o3', provider: 'OpenAI', modelType: 'text', input: 1.6, output: 6.4 },
  { id: 'o3-pro', provider: 'OpenAI', modelType: 'text', input: 16, output: 64 },
  { id: 'o4-mini', provider: 'OpenAI', modelType: 'text', input: 0.88, output: 3.52 },
  { id: 'o4-mini-2025-04-16', provider: 'OpenAI', modelType: 'text', input: 0.88, output: 3.52 },
  { id: 'codex-mini-latest', provider: 'OpenAI', modelType: 'text', input: 1.2, output: 4.8 },
  { id: 'claude-sonnet-4-20250514', provider: 'Anthropic', modelType: 'text', input: 2.4, output: 12 },
  { id: 'claude-sonnet-4-20250514-thinking', provider: 'Anthropic', modelType: 'text', input: 2.4, output: 12 },
  { id: 'claude-opus-4-1-20250805', provider: 'Anthropic', modelType: 'text', input: 12, output: 60 },
  { id: 'claude-3-7-sonnet-latest', provider: 'Anthropic', modelType: 'text', input: 2.4, output: 12 },
  { id: 'gemini-2.5-pro', provider: 'Google', modelType: 'text', input: 1, output: 8 },
  { id: 'gemini-2.5-flash', provider: 'Google', modelType: 'text', input: 0.24, output: 2 },
  { id: 'gemini-3-pro-preview', provider: 'Google', modelType: 'text', input: 1.6, output: 9.6 },
  { id: 'deepseek-v3.1', provider: 'DeepSeek', modelType: 'text', input: 0.448, output: 1.344, contextLength: 128_000 },
  { id: 'deepseek-reasoner', provider: 'DeepSeek', modelType: 'text', input: 0.448, output: 1.344 },
  { id: 'deepseek-r1-0528', provider: 'DeepSeek', modelType: 'text', input: 0.44, output: 1.752 },
  { id: 'grok-4-0709', provider: 'xAI', modelType: 'text', input: 2.4, output: 12 },
  { id: 'grok-3-mini', provider: 'xAI', modelType: 'text', input: 0.24, output: 0.4 },
  { id: 'qwen3-coder-plus', provider: 'Alibaba', modelType: 'text', input: 0.8, output: 3.2 },
  { id: 'qwen3-coder-plus-2025-07-22', provider: 'Alibaba', modelType: 'text', input: 0.8, output: 3.2 },
  { id: 'kimi-k2', provider: 'Moonshot', modelType: 'text', input: 0.48, output: 1.92 },
  { id: 'llama-4-maverick', provider: 'Meta', modelType: 'text', input: 0.144, output: 0.48 },
  { id: 'mistral-large', provider: 'Mistral', modelType: 'text', input: 1.6, output: 4.8 },
  { id: 'dall-e-3', provider: 'OpenAI', modelType: 'image', perRequest: 0.032 },
  { id: 'gpt-image-1', provider: 'OpenAI', modelType: 'image', perRequest: 0.04 },
  { id: 'mj_imagine', provider: 'Midjourney', modelType: 'image', perRequest: 0.056 },
  { id: 'flux-1', provider: 'Black Forest Labs', modelType: 'image', perRequest: 0.02 },
  { id: 'seedream-3-0', provider: 'ByteDance', modelType: 'image', perRequest: 0.024 },
  { id: 'suno_music', provider: 'Suno', modelType: 'audio', perRequest: 0.12 },
  { id: 'tts-1', provider: 'OpenAI', modelType: 'audio', input: 12 },
  { id: 'whisper-1', provider: 'OpenAI', modelType: 'audio', perRequest: 0.0048 },
  { id: 'text-embedding-3-small', provider: 'OpenAI', modelType: 'embedding', input: 0.016 },
  { id: 'text-embedding-3-large', provider: 'OpenAI', modelType: 'embedding', input: 0.104 },
  { id: 'omni-moderation-latest', provider: 'OpenAI', modelType: 'moderation', input: 0 },
  { id: 'sora-2', provider: 'OpenAI', modelType: 'video', perRequest: 0.4 },
  { id: 'veo3', provider: 'Google', modelType: 'video', perRequest: 1.6 },
  { id: 'kling_video', provider: 'Kuaishou', modelType: 'video', perRequest: 0.2 },
];

/** The ids GET /v1/models lists when a test does not override them. */
export const DEFAULT_MODEL_IDS: readonly string[] = CATALOGUE.map((entry) => entry.id);

const CREATED = 1_735_689_600; // 2025-01-01, a fixed timestamp so recorded answers are stable

function ownerOf(id: string): string {
  return CATALOGUE.find((entry) => entry.id === id)?.provider.toLowerCase() ?? 'custom';
}

export type ModelsEnvelope = 'comet' | 'openai';

/** GET /v1/models: CometAPI's `{success, data}` envelope, or OpenAI's `{object: 'list', data}`. */
export function modelsListBody(ids: readonly string[], envelope: ModelsEnvelope): unknown {
  const data = ids.map((id, index) => ({
    id,
    object: 'model',
    created: CREATED + index,
    owned_by: ownerOf(id),
    // Some deployments add this field; clients must not depend on it.
    ...(index % 3 === 0 ? { supported_endpoint_types: ['openai'] } : {}),
  }));
  return envelope === 'openai' ? { object: 'list', data } : { success: true, data };
}

/** GET /api/models: the public catalogue with provider, type and pricing. */
export function publicCatalogueBody(): unknown {
  return {
    success: true,
    total: CATALOGUE.length,
    data: CATALOGUE.map((entry) => ({
      id: entry.id,
      provider: entry.provider,
      model_type: entry.modelType,
      features: entry.modelType !== 'text' ? [`text-to-${entry.modelType}`] : isVisionModel(entry.id) ? ['text-to-text', 'image-to-text'] : ['text-to-text'],
      pricing: {
        currency: 'USD / M Tokens',
        input: entry.input ?? null,
        output: entry.output ?? null,
        per_request: entry.perRequest ?? null,
        per_second: null,
      },
      ...(entry.contextLength !== undefined ? { context_length: entry.contextLength } : {}),
      api_doc_url: `https://api.cometapi.com/doc#${entry.id}`,
    })),
  };
}
