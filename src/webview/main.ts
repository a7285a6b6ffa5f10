// Entry of the chat webview bundle (dist/webview.js). Wires the real VS Code API and markdown engine into
// the UI, says `ready` so the host sends the full state, and builds the UI in the language that state names.
import { createMarkdownStream, renderMarkdown } from './markdown';
import { ChatApp } from './ui/chatApp';
import type { PersistedState } from './ui/hostBridge';
import { startWhenLocalized } from './ui/startup';

// acquireVsCodeApi may be called only once per webview.
const vscode = acquireVsCodeApi<PersistedState>();
const root = document.getElementById('app');

if (root) {
  const element = root;
  const create = () =>
    new ChatApp(element, {
      bridge: {
        postMessage: (message) => vscode.postMessage(message),
        getState: () => vscode.getState(),
        setState: (state) => vscode.setState(state),
      },
      markdown: { createMarkdownStream, renderMarkdown },
    });
  const onMessage = startWhenLocalized(create, (message) => vscode.postMessage(message), document);
  window.addEventListener('message', (event: MessageEvent<unknown>) => onMessage(event.data));
}
