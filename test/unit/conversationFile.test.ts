import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANSWER_STATUSES, ERROR_ACTIONS, ERROR_KINDS, type AssistantMessage, type Conversation } from '../../src/shared/conversation';
import {
  CONVERSATION_FILE_VERSION,
  parseChatMessage,
  parseConversation,
  parseConversationFile,
  serializeConversation,
} from '../../src/core/storage/conversationFile';

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
  const parsed = parseConversationFile(
    fileWith((f) => {
      f.conversation.injected = '<script>';
    }),
    'c1',
  );
  assert.ok(parsed.kind === 'ok');
  assert.equal('injected' in parsed.conversation, false);
});

test('each kind of damage is named in the reason', () => {
  assert.match(reasonFor(null), /the file is not an object/);
  assert.match(reasonFor({ some: 'other json' }), /not a CometAPI Chat conversation/);
  assert.match(
    reasonFor(
      fileWith((f) => {
        f.conversation.messages = {} as never;
      }),
    ),
    /conversation\.messages is not a list/,
  );
  assert.match(
    reasonFor(
      fileWith((f) => {
        f.conversation.title = 42;
      }),
    ),
    /conversation\.title is not text/,
  );
  assert.match(
    reasonFor(
      fileWith((f) => {
        f.conversation.updatedAt = 'yesterday';
      }),
    ),
    /conversation\.updatedAt is not a time/,
  );
  assert.match(
    reasonFor(
      fileWith((f) => {
        f.conversation.messages[0] = { ...f.conversation.messages[0], role: 'system' };
      }),
    ),
    /messages\[0\]\.role is not one of user, assistant/,
  );
  assert.match(
    reasonFor(
      fileWith((f) => {
        f.conversation.messages[0] = { ...f.conversation.messages[0], contexts: [{ path: 'a.ts' }] };
      }),
    ),
    /messages\[0\]\.contexts\[0\]\.languageId is not text/,
  );
  assert.match(
    reasonFor(
      fileWith((f) => {
        f.conversation.messages[1] = { ...f.conversation.messages[1], usage: { promptTokens: -1 } };
      }),
    ),
    /usage\.promptTokens is not a whole number/,
  );
  assert.match(
    reasonFor(
      fileWith((f) => {
        f.conversation.messages[1] = { ...f.conversation.messages[1], error: { kind: 'auth', message: 'x', actions: 'retry' } };
      }),
    ),
    /error\.actions is not a list/,
  );
  assert.match(
    reasonFor(
      fileWith((f) => {
        f.conversation.messages[1] = { ...f.conversation.messages[1], createdAt: Number.POSITIVE_INFINITY };
      }),
    ),
    /messages\[1\]\.createdAt is not a time/,
  );
  assert.match(
    reasonFor(
      fileWith((f) => {
        delete (f.conversation as Record<string, unknown>).messages;
      }),
    ),
    /conversation\.messages is not a list/,
  );
  assert.match(
    reasonFor(
      fileWith((f) => {
        delete f.conversation.id;
      }),
    ),
    /conversation\.id is not text/,
  );
});

test('a conversation id that could escape the folder, or differs from the file name, is refused', () => {
  assert.match(
    reasonFor(
      fileWith((f) => {
        f.conversation.id = '../../x';
      }),
      '../../x',
    ),
    /conversation\.id has characters that are not allowed/,
  );
  assert.match(reasonFor(JSON.parse(serializeConversation(valid)), 'other'), /holds conversation "c1", not "other"/);
});

test('a file from a newer version is recognised as such, not as damage', () => {
  const file = { ...(JSON.parse(serializeConversation(valid)) as object), version: CONVERSATION_FILE_VERSION + 1 };
  assert.deepEqual(parseConversationFile(file, 'c1'), { kind: 'newer', version: CONVERSATION_FILE_VERSION + 1 });
});

/** An answer with every optional field set, so a round trip covers all of them. */
function fullAnswer(id: string, extra: Partial<AssistantMessage>): AssistantMessage {
  return {
    id,
    role: 'assistant',
    text: 'Answer',
    reasoning: 'Thinking',
    model: 'gpt-5-mini',
    servedModel: 'gpt-5-mini-2025-08-07',
    status: 'done',
    usage: { promptTokens: 10, completionTokens: 20, totalTokens: 30, reasoningTokens: 5 },
    finishReason: 'stop',
    createdAt: 100,
    endedAt: 101.5,
    ...extra,
  };
}

