// Two VS Code windows share one global storage folder. The "other window" here is a second conversation store
// opened on this extension's real storage folder (what a second extension host does), adding a turn to the
// chat open in this window; this window's next turn must keep it and show it, not overwrite it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatTestHooks } from '../../../src/host/extension';
import { ConversationStore } from '../../../src/core/storage/conversationStore';
import type { AssistantMessage, Conversation } from '../../../src/shared/conversation';
import { type ChatAgainstMock, startChatAgainstMock } from './chatAgainstMock';
import { globalStorageFolder, waitFor } from './extensionUnderTest';

suite('two windows on one chat', () => {
  const key = 'sk-e2e-two-windows';
  let hooks: ChatTestHooks;
  let chat: ChatAgainstMock | undefined;

  suiteSetup(async () => {
    chat = await startChatAgainstMock(key);
    hooks = chat.hooks;
    await vscode.commands.executeCommand('cometapi.newChat');
  });

  suiteTeardown(async () => {
    await chat?.restore();
  });

  async function ask(text: string): Promise<void> {
    const before = hooks.conversation().messages.length;
    hooks.receiveFromWebview({ type: 'send', text });
    await waitFor(
      `the answer to "${text}"`,
      () => {
        const answer = hooks
          .conversation()
          .messages.slice(before)
          .find((m): m is AssistantMessage => m.role === 'assistant');
        return answer && answer.status !== 'streaming' ? answer : undefined;
      },
      20_000,
    );
  }

  test('a turn the other window added to the open chat is kept and shown when this window adds the next one', async () => {
    await ask('First question, from this window');
    const id = hooks.conversation().id;
    const otherWindow = await ConversationStore.open(globalStorageFolder());
    // This window saves once the answer has ended, a moment after the chat shows it ended.
    const there = await waitFor('the other window to find the chat on disk', () => otherWindow.checkout(id));
    const added: Conversation = {
      ...there,
      updatedAt: Date.now(),
      messages: [
        ...there.messages,
        { id: 'other-q', role: 'user', text: 'Question typed in the other window', createdAt: Date.now() },
        { id: 'other-a', role: 'assistant', text: 'Answer streamed in the other window', model: 'gpt-5-mini', status: 'done', createdAt: Date.now() },
      ],
    };
    await otherWindow.save(added);
    await otherWindow.dispose();

    await ask('Second question, from this window');
    const shown = await waitFor('the merged chat in this window', () => {
      const texts = hooks.conversation().messages.map((m) => m.text);
      return texts.includes('Question typed in the other window') ? texts : undefined;
    });
    assert.equal(shown.length, 6, `both turns of this window and the other window's turn: ${shown.join(' | ')}`);
    const onDisk = await (await ConversationStore.open(globalStorageFolder())).load(id);
    const questions = onDisk?.messages.filter((m) => m.role === 'user').map((m) => m.text);
    assert.deepEqual(questions, ['First question, from this window', 'Question typed in the other window', 'Second question, from this window']);
  });
});
