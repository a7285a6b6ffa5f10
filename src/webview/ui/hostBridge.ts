// The one thing the UI needs from VS Code: a way to post to the host and a small per-view state slot that
// survives the webview being hidden or reloaded. main.ts adapts acquireVsCodeApi(); tests pass a fake.
import type { WebviewToHost } from '../../shared/protocol';
import { boolean, degrade, literal, number, object, optional, parse, string, type Infer } from '../../shared/schema';

// Read leniently: a saved state from an older build, or one damaged field, falls back field by field.
// The draft is not here: the host keeps it with the conversation, where a page reload cannot lose it.
const persistedStateSchema = object({
  version: degrade(literal(1), 1),
  /** Reading position, meaningful only for the conversation it was taken in. */
  conversationId: optional(string(), { dropInvalid: true }),
  scrollTop: degrade(number(), 0),
  atBottom: degrade(boolean(), true),
  /** The message at the top of the view and how far into it the view starts (see transcriptScrolling.ts). */
  anchorId: optional(string(), { dropInvalid: true }),
  anchorOffset: optional(number(), { dropInvalid: true }),
});

/** What the webview remembers across reloads (the host owns the conversation itself). */
export type PersistedState = Infer<typeof persistedStateSchema>;

export interface HostBridge {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

const EMPTY_STATE: PersistedState = { version: 1, scrollTop: 0, atBottom: true };

/** Reads the saved state defensively: an older or damaged shape falls back to defaults field by field. */
export function readPersistedState(raw: unknown): PersistedState {
  const parsed = parse(persistedStateSchema, raw, 'lenient', 'state');
  return parsed.ok ? parsed.value : EMPTY_STATE;
}
