// CometAPI's models for VS Code's own chat and for every extension that calls `vscode.lm`
// (docs/architecture.md#vs-codes-language-model-api). Everything goes through what the chat view uses: the key
// through the key manager's origin gate, the request through chatClient's streamChat (model rules,
// Responses-only models, retries, error classification), the list through the model store.
import * as vscode from 'vscode';
import type { StreamChatOptions, streamChat as StreamChat } from '../../core/client/chatClient';
import type { ChatRequest } from '../../core/streams/events';
import { estimateLmTokens, requestOptionsFrom, toApiMessages, toApiTools, toolChoiceFor } from '../../core/lm/lmMessages';
import { offeredModels } from '../../core/lm/lmModels';
import type { ChatSettings } from '../../core/chat/chatSettings';
import type { ChatErrorInfo, Usage } from '../../shared/conversation';
import { Disposable } from '../../shared/disposable';
import { estimateTokens } from '../../shared/tokenEstimate';
import type { KeyGrant, KeyRequestOptions } from '../apiKeyManager';
import type { Logger } from '../logger';
import type { ModelStore } from '../models/modelStore';
import { toLmMessage, toolCallPart } from './lmParts';
import type { LmSelection } from './lmSelection';

export interface ChatModelProviderDeps {
  readonly store: ModelStore;
  readonly selection: LmSelection;
  keyFor(baseUrl: string, options: KeyRequestOptions): Promise<KeyGrant>;
  hasApiKey(): Promise<boolean>;
  readonly onDidChangeApiKey: vscode.Event<boolean>;
  readSettings(): ChatSettings;
  readonly streamChat: typeof StreamChat;
  readonly logger: Logger;
}

export class CometChatModelProvider extends Disposable implements vscode.LanguageModelChatProvider<vscode.LanguageModelChatInformation> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeLanguageModelChatInformation = this.changeEmitter.event;

  constructor(private readonly deps: ChatModelProviderDeps) {
    super();
    const changed = () => this.changeEmitter.fire();
    this.register(deps.onDidChangeApiKey(changed));
    this.register(deps.store.onDidChange(changed));
    this.register(deps.selection.onDidChange(changed));
  }

  /** Tells VS Code to ask for the list again (see LanguageModels.applySetting for why). */
  announceModels(): void {
    this.changeEmitter.fire();
  }

  async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions): Promise<vscode.LanguageModelChatInformation[]> {
    // No key: nothing to offer. Manage Models explains and offers Set API Key.
    if (!(await this.deps.hasApiKey())) {
      return [];
    }
    const { store } = this.deps;
    if (store.needsRefresh()) {
      // VS Code asks on every selectChatModels call: answer from the cache and refresh behind it (the store's
      // change event then updates the list). Only a first, empty list is waited for. Silent never prompts.
      const refresh = store.refresh({ interactive: !options.silent });
      if (store.models().length === 0) {
        await refresh;
      }
    }
    return offeredModels({
      models: store.models(),
      selection: this.deps.selection.chosen(),
      favourites: store.favourites(),
      currentModel: this.deps.readSettings().model,
    });
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const settings = this.deps.readSettings();
    const grant = await this.deps.keyFor(settings.baseUrl, { interactive: true });
    if (!grant.ok) {
      throw vscode.LanguageModelError.NoPermissions(
        grant.reason === 'missing' ? vscode.l10n.t('No CometAPI API key is set. Run "CometAPI: Set API Key".') : grant.message,
      );
    }
    const request = buildRequest(model.id, messages, options, settings);
    const streamOptions: StreamChatOptions = {
      baseUrl: settings.baseUrl,
      apiKey: grant.apiKey,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      maxRetries: settings.maxRetries,
      // Tool calls, tool results and images are carried on chat completions; Anthropic's format is the chat view's.
      claudeEndpoint: 'chat',
    };
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    const log = new RequestLog(model.id, messages.length, request.tools?.length ?? 0);
    try {
      for await (const event of this.deps.streamChat(request, streamOptions, controller.signal)) {
        switch (event.kind) {
          case 'text':
            progress.report(new vscode.LanguageModelTextPart(event.text));
            break;
          case 'toolCall':
            log.toolCalls += 1;
            progress.report(toolCallPart(event.call));
            break;
          case 'usage':
            log.usage = event.usage;
            break;
          case 'requestId':
            log.requestId = event.requestId;
            break;
          case 'retry':
            this.deps.logger.info(`VS Code chat: retry ${event.attempt} for ${model.id} in ${event.delayMs} ms after: ${event.error.message}`);
            break;
          case 'error':
            log.requestId = event.error.requestId ?? log.requestId;
            if (event.error.kind === 'cancelled' || token.isCancellationRequested) {
              this.deps.logger.info(log.line('cancelled'));
              throw new vscode.CancellationError();
            }
            this.deps.logger.warn(log.line(`failed: ${event.error.kind}: ${event.error.message}`));
            throw languageModelError(event.error);
          case 'finish':
            this.deps.logger.info(log.line(`finished (${event.reason})`));
            break;
          default:
            break;
        }
      }
    } finally {
      cancel.dispose();
      controller.abort();
    }
  }

  provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return Promise.resolve(typeof text === 'string' ? estimateTokens(text) : estimateLmTokens(toLmMessage(text)));
  }
}

