import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Conversation } from '../../src/shared/conversation';
import { CONVERSATION_FILE_VERSION, parseConversationFile, serializeConversation } from '../../src/core/storage/conversationFile';

const valid: Conversation = {
  id: 'c1',
  title: 'Closures',
  createdAt: 1,
  updatedAt: 2,
  workspace: 'shop',
  messages: [
    { id: 'q', role: 'user', text: 'Explain', createdAt: 1, contexts: [{ path: 'a.ts', languageId: 'typescript', startLine: 1, endLine: 2, code: 'x' }] },
    { id: 'a', role: 'assistant', text: 'Sure', model: 'm', status: 'done', createdAt: 2, usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } },
  ],
};

/** The file of `valid`, with one change made to its parsed JSON. */
function fileWith(change: (file: { conversation: Record<string, unknown> & { messages: Array<Record<string, unknown>> } }) => void): unknown {
  const file = JSON.parse(serializeConversation(valid)) as { conversation: Record<string, unknown> & { messages: Array<Record<string, unknown>> } };
  change(file);
  return file;
}

function reasonFor(value: unknown, id = 'c1'): string {
  const parsed = parseConversationFile(value, id);
  assert.equal(parsed.kind, 'invalid');
  return parsed.kind === 'invalid' ? parsed.reason : '';
}

test('a saved conversation parses back to the same conversation', () => {
  assert.deepEqual(parseConversationFile(JSON.parse(serializeConversation(valid)), 'c1'), { kind: 'ok', conversation: valid });
});

test('fields that are not part of a conversation are not carried into memory', () => {
  const parsed = parseConversationFile(fileWith((f) => { f.conversation.injected = '<script>'; }), 'c1');
  assert.ok(parsed.kind === 'ok');
  assert.equal('injected' in parsed.conversation, false);
});

test('each kind of damage is named in the reason', () => {
  assert.match(reasonFor(null), /the file is not an object/);
  assert.match(reasonFor({ some: 'other json' }), /not a CometAPI Chat conversation/);
  assert.match(reasonFor(fileWith((f) => { f.conversation.messages = {} as never; })), /conversation\.messages is not a list/);
  assert.match(reasonFor(fileWith((f) => { f.conversation.title = 42; })), /conversation\.title is not text/);
  assert.match(reasonFor(fileWith((f) => { f.conversation.updatedAt = 'yesterday'; })), /conversation\.updatedAt is not a time/);
  assert.match(reasonFor(fileWith((f) => { f.conversation.messages[0] = { ...f.conversation.messages[0], role: 'system' }; })), /messages\[0\]\.role is neither/);
  assert.match(reasonFor(fileWith((f) => { f.conversation.messages[0] = { ...f.conversation.messages[0], contexts: [{ path: 'a.ts' }] }; })), /messages\[0\]\.contexts\[0\]\.languageId is not text/);
  assert.match(reasonFor(fileWith((f) => { f.conversation.messages[1] = { ...f.conversation.messages[1], usage: { promptTokens: -1 } }; })), /usage\.promptTokens is not a whole number/);
  assert.match(reasonFor(fileWith((f) => { f.conversation.messages[1] = { ...f.conversation.messages[1], error: { kind: 'auth', message: 'x', actions: ['format disk'] } }; })), /error\.actions\[0\] is not one of/);
});

test('a conversation id that could escape the folder, or differs from the file name, is refused', () => {
  assert.match(reasonFor(fileWith((f) => { f.conversation.id = '../../x'; }), '../../x'), /characters a file name cannot hold/);
  assert.match(reasonFor(JSON.parse(serializeConversation(valid)), 'other'), /holds conversation "c1", not "other"/);
});

test('a file from a newer version is recognised as such, not as damage', () => {
  const file = { ...(JSON.parse(serializeConversation(valid)) as object), version: CONVERSATION_FILE_VERSION + 1 };
  assert.deepEqual(parseConversationFile(file, 'c1'), { kind: 'newer', version: CONVERSATION_FILE_VERSION + 1 });
});
