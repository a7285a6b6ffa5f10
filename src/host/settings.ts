// Reads the `cometapi.*` configuration; every request reads it afresh so edits apply at once.
import * as vscode from 'vscode';
import { type ChatSettings, sanitizeChatSettings } from '../core/chat/chatSettings';

export const configSection = 'cometapi';

export function readChatSettings(): ChatSettings {
  const config = vscode.workspace.getConfiguration(configSection);
  const keys = ['baseUrl', 'model', 'systemPrompt', 'temperature', 'maxOutputTokens', 'requestTimeoutSeconds', 'maxRetries', 'reasoningEffort', 'maxContextTokens'];
  return sanitizeChatSettings(Object.fromEntries(keys.map((key) => [key, config.get(key)])));
}

export function openSettings(query = `@ext:cometapi.cometapi-chat`): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', query);
}
