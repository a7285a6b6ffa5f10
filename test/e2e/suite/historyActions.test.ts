// The history's rename and delete as the chat webview asks for them, checked where a person would find the result
// later: in the conversation files on disk (read by a second store, as another window or the next session would).
// The list the panel shows and delete's Undo button are checked by the UI tests (ui/history.ui.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatTestHooks } from '../../../src/host/extension';
import { ConversationStore } from '../../../src/core/storage/conversationStore';
import type { ConversationSummary } from '../../../src/shared/protocol';
import { type ChatAgainstMock, startChatAgainstMock } from './chatAgainstMock';
import { globalStorageFolder, waitFor } from './extensionUnderTest';

suite('history: rename and delete', () => {
  const key = 'sk-e2e-history-actions';
  let hooks: ChatTestHooks;
  let chat: ChatAgainstMock | undefined;

  suiteSetup(async () => {
    chat = await startChatAgainstMock(key);
    hooks = chat.hooks;
  });

  suiteTeardown(async () => {
    await chat?.restore();
  });

  /** A new chat with one answered question; returns its id. */
  async function chatWith(question: string): Promise<string> {
    await vscode.commands.executeCommand('cometapi.newChat');
    const before = hooks.conversation().messages.length;
    hooks.receiveFromWebview({ type: 'send', text: question });
    await waitFor(
      `the answer to "${question}"`,
      () => {
        const answer = hooks
          .conversation()
          .messages.slice(before)
          .find((m) => m.role === 'assistant');
        return answer?.role === 'assistant' && answer.status !== 'streaming' ? answer : undefined;
      },
      20_000,
    );
    return hooks.conversation().id;
  }

  /** What the next window (or the history list) finds on disk. */
  async function onDisk(): Promise<ConversationSummary[]> {
    const store = await ConversationStore.open(globalStorageFolder());
    try {
      return await store.list();
    } finally {
      await store.dispose();
    }
  }

  function titleOnDisk(id: string): Promise<string | undefined> {
    return onDisk().then((list) => list.find((summary) => summary.id === id)?.title);
  }

  test('renaming the open chat changes its title in the window and on disk', async () => {
    const id = await chatWith('A question whose chat gets a better name');
    hooks.receiveFromWebview({ type: 'renameConversation', id, title: 'Renamed while open' });
    await waitFor('the open chat to take the new title', () => (hooks.conversation().title === 'Renamed while open' ? true : undefined));
    await waitFor('the new title on disk', async () => ((await titleOnDisk(id)) === 'Renamed while open' ? true : undefined));
    assert.equal(hooks.conversation().id, id, 'renaming does not switch chats');
    assert.equal(hooks.conversation().messages.length, 2, 'the question and its answer are kept');
  });

  test('renaming a chat that is not open changes its title on disk and leaves the open chat alone', async () => {
    const earlier = await chatWith('An earlier question');
    const open = await chatWith('The question of the open chat');
    const openTitle = hooks.conversation().title;
    hooks.receiveFromWebview({ type: 'renameConversation', id: earlier, title: 'Earlier, renamed' });
    await waitFor('the new title on disk', async () => ((await titleOnDisk(earlier)) === 'Earlier, renamed' ? true : undefined));
    assert.equal(hooks.conversation().id, open);
    assert.equal(hooks.conversation().title, openTitle, 'the open chat keeps its own title');
  });

  test('a blank title is ignored: the chat keeps its name', async () => {
    const id = await chatWith('A question that keeps its title');
    const title = hooks.conversation().title;
    hooks.receiveFromWebview({ type: 'renameConversation', id, title: '   ' });
    // A rename that did happen would be on disk within a save; give it that long, then check nothing changed.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(hooks.conversation().title, title);
    assert.equal(await titleOnDisk(id), title);
  });

  test('deleting the open chat removes it from disk and opens an empty chat', async () => {
    const id = await chatWith('A question in a chat about to be deleted');
    hooks.receiveFromWebview({ type: 'deleteConversation', id });
    await waitFor('an empty chat in its place', () => (hooks.conversation().id !== id && hooks.conversation().messages.length === 0 ? true : undefined));
    await waitFor('the chat to be gone from disk', async () => ((await onDisk()).some((summary) => summary.id === id) ? undefined : true));
  });
});
