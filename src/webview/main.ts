// Entry of the chat webview bundle (dist/webview.js). Wires the real VS Code API and markdown engine into
// the UI, listens for the host, then says `ready` so the host sends the full state.
import { createMarkdownStream, renderMarkdown } from './markdown';
import { ChatApp } from './ui/chatApp';
import type { PersistedState } from './ui/hostBridge';

// acquireVsCodeApi may be called only once per webview.
const vscode = acquireVsCodeApi<PersistedState>();
const root = document.getElementById('app');

if (root) {
  const app = new ChatApp(root, {
    bridge: {
      postMessage: (message) => vscode.postMessage(message),
      getState: () => vscode.getState(),
      setState: (state) => vscode.setState(state),
    },
    markdown: { createMarkdownStream, renderMarkdown },
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) => app.handleMessage(event.data));
  app.start();
}
