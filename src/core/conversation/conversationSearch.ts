// Text search over one conversation, for the history list's search box.

/** Characters of context shown before and after the match in a snippet. */
const BEFORE = 40;
const AFTER = 80;

export interface SearchMatch {
  /** A short excerpt around the first match in the messages, whitespace collapsed; '' if only the title matched. */
  readonly snippet: string;
}

/**
 * A case-insensitive matcher for `query` (taken literally, whitespace-trimmed). Returns undefined for a blank
 * query, which matches everything.
 */
export function queryMatcher(query: string): RegExp | undefined {
  const trimmed = query.trim();
  if (trimmed === '') {
    return undefined;
  }
  return new RegExp(trimmed.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/\s+/gu, '\\s+'), 'iu');
}

/** Whether the conversation's title or any message text matches; with a snippet from the first message that does. */
export function matchConversation(
  conversation: { readonly title: string; readonly messages: readonly { readonly text: string }[] },
  matcher: RegExp,
): SearchMatch | undefined {
  for (const message of conversation.messages) {
    const found = matcher.exec(message.text);
    if (found) {
      return { snippet: snippetAround(message.text, found.index, found[0].length) };
    }
  }
  return matcher.test(conversation.title) ? { snippet: '' } : undefined;
}

/** How far a snippet may stretch to start and end on whole words. */
const WORD_SLACK = 15;

function snippetAround(text: string, index: number, length: number): string {
  let start = Math.max(0, index - BEFORE);
  let end = Math.min(text.length, index + length + AFTER);
  const wordStart = text.slice(Math.max(0, start - WORD_SLACK), start).search(/\S+$/u);
  if (start > 0 && wordStart > 0) {
    start = Math.max(0, start - WORD_SLACK) + wordStart;
  }
  const wordEnd = text.slice(end, end + WORD_SLACK).search(/\s/u);
  if (wordEnd >= 0) {
    end += wordEnd;
  }
  const body = text.slice(start, end).replace(/\s+/gu, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}
