// What the chat's buttons that leave the chat do: an error card's actions (Set API Key, Select Model, Open
// Settings, Use Chat Completions, Retry) and a link in an answer, which opens only if it is http(s) or mailto.
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import type { ErrorAction } from '../shared/conversation';
import { safeExternalUrl } from '../shared/externalLinks';
import { assertNever } from '../shared/protocol';
import type { Logger } from './logger';
import { useChatEndpointForClaude } from './settings';

export async function runErrorAction(action: ErrorAction, session: Pick<ChatSession, 'conversation' | 'retry'>): Promise<void> {
  switch (action) {
    case 'setApiKey':
      await vscode.commands.executeCommand('cometapi.setApiKey');
      return;
    case 'selectModel':
      await vscode.commands.executeCommand('cometapi.selectModel');
      return;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'cometapi');
      return;
    case 'useChatEndpoint':
      // Offered when /v1/messages is missing; the answer is then asked again on chat completions.
      await useChatEndpointForClaude();
      await runErrorAction('retry', session);
      return;
    case 'retry': {
      const last = [...session.conversation.messages].reverse().find((message) => message.role === 'assistant');
      if (last) {
        await session.retry(last.id);
      }
      return;
    }
    default:
      assertNever(action);
  }
}

export async function openChatLink(href: string, logger: Logger): Promise<void> {
  const url = safeExternalUrl(href);
  if (!url) {
    logger.warn(`Blocked a link from the chat that is not http(s) or mailto: ${href.slice(0, 200)}`);
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}
