// Entry of the Compare Models panel's bundle (dist/compare.js): says `ready`, and builds the page in the display
// language when the first state arrives (nothing is drawn in English first).
import { type ComparePanelState, type CompareToHost, parseHostToCompare } from '../../shared/compareProtocol';
import { createMarkdownStream, renderMarkdown } from '../markdown';
import { CompareApp } from './compareApp';

// acquireVsCodeApi may be called only once per webview.
const vscode = acquireVsCodeApi<ComparePanelState>();
const root = document.getElementById('app');

if (root) {
  const mount = root;
  let app: CompareApp | undefined;
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!app) {
      // Anything before the first state would be replaced by it anyway.
      const first = parseHostToCompare(event.data);
      if (!first.ok || first.value.type !== 'compareState') {
        return;
      }
      app = new CompareApp(mount, {
        post: (message) => vscode.postMessage(message),
        saveState: (state) => vscode.setState(state),
        markdown: { createMarkdownStream, renderMarkdown },
      });
    }
    app.handleMessage(event.data);
  });
  const ready: CompareToHost = { type: 'ready' };
  vscode.postMessage(ready);
}
