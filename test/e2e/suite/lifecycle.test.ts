// Disposing what activation built releases its listeners: the chat controller, once disposed, no longer reacts to
// its webview, to the key changing or to the conversation being switched. Built here from the real classes, in
// the real extension host (VS Code's own EventEmitter and configuration events), with a stand-in view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ChatSession } from '../../../src/core/chat/chatSession';
import { defaultChatSettings } from '../../../src/core/chat/chatSettings';
import { createConversation } from '../../../src/core/conversation/conversationOps';
import { ChatController, type ChatView } from '../../../src/host/chatController';
import { AsyncEmitter } from '../../../src/shared/asyncEmitter';
import type { HostToWebview, WebviewToHost } from '../../../src/shared/protocol';

suite('lifecycle', () => {
  test('a disposed chat controller no longer reacts to its view, the key or a switched conversation', async () => {
    const ready = new vscode.EventEmitter<void>();
    const fromView = new vscode.EventEmitter<Exclude<WebviewToHost, { type: 'ready' }>>();
    const keyChanged = new vscode.EventEmitter<boolean>();
    const switched = new AsyncEmitter<void>();
    const posted: HostToWebview[] = [];
    let listsPosted = 0;
    const view: ChatView = {
      onDidBecomeReady: ready.event,
      onDidReceiveMessage: fromView.event,
      post: (message) => posted.push(message),
      reveal: async () => undefined,
    };
    const session = new ChatSession(
      {
        post: (message) => posted.push(message),
        readSettings: () => defaultChatSettings,
        getApiKey: async () => ({ ok: false, reason: 'missing', message: 'No key in this test.' }),
        streamChat: () => {
          throw new Error('nothing is sent in this test');
        },
        onConversationChanged: () => undefined,
        onAnswerSettled: () => undefined,
        onStreamingChanged: () => undefined,
        onForked: async () => undefined,
        renderUserMessage: (message) => message.text,
        log: () => undefined,
        newId: () => 'id',
        now: Date.now,
      },
      createConversation({ id: 'lifecycle', now: 1 }),
    );
    const controller = new ChatController({
      conversations: {
        session,
        onDidSwitchConversation: switched.event,
        startNew: async () => undefined,
        open: async () => undefined,
        saveDraft: () => undefined,
      },
      history: {
        postList: async () => {
          listsPosted++;
        },
        delete: async () => undefined,
        rename: async () => undefined,
        exportToMarkdown: async () => undefined,
      },
      view,
      apiKeys: { onDidChange: keyChanged.event, hasKey: async () => false },
      codeActions: { handle: async () => undefined },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const stateCount = () => posted.filter((message) => message.type === 'state').length;

    try {
      // Alive, it answers each of them.
      fromView.fire({ type: 'listConversations' });
      keyChanged.fire(true);
      ready.fire();
      await settle();
      await switched.fire();
      assert.equal(listsPosted, 1, 'the history list was asked for');
      assert.ok(
        posted.some((message) => message.type === 'apiKeyChanged'),
        'the key change reached the view',
      );
      assert.equal(stateCount(), 2, 'ready and the switch each replayed the state');

      controller.dispose();
      const before = posted.length;
      fromView.fire({ type: 'listConversations' });
      keyChanged.fire(false);
      ready.fire();
      await switched.fire();
      await settle();
      assert.equal(listsPosted, 1, 'no history list after dispose');
      assert.equal(posted.length, before, 'nothing was posted to the view after dispose');
      assert.doesNotThrow(() => controller.dispose(), 'disposing twice is harmless');
    } finally {
      controller.dispose();
      session.dispose();
      ready.dispose();
      fromView.dispose();
      keyChanged.dispose();
      switched.dispose();
    }
  });
});
