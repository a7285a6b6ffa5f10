// The one thing the UI needs from VS Code: a way to post to the host and a small per-view state slot that
// survives the webview being hidden or reloaded. main.ts adapts acquireVsCodeApi(); tests pass a fake.
import { codeContextSchema, MAX_TEXT_LENGTH } from '../../shared/conversation';
import type { WebviewToHost } from '../../shared/protocol';
import { array, boolean, degrade, literal, number, object, optional, parse, string, type Infer } from '../../shared/schema';

// Read leniently: a saved state from an older build, or one damaged field, falls back field by field
// instead of costing the person the rest of their draft.
const persistedStateSchema = object({
  version: degrade(literal(1), 1),
  draft: degrade(string({ max: MAX_TEXT_LENGTH }), ''),
  /** Code attached to the draft, not sent yet; a damaged chip is dropped, the others kept. */
  pendingContexts: degrade(array(codeContextSchema, { dropInvalid: true }), []),
  /** Reading position, meaningful only for the conversation it was taken in. */
  conversationId: optional(string(), { dropInvalid: true }),
  scrollTop: degrade(number(), 0),
  atBottom: degrade(boolean(), true),
});

/** What the webview remembers across reloads (the host owns the conversation itself). */
export type PersistedState = Infer<typeof persistedStateSchema>;

export interface HostBridge {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

const EMPTY_STATE: PersistedState = { version: 1, draft: '', pendingContexts: [], scrollTop: 0, atBottom: true };

/** Reads the saved state defensively: an older or damaged shape falls back to defaults field by field. */
export function readPersistedState(raw: unknown): PersistedState {
  const parsed = parse(persistedStateSchema, raw, 'lenient', 'state');
  return parsed.ok ? parsed.value : EMPTY_STATE;
}