test('every answer status, error kind and error action is written and read back unchanged', () => {
  const messages: AssistantMessage[] = [
    ...ANSWER_STATUSES.map((status, i) => fullAnswer(`status-${i}`, { status })),
    ...ERROR_KINDS.map((kind, i) =>
      fullAnswer(`kind-${i}`, {
        status: 'error',
        error: { kind, message: `Failed: ${kind}`, requestId: `req_${i}`, status: 500 + i, actions: [...ERROR_ACTIONS] },
      }),
    ),
    ...ERROR_ACTIONS.map((action, i) => fullAnswer(`action-${i}`, { status: 'error', error: { kind: 'server', message: 'x', actions: [action] } })),
  ];
  const conversation: Conversation = {
    ...valid,
    messages: [
      {
        id: 'q',
        role: 'user',
        text: 'Explain',
        createdAt: 1,
        contexts: [
          { path: 'a.ts', languageId: 'typescript', startLine: 3, endLine: 900, code: 'x', truncatedAtLine: 40, totalLines: 900, uri: 'file:///w/a.ts' },
        ],
      },
      ...messages,
    ],
  };
  assert.deepEqual(parseConversationFile(JSON.parse(serializeConversation(conversation)), 'c1'), { kind: 'ok', conversation });
});

test('values this version does not know load degraded, and every message of the file is kept', () => {
  const fromNewerBuild = {
    ...valid,
    pinned: true,
    messages: [
      { id: 'q1', role: 'user', text: 'First question', createdAt: 1, attachments: [{ kind: 'image' }] },
      { id: 'a1', role: 'assistant', text: 'Half an answer', model: 'm', status: 'queued', createdAt: 2, cost: 0.01 },
      { id: 'q2', role: 'user', text: 'Second question', createdAt: 3 },
      {
        id: 'a2',
        role: 'assistant',
        text: '',
        model: 'm',
        status: 'error',
        createdAt: 4,
        error: { kind: 'teleportFailed', message: 'The portal is closed.', actions: ['openPortal', 'retry'] },
      },
    ],
  };
  const file = { format: 'cometapi-chat/conversation', version: CONVERSATION_FILE_VERSION, conversation: fromNewerBuild };
  const parsed = parseConversationFile(JSON.parse(JSON.stringify(file)), 'c1');
  assert.ok(parsed.kind === 'ok', parsed.kind === 'invalid' ? parsed.reason : parsed.kind);
  const { messages } = parsed.conversation;
  assert.deepEqual(
    messages.map((m) => [m.id, m.text]),
    [
      ['q1', 'First question'],
      ['a1', 'Half an answer'],
      ['q2', 'Second question'],
      ['a2', ''],
    ],
  );
  const [, halfAnswer, , failed] = messages as [unknown, AssistantMessage, unknown, AssistantMessage];
  assert.equal(halfAnswer.status, 'interrupted');
  assert.deepEqual(failed.error, { kind: 'server', message: 'The portal is closed.', actions: ['retry'] });
  assert.equal('pinned' in parsed.conversation, false);
  assert.equal('cost' in halfAnswer, false);
});

test('a record that is not a conversation gets a reason, not an exception', () => {
  for (const value of [undefined, null, 'text', 42, [], {}, { id: 'c1' }, { id: 'c1', title: 't', createdAt: 1, updatedAt: 2, messages: 'none' }]) {
    const parsed = parseConversation(value);
    assert.equal(parsed.kind, 'invalid');
  }
  const polluted = JSON.parse('{"id":"c1","title":"t","createdAt":1,"updatedAt":2,"messages":[],"__proto__":{"polluted":true}}') as unknown;
  const parsed = parseConversation(polluted);
  assert.ok(parsed.kind === 'ok');
  assert.equal((parsed.conversation as unknown as { polluted?: unknown }).polluted, undefined);
  assert.equal(({} as { polluted?: unknown }).polluted, undefined);
});

test('one message record reads with the same lenience as a whole conversation', () => {
  const parsed = parseChatMessage({ id: 'a1', role: 'assistant', text: 'Kept', model: 'm', status: 'queued', createdAt: 1, extra: true });
  assert.deepEqual(parsed, { kind: 'ok', message: { id: 'a1', role: 'assistant', text: 'Kept', model: 'm', status: 'interrupted', createdAt: 1 } });
  assert.equal(parseChatMessage({ id: 'a1', role: 'assistant', text: 42 }).kind, 'invalid');
});
