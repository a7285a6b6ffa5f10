// The host's check of what the chat webview posts (parseWebviewToHost, run by ChatViewProvider before any
// handler): a webview that runs foreign script can post anything, so every field of every message type is
// attacked here. The examples table is typed so that a new message type does not compile until it has one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_ACTIONS, MAX_TEXT_LENGTH } from '../../src/shared/conversation';
import { CODE_BLOCK_ACTIONS, parseWebviewToHost, webviewToHostSchema, type WebviewToHost } from '../../src/shared/protocol';

type Examples = { readonly [T in WebviewToHost['type']]: Extract<WebviewToHost, { type: T }> };

const id = '3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c';

/** One valid message of each type, with every optional field set. */
const valid: Examples = {
  ready: { type: 'ready' },
  send: { type: 'send', text: 'Why does this loop never end?\n```ts\nwhile (true) {}\n```', contextIds: [id, 'chip-2'], imageIds: ['img-1'] },
  draft: { type: 'draft', conversationId: 'c1', text: 'half a thought', contextIds: [id], imageIds: ['img-1'] },
  attachImage: {
    type: 'attachImage',
    image: { name: 'screenshot.png', mimeType: 'image/png', base64: 'iVBORw0KGgo=', width: 640, height: 480, thumbnail: '/9j/4AAQ' },
  },
  stop: { type: 'stop' },
  attachActiveFile: { type: 'attachActiveFile' },
  pickWorkspaceFile: { type: 'pickWorkspaceFile', requestId: 'hash-1' },
  cancelQueued: { type: 'cancelQueued', id },
  retry: { type: 'retry', messageId: id },
  editAndResend: { type: 'editAndResend', messageId: id, text: 'A better question' },
  newChat: { type: 'newChat' },
  runAction: { type: 'runAction', action: 'setApiKey' },
  copy: { type: 'copy', text: 'npm install left-pad' },
  codeAction: { type: 'codeAction', action: 'replaceSelection', code: 'const x = 1;', language: 'typescript', messageId: id },
  openLink: { type: 'openLink', href: 'https://www.cometapi.com/docs' },
  selectModel: { type: 'selectModel' },
  listConversations: { type: 'listConversations' },
  openConversation: { type: 'openConversation', id: 'c1' },
  deleteConversation: { type: 'deleteConversation', id: 'c1' },
  renameConversation: { type: 'renameConversation', id: 'c1', title: 'Closures, explained' },
  exportConversation: { type: 'exportConversation', id: 'c1' },
};

function rejects(message: unknown, why: string): void {
  const parsed = parseWebviewToHost(message);
  assert.equal(parsed.ok, false, `${why}: ${JSON.stringify(message)?.slice(0, 120)}`);
}

/** Values of the wrong kind for a field whose valid value is `sample`. */
function wrongKinds(sample: unknown): unknown[] {
  const always = [null, true, {}, { toString: () => 'https://x' }, Number.NaN, Number.POSITIVE_INFINITY];
  if (typeof sample === 'string') {
    return [...always, 42, [], [sample]];
  }
  if (Array.isArray(sample)) {
    return [...always, 42, 'x', [42], [null], [{}], ['x'.repeat(500)]];
  }
  return [...always, 'x', []];
}

const options = webviewToHostSchema.options;

test('every message type has a valid example, and the schema names no other type', () => {
  assert.deepEqual(options.map((o) => o.shape.type.value).sort(), Object.keys(valid).sort());
});

test('each valid message passes and comes back as an equal, separate object', () => {
  for (const message of Object.values(valid)) {
    const parsed = parseWebviewToHost(structuredClone(message));
    assert.ok(parsed.ok, `${message.type}: ${parsed.ok ? '' : parsed.reason}`);
    assert.deepEqual(parsed.value, message);
  }
  for (const action of ERROR_ACTIONS) {
    assert.ok(parseWebviewToHost({ type: 'runAction', action }).ok, action);
  }
  for (const action of CODE_BLOCK_ACTIONS) {
    assert.ok(parseWebviewToHost({ ...valid.codeAction, action }).ok, action);
  }
  assert.ok(parseWebviewToHost({ type: 'send', text: 'x'.repeat(3 * 1024 * 1024) }).ok, 'a pasted file of a few MB is a valid question');
});

test('a field of the wrong type, a missing field or a non-finite number rejects the message, for every type', () => {
  let attacks = 0;
  for (const option of options) {
    const example = valid[option.shape.type.value as WebviewToHost['type']] as unknown as Record<string, unknown>;
    for (const [field, schema] of Object.entries(option.shape)) {
      if (field === 'type') {
        continue;
      }
      for (const wrong of wrongKinds(example[field])) {
        rejects({ ...example, [field]: wrong }, `${example.type}.${field} of the wrong kind`);
        attacks += 1;
      }
      if (!('optional' in schema)) {
        const { [field]: _dropped, ...missing } = example;
        rejects(missing, `${example.type} without ${field}`);
        attacks += 1;
      }
    }
  }
  assert.ok(attacks > 150, `only ${attacks} attacks were made`);
});

test('text longer than any person sends is refused in every text field', () => {
  const huge = 'x'.repeat(MAX_TEXT_LENGTH + 1);
  for (const example of Object.values(valid) as unknown as Record<string, unknown>[]) {
    for (const [field, value] of Object.entries(example)) {
      if (field !== 'type' && typeof value === 'string') {
        rejects({ ...example, [field]: huge }, `${String(example.type)}.${field} too long`);
      }
    }
  }
  rejects({ ...valid.retry, messageId: 'x'.repeat(129) }, 'an id longer than any id the host issues');
  rejects({ ...valid.send, contextIds: Array.from({ length: 1000 }, (_, i) => `chip-${i}`) }, 'a flood of attachments');
});

test('fields the schema does not name are refused, prototype keys included', () => {
  for (const example of Object.values(valid)) {
    rejects({ ...example, extra: 'x'.repeat(100_000) }, 'an extra huge field');
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const message = JSON.parse(`{"type":${JSON.stringify(example.type)},${JSON.stringify(key)}:{"polluted":true}}`) as unknown;
      rejects({ ...(message as object), ...example, ...(message as object) }, `a ${key} key`);
    }
  }
  assert.equal(({} as { polluted?: unknown }).polluted, undefined);
});

test('what is not a message at all is refused', () => {
  for (const junk of [undefined, null, 0, 'ready', [], [{ type: 'ready' }], {}, { type: 42 }, { type: 'eval' }, { type: 'toString' }, { type: '__proto__' }]) {
    rejects(junk, 'junk');
  }
});

test('openLink with an href that is not text is dropped before any handler could call href.slice', () => {
  rejects({ type: 'openLink', href: 42 }, 'a number');
  rejects({ type: 'openLink', href: { slice: () => 'file:///etc/passwd' } }, 'an object with a slice method');
  rejects({ type: 'openLink', href: ['https://a.example'] }, 'a list');
});

test('conversation ids that could name another file, and enum values the host has no handler for, are refused', () => {
  for (const type of ['openConversation', 'deleteConversation', 'exportConversation'] as const) {
    for (const bad of ['../../settings', 'c1/../../x', 'c1.json', '', 'C:\\x']) {
      rejects({ type, id: bad }, `${type} with id ${bad}`);
    }
  }
  rejects({ ...valid.draft, conversationId: '../c1' }, 'a draft for a path');
  rejects({ type: 'runAction', action: 'launchRocket' }, 'an unknown error action');
  rejects({ ...valid.codeAction, action: 'deleteFile' }, 'an unknown code action');
});
