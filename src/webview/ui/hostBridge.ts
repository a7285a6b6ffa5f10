// The one thing the UI needs from VS Code: a way to post to the host and a small per-view state slot that
// survives the webview being hidden or reloaded. main.ts adapts acquireVsCodeApi(); tests pass a fake.
import type { CodeContext } from '../../shared/conversation';
import type { WebviewToHost } from '../../shared/protocol';

/** What the webview remembers across reloads (the host owns the conversation itself). */
export interface PersistedState {
  readonly version: 1;
  readonly draft: string;
  /** Code attached to the draft, not sent yet. */
  readonly pendingContexts: readonly CodeContext[];
  /** Reading position, meaningful only for the conversation it was taken in. */
  readonly conversationId?: string;
  readonly scrollTop: number;
  readonly atBottom: boolean;
}

export interface HostBridge {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

const EMPTY_STATE: PersistedState = { version: 1, draft: '', pendingContexts: [], scrollTop: 0, atBottom: true };

/** Reads the saved state defensively: an older or damaged shape falls back to defaults field by field. */
export function readPersistedState(raw: unknown): PersistedState {
  if (typeof raw !== 'object' || raw === null) {
    return EMPTY_STATE;
  }
  const value = raw as Partial<Record<keyof PersistedState, unknown>>;
  return {
    version: 1,
    draft: typeof value.draft === 'string' ? value.draft : '',
    pendingContexts: Array.isArray(value.pendingContexts) ? value.pendingContexts.filter(isCodeContext) : [],
    conversationId: typeof value.conversationId === 'string' ? value.conversationId : undefined,
    scrollTop: typeof value.scrollTop === 'number' && Number.isFinite(value.scrollTop) ? value.scrollTop : 0,
    atBottom: typeof value.atBottom === 'boolean' ? value.atBottom : true,
  };
}

export function isCodeContext(value: unknown): value is CodeContext {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const context = value as Record<string, unknown>;
  return (
    typeof context.path === 'string' &&
    typeof context.languageId === 'string' &&
    typeof context.code === 'string' &&
    typeof context.startLine === 'number' &&
    typeof context.endLine === 'number'
  );
}
