// The webview's check of what the host posts (parseHostToWebview, the UI's message entry point): every
// message type round-trips, malformed ones never reach the UI, and a value this build does not know in
// forwarded data degrades instead of blanking the transcript. The examples table is typed so that a new
// message type does not compile until it has one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AssistantMessage, Conversation, UserMessage } from '../../src/shared/conversation';
import { ANSWER_STATUSES } from '../../src/shared/conversation';
import { hostToWebviewSchema, NOTICE_LEVELS, parseHostToWebview, type HostToWebview } from '../../src/shared/protocol';
import { createHarness } from './uiHarness';

type Examples = { readonly [T in HostToWebview['type']]: Extract<HostToWebview, { type: T }> };

const question: UserMessage = {
  id: 'u1',
  role: 'user',
  text: 'Explain this',
  createdAt: 1,
  contexts: [
    { path: 'src/a.ts', languageId: 'typescript', startLine: 1, endLine: 3, code: 'let a = 1;', truncatedAtLine: 2, totalLines: 3, uri: 'file:///w/src/a.ts' },
  ],
};
const answer: AssistantMessage = {
  id: 'a1',
  role: 'assistant',
  text: 'It declares a.',
  reasoning: 'Simple.',
  model: 'gpt-5-mini',
  servedModel: 'gpt-5-mini-2025-08-07',
  status: 'error',
  usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3, reasoningTokens: 1 },
  finishReason: 'stop',
  error: { kind: 'rateLimit', message: 'Slow down.', requestId: 'req_1', status: 429, actions: ['retry', 'selectModel'] },
  createdAt: 2,
  endedAt: 3,
};
const conversation: Conversation = { id: 'c1', title: 'Explain', createdAt: 1, updatedAt: 3, workspace: 'shop', messages: [question, answer] };
const imageRef = { sha256: 'a'.repeat(64), mimeType: 'image/png' as const, bytes: 1234, width: 640, height: 480, name: 'shot.png', thumbnail: '/9j/4AAQ' };
const chip = { id: 'chip-1', path: 'src/a.ts', languageId: 'typescript', startLine: 1, endLine: 3, chars: 10, truncatedAtLine: 2, totalLines: 3 };

const valid: Examples = {
  state: {
    type: 'state',
    conversation,
    model: 'gpt-5-mini',
    hasApiKey: true,
    streamingMessageId: 'a1',
    queue: [{ id: 'q9', text: 'and then?', contextCount: 1 }],
    draft: { text: 'unsent', chips: [chip], images: [{ id: 'img-1', image: imageRef }] },
    showCost: true,
  },
  messageAdded: { type: 'messageAdded', message: answer },
  messagesTruncated: { type: 'messagesTruncated', fromMessageId: 'a1' },
  delta: { type: 'delta', messageId: 'a1', text: 'more', reasoning: 'hmm' },
  answerEnded: {
    type: 'answerEnded',
    messageId: 'a1',
    status: 'done',
    usage: answer.usage,
    finishReason: 'stop',
    servedModel: 'gpt-5-mini',
    error: answer.error,
  },
  notice: { type: 'notice', messageId: 'a1', text: 'Retrying in 3 s', level: 'warning', noticeId: 'n1' },
  noticeCleared: { type: 'noticeCleared', noticeId: 'n1', messageId: 'a1' },
  queue: { type: 'queue', items: [{ id: 'q9', text: 'and then?', contextCount: 0 }] },
  restoreDraft: { type: 'restoreDraft', text: 'and then?' },
  modelChanged: { type: 'modelChanged', model: 'claude-sonnet-4-5' },
  costVisibilityChanged: { type: 'costVisibilityChanged', showCost: false },
  apiKeyChanged: { type: 'apiKeyChanged', hasApiKey: false },
  focusInput: { type: 'focusInput' },
  attachContext: { type: 'attachContext', chip },
  activeFile: { type: 'activeFile', file: { path: 'src/a.ts' } },
  attachImage: { type: 'attachImage', image: { id: 'img-1', image: imageRef } },
  scaleImage: { type: 'scaleImage', name: 'photo.jpg', mimeType: 'image/jpeg', base64: '/9j/4AAQ' },
  imageNotice: { type: 'imageNotice', text: 'deepseek-chat cannot see images.' },
  filePickerClosed: { type: 'filePickerClosed', requestId: 'hash-1', attached: true },
  conversationList: {
    type: 'conversationList',
    conversations: [{ id: 'c1', title: 'Explain', updatedAt: 3, workspace: 'shop', messageCount: 2 }],
    activeId: 'c1',
  },
  contextBudget: {
    type: 'contextBudget',
    budget: { model: 'gpt-5-mini', windowTokens: 272_000, windowSource: 'rules', budgetTokens: 64_000, fixedTokens: 3, turnTokens: [120, 40], totalTurns: 2 },
  },
};

describe('messages from the host', () => {
  it('every type has an example, and each one passes unchanged', () => {
    assert.deepEqual(hostToWebviewSchema.options.map((o) => o.shape.type.value).sort(), Object.keys(valid).sort());
    for (const message of Object.values(valid)) {
      const parsed = parseHostToWebview(structuredClone(message));
      assert.ok(parsed.ok, `${message.type}: ${parsed.ok ? '' : parsed.reason}`);
      assert.deepEqual(parsed.value, message);
    }
    for (const status of ANSWER_STATUSES) {
      assert.ok(parseHostToWebview({ ...valid.answerEnded, status }).ok, status);
    }
    for (const level of NOTICE_LEVELS) {
      assert.ok(parseHostToWebview({ ...valid.notice, level }).ok, level);
    }
  });

  it('a malformed message is dropped before the UI sees it', () => {
    const h = createHarness();
    h.host(valid.state);
    const before = h.all('.message').map((m) => m.textContent);
    const malformed: unknown[] = [
      { ...valid.delta, text: 42 },
      { ...valid.delta, messageId: { toString: () => 'a1' } },
      { ...valid.messageAdded, message: { ...answer, id: 'a2', createdAt: Number.NaN } },
      { ...valid.messageAdded, message: { ...question, id: 'u2', contexts: [{ path: 'x' }] } },
      { ...valid.state, conversation: { ...conversation, messages: 'none' } },
      { ...valid.answerEnded, usage: { promptTokens: '1', completionTokens: 2, totalTokens: 3 } },
      { ...valid.conversationList, activeId: '../../x' },
      { ...valid.contextBudget, budget: { ...valid.contextBudget.budget, windowTokens: 0 } },
      { ...valid.contextBudget, budget: { ...valid.contextBudget.budget, turnTokens: [-5] } },
    ];
    for (const message of malformed) {
      assert.equal(parseHostToWebview(message).ok, false, JSON.stringify(message).slice(0, 100));
      h.host(message);
    }
    h.flushFrames();
    assert.deepEqual(
      h.all('.message').map((m) => m.textContent),
      before,
    );
  });

  it('an error action or notice level this build does not know is left out, not the whole message', () => {
    const forwarded = { ...valid.messageAdded, message: { ...answer, error: { ...answer.error, kind: 'teleportFailed', actions: ['retry', 'openPortal'] } } };
    const parsed = parseHostToWebview(forwarded);
    assert.ok(parsed.ok && parsed.value.type === 'messageAdded' && parsed.value.message.role === 'assistant');
    assert.deepEqual(parsed.value.message.error?.actions, ['retry']);
    const notice = parseHostToWebview({ ...valid.notice, level: 'celebration' });
    assert.ok(notice.ok && notice.value.type === 'notice');
    assert.equal(notice.value.level, 'info');
  });
});
