// The Compare Models panel: an editor-area webview with the chat's page, markdown engine, sanitising and CSP
// (src/core/chatPage/chatHtml.ts), one column per model. The run streams whether or not the panel is visible;
// a panel that reloads says `ready` and gets everything so far. Closing it stops what still streams. After a
// window reload VS Code gives the panel back, and it shows the run as the history kept it (savedComparison.ts).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildChatHtml } from '../../core/chatPage/chatHtml';
import { titleFromQuestion } from '../../core/conversation/conversationOps';
import { assertNever } from '../../shared/protocol';
import { type CompareColumn, type CompareToHost, type HostToCompare, parseCompareToHost } from '../../shared/compareProtocol';
import type { AssistantMessage, UserMessage } from '../../shared/conversation';
import { safeExternalUrl } from '../../shared/externalLinks';
import { Disposable } from '../../shared/disposable';
import type { Logger } from '../logger';
import { readShowCost } from '../settings';
import { webviewL10n } from '../webviewL10n';

/** What the panel shows: a live run (ComparisonRun) or one brought back from the history (SavedComparison). */
export interface ComparedRun {
  /** Its id in the history. */
  readonly id: string;
  readonly question: UserMessage;
  view(): CompareColumn[];
  answerOf(index: number): AssistantMessage | undefined;
  stop(index: number): void;
  stopAll(): void;
}

export interface ComparePanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  /** "Continue with this model": adds the exchange to the chat; false when the chat cannot take it now. */
  continueWith(run: ComparedRun, column: number): Promise<void>;
  /** The panel was closed (or the extension is shutting down). */
  onDisposed(): void;
}

export const comparePanelViewType = 'cometapi.compare';

export class ComparePanel extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  private isReady = false;
  private savedToHistory = false;

  /** `restored` is the panel VS Code gave back after a reload; without it a new one opens. */
  constructor(
    private readonly run: ComparedRun,
    private readonly deps: ComparePanelDeps,
    restored?: vscode.WebviewPanel,
  ) {
    super();
    const title = vscode.l10n.t('Compare: {0}', titleFromQuestion(run.question));
    const options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist'), vscode.Uri.joinPath(deps.extensionUri, 'media')],
    };
    this.panel = restored ?? vscode.window.createWebviewPanel(comparePanelViewType, title, vscode.ViewColumn.Active, options);
    if (restored) {
      restored.title = title;
      restored.webview.options = options;
      this.savedToHistory = true;
    }
    this.register(this.panel);
    const webview = this.panel.webview;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, ...path)).toString();
    webview.html = buildChatHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: asset('dist', 'compare.js'),
      styleUris: [asset('media', 'markdown.css'), asset('media', 'chat.css'), asset('media', 'compare.css')],
      title: vscode.l10n.t('Compare Models'),
    });
    this.register(webview.onDidReceiveMessage((message: unknown) => void this.receive(message)));
    this.register(
      this.panel.onDidChangeViewState(() => {
        // A hidden webview panel is torn down; it says `ready` again when shown.
        if (!this.panel.visible) {
          this.isReady = false;
        }
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cometapi.showCost')) {
          this.postState();
        }
      }),
    );
    this.register(
      this.panel.onDidDispose(() => {
        run.stopAll();
        this.dispose();
      }),
    );
  }

  override dispose(): void {
    const first = !this.isDisposed;
    super.dispose();
    if (first) {
      this.deps.onDisposed();
    }
  }

  /** Sends a message if the panel is listening; a missed one is covered by the state sent on `ready`. */
  post(message: HostToCompare): void {
    if (this.isReady) {
      void this.panel.webview.postMessage(message);
    }
  }

  /** The run is in the history now. */
  saved(): void {
    this.savedToHistory = true;
    this.post({ type: 'compareSaved' });
  }

  private postState(): void {
    if (!this.isReady) {
      return;
    }
    const question = this.run.question;
    void this.panel.webview.postMessage({
      type: 'compareState',
      question: question.text,
      contextCount: (question.contexts?.length ?? 0) + (question.images?.length ?? 0),
      columns: this.run.view(),
      savedToHistory: this.savedToHistory,
      historyId: this.run.id,
      l10n: webviewL10n(),
      showCost: readShowCost(),
    } satisfies HostToCompare);
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseCompareToHost(raw);
    if (!parsed.ok) {
      this.deps.logger.warn(`Ignored a message from the Compare panel: ${parsed.reason}`);
      return;
    }
    try {
      await this.handle(parsed.value);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.deps.logger.error(`Compare panel action failed: ${text}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('CometAPI: {0}', text));
    }
  }

  private async handle(message: CompareToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.isReady = true;
        this.postState();
        return;
      case 'stop':
        this.run.stop(message.column);
        return;
      case 'continueWith':
        await this.deps.continueWith(this.run, message.column);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        return;
      case 'openLink': {
        const url = safeExternalUrl(message.href);
        if (url) {
          await vscode.env.openExternal(vscode.Uri.parse(url, true));
        } else {
          this.deps.logger.warn(`Blocked a link from the Compare panel that is not http(s) or mailto: ${message.href.slice(0, 200)}`);
        }
        return;
      }
      default:
        assertNever(message);
    }
  }
}
