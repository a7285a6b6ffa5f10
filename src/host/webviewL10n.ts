// The webview's strings in VS Code's display language, for the `state` message. vscode.l10n.t without
// arguments leaves {0} placeholders in place, so the webview fills them. See docs/architecture.md#languages.
import * as vscode from 'vscode';
import type { WebviewL10n } from '../shared/protocol';
import { WEBVIEW_MESSAGES } from '../shared/webviewMessages';

export function webviewL10n(): WebviewL10n {
  return { locale: vscode.env.language, strings: WEBVIEW_MESSAGES.map((message) => vscode.l10n.t(message)) };
}