function buildRequest(
  modelId: string,
  messages: readonly vscode.LanguageModelChatRequestMessage[],
  options: vscode.ProvideLanguageModelChatResponseOptions,
  settings: ChatSettings,
): ChatRequest {
  const tools = toApiTools(options.tools);
  const toolChoice = toolChoiceFor(options.toolMode === vscode.LanguageModelChatToolMode.Required ? 'required' : 'auto', tools);
  const fromCaller = requestOptionsFrom(options.modelOptions);
  const temperature = fromCaller.temperature ?? settings.temperature;
  const maxOutputTokens = fromCaller.maxOutputTokens ?? settings.maxOutputTokens;
  const reasoningEffort = fromCaller.reasoningEffort ?? settings.reasoningEffort;
  return {
    model: modelId,
    messages: toApiMessages(messages.map(toLmMessage)),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(reasoningEffort !== undefined ? { reasoningEffort } : {}),
    ...(tools ? { tools } : {}),
    ...(toolChoice ? { toolChoice } : {}),
  };
}

/** The chat view's sentence, as the error VS Code and the calling extension understand. */
function languageModelError(error: ChatErrorInfo): vscode.LanguageModelError {
  const message = error.requestId ? vscode.l10n.t('{0} (request id {1})', error.message, error.requestId) : error.message;
  switch (error.kind) {
    case 'auth':
      return vscode.LanguageModelError.NoPermissions(message);
    case 'quota':
      return vscode.LanguageModelError.Blocked(message);
    case 'modelNotFound':
      return vscode.LanguageModelError.NotFound(message);
    default:
      return new vscode.LanguageModelError(message);
  }
}

/** One line per request in the output channel: model, tokens, duration, CometAPI's request id. Never the key. */
class RequestLog {
  private readonly startedAt = Date.now();
  usage: Usage | undefined;
  requestId: string | undefined;
  toolCalls = 0;

  constructor(
    private readonly model: string,
    private readonly messageCount: number,
    private readonly toolCount: number,
  ) {}

  line(outcome: string): string {
    const tokens = this.usage ? `${this.usage.promptTokens} in / ${this.usage.completionTokens} out tokens` : 'tokens unknown';
    const calls = this.toolCalls > 0 ? `, ${this.toolCalls} tool call(s)` : '';
    return `VS Code chat: ${this.model}, ${this.messageCount} messages, ${this.toolCount} tools${calls}; ${tokens}; ${Date.now() - this.startedAt} ms; request id ${this.requestId ?? 'none'}; ${outcome}.`;
  }
}
