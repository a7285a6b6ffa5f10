// Reads the `cometapi.*` configuration; every request reads it afresh so edits apply at once.
import * as vscode from 'vscode';
import { type ChatSettings, sanitizeChatSettings } from '../core/chat/chatSettings';

export const configSection = 'cometapi';

/**
 * Settings a cloned repository must not decide: where the key is sent and what the model is told. The manifest
 * scopes them to the application; they are also read from the user's own value only, so a VS Code that would
 * still honour a workspace value (an older one, a settings bug) cannot be steered by `.vscode/settings.json`.
 */
const userOnlyKeys = ['baseUrl', 'systemPrompt'] as const;
const workspaceAwareKeys = [
  'model',
  'temperature',
  'maxOutputTokens',
  'requestTimeoutSeconds',
  'maxRetries',
  'reasoningEffort',
  'maxContextTokens',
  'claudeEndpoint',
] as const;

/** The user's (or the default) value of a setting, whatever any workspace or folder says. */
export function readUserSetting<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export function readChatSettings(): ChatSettings {
  const config = vscode.workspace.getConfiguration(configSection);
  return sanitizeChatSettings({
    ...Object.fromEntries(workspaceAwareKeys.map((key) => [key, config.get(key)])),
    ...Object.fromEntries(userOnlyKeys.map((key) => [key, readUserSetting(config, key)])),
  });
}

/** Sends Claude through chat completions from now on (the person's choice, in their user settings). */
export function useChatEndpointForClaude(): Thenable<void> {
  return vscode.workspace.getConfiguration(configSection).update('claudeEndpoint', 'chat', vscode.ConfigurationTarget.Global);
}

/** `cometapi.showCost`: costs under answers, in the chat header and in the history lists (on unless turned off). */
export function readShowCost(): boolean {
  return vscode.workspace.getConfiguration(configSection).get<unknown>('showCost') !== false;
}
