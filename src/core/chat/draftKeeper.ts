// The host's half of the unsent draft: the text the person typed and the code they attached, kept with the
// open conversation so a page reload or a closed tab loses nothing. Attached code never leaves the host:
// the webview shows chips and names them by ids issued here, and an id not issued here means nothing.
import type { CodeContext, Draft, DraftContext } from '../../shared/conversation';
import { MAX_DRAFT_CONTEXTS } from '../../shared/conversation';
import type { ContextChip, DraftView } from '../../shared/protocol';
import { estimateTokens } from '../../shared/tokenEstimate';

export const EMPTY_DRAFT: Draft = { text: '', contexts: [] };

/** What the webview may know of an attached context: its label and size, not its file or its code. */
export function chipOf(entry: DraftContext): ContextChip {
  const { path, languageId, startLine, endLine, code, truncatedAtLine, totalLines, wholeFile } = entry.context;
  return {
    id: entry.id,
    path,
    languageId,
    startLine,
    endLine,
    chars: code.length,
    tokens: estimateTokens(code),
    ...(truncatedAtLine !== undefined ? { truncatedAtLine } : {}),
    ...(totalLines !== undefined ? { totalLines } : {}),
    ...(wholeFile ? { wholeFile } : {}),
  };
}

export function draftView(draft: Draft | undefined): DraftView {
  const images = draft?.images ?? [];
  return { text: draft?.text ?? '', chips: (draft?.contexts ?? []).map(chipOf), ...(images.length > 0 ? { images } : {}) };
}

export function isEmptyDraft(draft: Draft | undefined): boolean {
  return !draft || (draft.text === '' && draft.contexts.length === 0 && (draft.images ?? []).length === 0);
}

function sameDraft(a: Draft | undefined, b: Draft): boolean {
  const left = a ?? EMPTY_DRAFT;
  return left.text === b.text && left.contexts.length === b.contexts.length && left.contexts.every((entry, i) => entry.id === b.contexts[i]?.id);
}

/**
 * Every context attached to the open conversation's draft, by id. A chip the webview drops from its list is
 * remembered until the conversation changes: the webview's draft updates are throttled, so one written before a
 * chip arrived must not make that chip unknown when the next update names it.
 */
export class DraftKeeper {
  private readonly known = new Map<string, CodeContext>();

  constructor(private readonly newId: () => string) {}

  /** Starts over with the saved draft of the conversation now open. */
  reset(draft: Draft | undefined): void {
    this.known.clear();
    for (const entry of draft?.contexts ?? []) {
      this.known.set(entry.id, entry.context);
    }
  }

  /** The draft with `context` attached at the end, and the entry (with its new id) to show as a chip. */
  attach(draft: Draft | undefined, context: CodeContext): { readonly draft: Draft; readonly entry: DraftContext } {
    const entry: DraftContext = { id: this.newId(), context };
    this.known.set(entry.id, context);
    const contexts = [...(draft?.contexts ?? []), entry].slice(-MAX_DRAFT_CONTEXTS);
    return { draft: { text: draft?.text ?? '', contexts }, entry };
  }

  /**
   * The draft as the webview now shows it: its text, and the chips it names that were issued here, in its
   * order. Undefined when that is what `current` already holds (nothing to save).
   */
  update(current: Draft | undefined, text: string, ids: readonly string[]): Draft | undefined {
    const next: Draft = { text, contexts: this.entries(ids) };
    return sameDraft(current, next) ? undefined : next;
  }

  /** The code the ids name, in their order; unknown and repeated ids are left out. */
  resolve(ids: readonly string[]): CodeContext[] {
    return this.entries(ids).map((entry) => entry.context);
  }

  private entries(ids: readonly string[]): DraftContext[] {
    const seen = new Set<string>();
    const entries: DraftContext[] = [];
    for (const id of ids) {
      const context = this.known.get(id);
      if (context && !seen.has(id)) {
        seen.add(id);
        entries.push({ id, context });
      }
    }
    return entries;
  }
}
