// The one place an OpenAI SDK client is configured for CometAPI, so every caller (chat, GET /models) gets
// the same base URL handling, timeout and retry setting.
import OpenAI from 'openai';
import { normalizeBaseUrl } from './baseUrl';
import { MissingApiKeyError } from '../errors/errors';

export interface OpenAIClientOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** How long to wait for response headers (the SDK's `timeout`; it does not cover a stalled body). */
  readonly timeoutMs: number;
}

export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  const apiKey = options.apiKey.trim();
  // The SDK would fall back to OPENAI_API_KEY from the environment and send an OpenAI key to CometAPI.
  if (apiKey === '') {
    throw new MissingApiKeyError();
  }
  return new OpenAI({
    apiKey,
    baseURL: normalizeBaseUrl(options.baseUrl),
    timeout: options.timeoutMs,
    // The SDK's own retries would also retry 503 model_not_found and hide what happens from the person;
    // retryPolicy.ts decides instead.
    maxRetries: 0,
    // Explicit nulls stop the SDK from picking up OPENAI_ORG_ID etc. and sending them to CometAPI.
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    // The SDK logs malformed chunks to the console; errors reach the person through classifyError instead.
    logLevel: 'off',
  });
}
