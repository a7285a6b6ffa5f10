// Keeps the chat's context meter told what the next question's context holds besides the draft: posted after each
// full state (a view that loads, a conversation switched to), when the history changes, when the model, budget or
// system prompt change, and when the model list (with the catalogue's windows) arrives. Only a changed budget is
// posted again, except after a state: the view drops what comes before its first state (src/webview/ui/startup.ts).
import * as vscode from 'vscode';
import { meterBudget } from '../../core/context/meterBudget';
import type { ModelEntry } from '../../core/models/modelCatalog';
import type { Conversation, UserMessage } from '../../shared/conversation';
import { Disposable } from '../../shared/disposable';
import type { HostToWebview } from '../../shared/protocol';
import { readChatSettings } from '../settings';

export interface ContextMeterFeedDeps {
  readonly conversation: () => Conversation;
  readonly knownModels: () => readonly ModelEntry[];
  readonly renderUserMessage: (message: UserMessage) => string;
  readonly post: (message: HostToWebview) => void;
  readonly onDidChangeModels: vscode.Event<void>;
}

/** Session messages after which the history the next question carries is different. */
const HISTORY_CHANGES: ReadonlySet<HostToWebview['type']> = new Set(['messageAdded', 'messagesTruncated', 'answerEnded']);

export class ContextMeterFeed extends Disposable {
  private posted: string | undefined;

  constructor(private readonly deps: ContextMeterFeedDeps) {
    super();
    this.register(deps.onDidChangeModels(() => this.refresh()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (['cometapi.model', 'cometapi.maxContextTokens', 'cometapi.systemPrompt'].some((key) => event.affectsConfiguration(key))) {
          this.refresh();
        }
      }),
    );
  }

  /** Called with every message the chat session posts. */
  sessionPosted(message: HostToWebview): void {
    if (HISTORY_CHANGES.has(message.type)) {
      this.refresh();
    }
  }

  /** Called after each full state the view gets: a view that just loaded has no budget, whatever was posted before. */
  statePosted(): void {
    this.refresh(true);
  }

  private refresh(force = false): void {
    const budget = meterBudget(this.deps.conversation(), readChatSettings(), this.deps.knownModels(), this.deps.renderUserMessage);
    const key = JSON.stringify(budget);
    if (!force && key === this.posted) {
      return;
    }
    this.posted = key;
    this.deps.post({ type: 'contextBudget', budget });
  }
}
