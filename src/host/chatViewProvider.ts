// Hosts the chat webview. It only renders; the host owns the conversation and replays it on `ready`,
// so a hidden (and therefore destroyed) webview loses nothing. No retainContextWhenHidden.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildChatHtml } from '../core/chatPage/chatHtml';
import { Disposable, DisposableStore, toDisposable } from '../shared/disposable';
import { type HostToWebview, type WebviewToHost, parseWebviewToHost } from '../shared/protocol';
import type { Logger } from './logger';

export const chatViewId = 'cometapi.chat';

export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  /** The listeners of the current webview; a recreated view gets a new store. */
  private viewListeners = new DisposableStore();
  private readonly readyEmitter = this.register(new vscode.EventEmitter<void>());
  private readonly messageEmitter = this.register(new vscode.EventEmitter<Exclude<WebviewToHost, { type: 'ready' }>>());
  /** Fires each time a (re)created webview finished loading and wants the full state. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** Every other message from the webview, already validated. */
  readonly onDidReceiveMessage = this.messageEmitter.event;
  private readyWaiters: (() => void)[] = [];
  private isReady = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly logger: Logger,
  ) {
    super();
    this.register(toDisposable(() => this.viewListeners.dispose()));
    // Nobody waits for a view that will never say `ready` again.
    this.register(toDisposable(() => this.releaseReadyWaiters()));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    if (this.isDisposed) {
      return;
    }
    this.viewListeners.dispose();
    this.viewListeners = new DisposableStore();
    this.view = view;
    this.isReady = false;
    const webview = view.webview;
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    webview.html = buildChatHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: asset('dist', 'webview.js'),
      styleUris: [asset('media', 'markdown.css'), asset('media', 'chat.css')],
    });
    this.viewListeners.add(webview.onDidReceiveMessage((message: unknown) => this.receive(message)));
    this.viewListeners.add(
      view.onDidChangeVisibility(() => {
        // A hidden webview view is torn down; it posts `ready` again when shown.
        if (!view.visible) {
          this.isReady = false;
        }
      }),
    );
    const listeners = this.viewListeners;
    listeners.add(
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.isReady = false;
        }
        listeners.dispose();
      }),
    );
  }

  /** Sends a message if a live webview is listening; the host never relies on delivery. */
  post(message: HostToWebview): void {
    if (this.view && this.isReady) {
      void this.view.webview.postMessage(message);
    }
  }

  /** Shows the chat view and resolves once its webview has said `ready` (or after a safety timeout). */
  async reveal(preserveFocus = false): Promise<void> {
    await vscode.commands.executeCommand(`${chatViewId}.focus`, { preserveFocus });
    if (this.isReady || this.isDisposed) {
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 10_000);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.readyWaiters.push(done);
    });
  }

  /** Entry for everything the webview posts; public so the e2e suite can post as a (forged) webview would. */
  receiveFromWebview(data: unknown): void {
    this.receive(data);
  }

  private receive(data: unknown): void {
    // Every field is checked before any handler sees the message: the webview renders untrusted model
    // output, so what it posts is treated as input from outside.
    const parsed = parseWebviewToHost(data);
    if (!parsed.ok) {
      this.logger.warn(`Ignored a malformed message from the chat view (${parsed.reason.slice(0, 200)}): ${preview(data)}`);
      return;
    }
    const message = parsed.value;
    if (message.type === 'ready') {
      this.isReady = true;
      this.readyEmitter.fire();
      this.releaseReadyWaiters();
      return;
    }
    this.messageEmitter.fire(message);
  }

  private releaseReadyWaiters(): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    waiters.forEach((resolve) => resolve());
  }
}

/** At most 200 characters of a rejected message, for the log; never throws. */
function preview(data: unknown): string {
  try {
    return String(JSON.stringify(data)).slice(0, 200);
  } catch {
    return typeof data;
  }
}
