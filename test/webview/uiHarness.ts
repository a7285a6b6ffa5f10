// Builds the chat UI in jsdom the way the webview does, with the VS Code API (postMessage / state) as
// the only fake. Frames and timers are driven by the test, so streaming is deterministic.
import { JSDOM } from 'jsdom';
import type { HostToWebview, WebviewToHost } from '../../src/shared/protocol';
import type { AssistantMessage, ChatMessage, Conversation, UserMessage } from '../../src/shared/conversation';
import { ChatApp } from '../../src/webview/ui/chatApp';
import type { PersistedState } from '../../src/webview/ui/hostBridge';
import type { MarkdownRenderer } from '../../src/webview/ui/markdownPort';
import * as markdownEngine from '../../src/webview/markdown';
import type { PrepareImage } from '../../src/webview/ui/imageScaling';

export interface Harness {
  readonly window: JSDOM['window'];
  readonly document: Document;
  readonly app: ChatApp;
  /** Everything the webview posted to the host, in order. */
  readonly posted: WebviewToHost[];
  /** The last state saved with setState. */
  readonly saved: () => PersistedState | undefined;
  host(message: HostToWebview | unknown): void;
  flushFrames(): void;
  /** Runs pending timeouts, and those they schedule, until none are left. */
  runTimers(): void;
  $<T extends Element = HTMLElement>(selector: string): T;
  maybe<T extends Element = HTMLElement>(selector: string): T | null;
  all<T extends Element = HTMLElement>(selector: string): T[];
  key(target: Element, key: string, init?: KeyboardEventInit): KeyboardEvent;
  type(text: string): void;
  postedOfType<K extends WebviewToHost['type']>(type: K): Extract<WebviewToHost, { type: K }>[];
}

export interface HarnessOptions {
  readonly savedState?: unknown;
  readonly markdown?: MarkdownRenderer;
  readonly now?: number;
  /** Scales pasted and dropped pictures; jsdom has no canvas, so image tests pass a stand-in. */
  readonly prepareImage?: PrepareImage;
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const dom = new JSDOM('<!DOCTYPE html><html><body><div id="app"></div></body></html>', { url: 'https://webview.test/' });
  const { window } = dom;
  const document = window.document;
  const posted: WebviewToHost[] = [];
  let saved: PersistedState | undefined;
  let frames: (() => void)[] = [];
  let timers: (() => void)[] = [];
  const app = new ChatApp(document.getElementById('app') as HTMLElement, {
    bridge: {
      postMessage: (message) => posted.push(JSON.parse(JSON.stringify(message)) as WebviewToHost),
      getState: () => options.savedState,
      setState: (state) => {
        saved = state;
      },
    },
    markdown: options.markdown ?? markdownEngine,
    requestFrame: (cb) => frames.push(cb),
    setTimeout: (cb) => timers.push(cb),
    now: () => options.now ?? Date.UTC(2026, 0, 10, 12),
    ...(options.prepareImage ? { prepareImage: options.prepareImage } : {}),
  });
  app.start();

  const $ = <T extends Element = HTMLElement>(selector: string): T => {
    const found = document.querySelector<T>(selector);
    if (!found) {
      throw new Error(`No element matches ${selector}`);
    }
    return found;
  };

  return {
    window,
    document,
    app,
    posted,
    saved: () => saved,
    host: (message) => app.handleMessage(message),
    flushFrames: () => {
      for (let round = 0; frames.length > 0 && round < 10; round++) {
        const due = frames;
        frames = [];
        due.forEach((cb) => cb());
      }
    },
    runTimers: () => {
      for (let round = 0; timers.length > 0 && round < 1000; round++) {
        const due = timers;
        timers = [];
        due.forEach((cb) => cb());
      }
    },
    $,
    maybe: (selector) => document.querySelector(selector),
    all: <T extends Element = HTMLElement>(selector: string) => [...document.querySelectorAll<T>(selector)],
    key: (target, key, init = {}) => {
      const event = new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
      target.dispatchEvent(event);
      return event;
    },
    type: (text) => {
      const input = $<HTMLTextAreaElement>('#prompt-input');
      input.value = text;
      input.dispatchEvent(new window.Event('input', { bubbles: true }));
    },
    postedOfType: <K extends WebviewToHost['type']>(type: K) =>
      posted.filter((message): message is Extract<WebviewToHost, { type: K }> => message.type === type),
  };
}

// ---- Fixtures ---------------------------------------------------------------------------------------

export function userMessage(id: string, text: string, extra: Partial<UserMessage> = {}): UserMessage {
  return { id, role: 'user', text, createdAt: 1, ...extra };
}

export function answer(id: string, text: string, extra: Partial<AssistantMessage> = {}): AssistantMessage {
  return { id, role: 'assistant', text, model: 'gpt-5-mini', status: 'done', createdAt: 2, ...extra };
}

export function conversation(messages: readonly ChatMessage[], id = 'c1'): Conversation {
  return { id, title: 'Test chat', createdAt: 0, updatedAt: 0, messages };
}

export function stateMessage(messages: readonly ChatMessage[], extra: Partial<Extract<HostToWebview, { type: 'state' }>> = {}): HostToWebview {
  return { type: 'state', conversation: conversation(messages), model: 'gpt-5-mini', hasApiKey: true, ...extra };
}

/** A conversation with one question being answered right now. */
export function startStreaming(h: Harness, question = 'Question?', answerId = 'a1', questionExtra: Partial<UserMessage> = {}): void {
  h.host(stateMessage([]));
  h.host({ type: 'messageAdded', message: userMessage('u1', question, questionExtra) });
  h.host({ type: 'messageAdded', message: answer(answerId, '', { status: 'streaming' }) });
}
