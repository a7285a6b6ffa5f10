// What one save has to write: the difference between the version this window saved last (`base`) and the
// one it saves now (`next`), as log records, checked against what is on disk now (which another window may
// have changed since). A three-way comparison by message id:
//   - a message this window did not touch is not written, whatever happened to it on disk;
//   - a message only this window changed (or added, or removed) is written;
//   - a message both changed differently is a conflict: the save cannot merge it.
// Messages are compared by reference first (the conversation operations keep unchanged messages as the same
// objects), so a save while an answer streams costs O(messages) pointer checks plus the new text, never a
// serialisation of the whole conversation.
import type { ChatMessage, Conversation } from '../../shared/conversation';
import type { ConversationHeader, ConversationState, LogRecord } from './conversationLog';

export interface SavePlan {
  readonly records: LogRecord[];
  /** Ids of messages both this window and another one changed differently since `base`. */
  readonly conflicts: string[];
  /** `next` has an order that records (which add at the end) cannot reproduce: only a rewrite can save it. */
  readonly needsRewrite: boolean;
}

/**
 * Plans the save of `next`. `base` is this window's last saved (or opened) version; without one, whatever is on
 * disk is the base: every message and field of `next` wins over the one on disk, and nothing is removed.
 */
export function planSave(base: Conversation | undefined, next: Conversation, disk: ConversationState, writer: string): SavePlan {
  const records: LogRecord[] = [];
  const conflicts: string[] = [];
  const header = planHeader(base ? headerOf(base) : disk.header, headerOf(next), disk.header, writer);
  if (header) {
    records.push(header);
  }

  const before = base ? base.messages : disk.messages;
  const after = next.messages;
  let same = 0;
  while (same < before.length && same < after.length && before[same] === after[same]) {
    same++;
  }
  const beforeTail = new Map(before.slice(same).map((m) => [m.id, m]));
  const afterTail = after.slice(same);
  const afterIds = new Set(afterTail.map((m) => m.id));
  let membershipChanged = false;

  for (const message of afterTail) {
    const mine = beforeTail.get(message.id);
    const onDisk = disk.get(message.id);
    if (message === mine || message === onDisk) {
      continue;
    }
    if (onDisk && (sameValue(onDisk, message) || isInterruptionOf(message, onDisk))) {
      continue;
    }
    // Loading marks an answer still streaming as interrupted (its window may have closed): that marking is not
    // an edit, and writing it would clash with the window that may still be writing the answer.
    if (mine && isInterruptionOf(message, mine)) {
      continue;
    }
    if (base && changedElsewhere(mine, onDisk)) {
      conflicts.push(message.id);
      continue;
    }
    if (!onDisk) {
      membershipChanged = true;
    }
    records.push((mine && onDisk && appendRecord(mine, message, writer)) || { t: 'put', w: writer, m: message });
  }
  // Without a base, a message missing from `next` may be one this window never saw: it is kept.
  for (const [id, mine] of base ? beforeTail : []) {
    if (afterIds.has(id)) {
      continue;
    }
    const onDisk = disk.get(id);
    if (!onDisk) {
      continue;
    }
    if (base && changedElsewhere(mine, onDisk)) {
      conflicts.push(id);
      continue;
    }
    membershipChanged = true;
    records.push({ t: 'del', w: writer, id });
  }
  const needsRewrite = membershipChanged && conflicts.length === 0 && !orderReachable(disk, records, next);
  return { records, conflicts, needsRewrite };
}

/** The conversation-level fields: everything but the id and the messages, so a field added later is kept too. */
export function headerOf(conversation: Conversation): ConversationHeader {
  const { id: _id, messages: _messages, ...header } = conversation;
  return header;
}

/** True when the message on disk is not the one this window based its change on (another window changed it). */
function changedElsewhere(mine: ChatMessage | undefined, onDisk: ChatMessage | undefined): boolean {
  if (mine === onDisk) {
    return false;
  }
  if (!mine || !onDisk) {
    return mine !== onDisk;
  }
  return !sameValue(mine, onDisk) && !isInterruptionOf(mine, onDisk);
}

/** `marked` is `streaming` as loading shows it when its window is gone: the same answer, status interrupted. */
function isInterruptionOf(marked: ChatMessage, streaming: ChatMessage): boolean {
  if (marked.role !== 'assistant' || streaming.role !== 'assistant') {
    return false;
  }
  return marked.status === 'interrupted' && streaming.status === 'streaming' && sameValue({ ...marked, status: 'streaming' }, streaming);
}

function planHeader(before: ConversationHeader, after: ConversationHeader, onDisk: ConversationHeader, writer: string): LogRecord | undefined {
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (sameValue(before[key], after[key]) || sameValue(onDisk[key], after[key])) {
      continue;
    }
    if (after[key] === undefined) {
      unset.push(key);
    } else {
      set[key] = after[key];
    }
  }
  if (Object.keys(set).length === 0 && unset.length === 0) {
    return undefined;
  }
  return { t: 'set', w: writer, f: set, ...(unset.length > 0 ? { u: unset } : {}) };
}

/** A record of only the streamed text, when that is all that changed (the common case while streaming). */
function appendRecord(before: ChatMessage, after: ChatMessage, writer: string): LogRecord | undefined {
  const { text: textBefore, reasoning: reasoningBefore, ...restBefore } = before as ChatMessage & { reasoning?: string };
  const { text: textAfter, reasoning: reasoningAfter, ...restAfter } = after as ChatMessage & { reasoning?: string };
  if (!sameValue(restBefore, restAfter)) {
    return undefined;
  }
  if (!textAfter.startsWith(textBefore)) {
    return undefined;
  }
  const rBefore = reasoningBefore ?? '';
  const rAfter = reasoningAfter ?? '';
  if (!rAfter.startsWith(rBefore) || (reasoningAfter === undefined && reasoningBefore !== undefined)) {
    return undefined;
  }
  const text = textAfter.length > textBefore.length ? { at: textBefore.length, s: textAfter.slice(textBefore.length) } : {};
  const reasoning =
    rAfter.length > rBefore.length || (reasoningAfter !== undefined && reasoningBefore === undefined)
      ? { rat: rBefore.length, r: rAfter.slice(rBefore.length) }
      : {};
  return { t: 'app', w: writer, id: after.id, ...text, ...reasoning };
}

/** Whether applying `records` to `disk` leaves next's messages in next's order (records add at the end). */
function orderReachable(disk: ConversationState, records: readonly LogRecord[], next: Conversation): boolean {
  const removed = new Set(records.flatMap((r) => (r.t === 'del' ? [r.id] : [])));
  const added = records.flatMap((r) => (r.t === 'put' && !disk.has(r.m.id) ? [r.m.id] : []));
  const wanted = new Set(next.messages.map((m) => m.id));
  const result = [...disk.messages.map((m) => m.id).filter((id) => !removed.has(id)), ...added].filter((id) => wanted.has(id));
  return result.length === next.messages.length && result.every((id, i) => id === next.messages[i]?.id);
}

/** Deep equality of JSON-like values, ignoring key order (a message read back from disk is a new object). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keysA = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const keysB = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => sameValue(ra[k], rb[k]));
}
