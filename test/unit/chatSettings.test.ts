import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultChatSettings, sanitizeChatSettings } from '../../src/core/chat/chatSettings';

test('unset settings fall back to the documented defaults', () => {
  assert.deepEqual(sanitizeChatSettings({}), { ...defaultChatSettings, temperature: undefined, maxOutputTokens: undefined, reasoningEffort: undefined });
});

test('values typed by hand into settings.json are clamped or ignored, never passed on broken', () => {
  const settings = sanitizeChatSettings({
    baseUrl: '  https://proxy.example/v1  ',
    model: '',
    temperature: 7,
    maxOutputTokens: 0.5,
    requestTimeoutSeconds: 'soon',
    maxRetries: 99,
    reasoningEffort: 'extreme',
    maxContextTokens: 12,
  });
  assert.equal(settings.baseUrl, 'https://proxy.example/v1');
  assert.equal(settings.model, 'gpt-5-mini');
  assert.equal(settings.temperature, 2);
  assert.equal(settings.maxOutputTokens, 1);
  assert.equal(settings.requestTimeoutSeconds, 60);
  assert.equal(settings.maxRetries, 8);
  assert.equal(settings.reasoningEffort, undefined);
  assert.equal(settings.maxContextTokens, 1000);
});

test('a temperature of 0 is kept (it is a real choice, not "unset")', () => {
  assert.equal(sanitizeChatSettings({ temperature: 0 }).temperature, 0);
});
