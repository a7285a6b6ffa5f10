// The change log of one conversation: a snapshot file holds the conversation as it was at some point, and a log
// file beside it holds what changed since, one JSON record per line. A save appends only what changed, so its
// cost follows the change (a few hundred characters while an answer streams), not the conversation's length.
//
// Every record is idempotent (applying it twice gives the same result), so a record read twice, or copied
// into a new log by a compaction and also read from the old one, does no harm. Each record is written as
// "\n{json}\n": a record torn by a power cut stays on a line of its own (the next writer's leading newline ends
// it), fails to parse and is skipped, and no record before or after it is lost.
import { type ChatMessage, type Conversation, chatMessageSchema, conversationSchema, countSchema, idSchema } from '../../shared/conversation';
import { type Infer, type OptionalSchema, type Schema, array, literal, object, optional, parse, string, variant } from '../../shared/schema';
import { parseConversation } from './conversationFile';

// The records, as a schema: what a line of a log must be to be applied. Read leniently, like the snapshot: a
// message with a status this version does not know loads degraded, and a record of a kind it does not know (a
// newer version's) is counted and skipped.

/** Which window wrote the record, so a window skips its own records when it reads another's changes. */
const writerSchema = string({ min: 1, max: 128 });

// The conversation-level fields a 'set' record may carry are the conversation's own (every field but id and
// messages), each optional; the header they make together is checked again when the record is applied.
const { id: _id, messages: _messages, ...headerShape } = conversationSchema.shape;
const headerFieldsSchema: Schema<Readonly<Record<string, unknown>>> = object(
  Object.fromEntries(
    Object.entries(headerShape).map(([key, field]: [string, Schema<unknown> & Partial<OptionalSchema<unknown>>]) => [
      key,
      optional(field, { dropInvalid: field.dropInvalid ?? false }),
    ]),
  ),
);

export const logRecordSchema = variant('t', [
  /** Conversation-level fields (title, updatedAt, workspace, ... every field but id and messages) set or removed. */
  object({ t: literal('set'), w: writerSchema, f: headerFieldsSchema, u: optional(array(string())) }),
  /** A message added (at the end) or replaced (in place), whole. */
  object({ t: literal('put'), w: writerSchema, m: chatMessageSchema }),
  /** Streamed text: the message's text becomes its first `at` characters followed by `s` (same for reasoning). */
  object({
    t: literal('app'),
    w: writerSchema,
    id: idSchema,
    at: optional(countSchema),
    s: optional(string()),
    rat: optional(countSchema),
    r: optional(string()),
  }),
  object({ t: literal('del'), w: writerSchema, id: idSchema }),
]);
export type LogRecord = Infer<typeof logRecordSchema>;

/** Fields of a Conversation other than its id and messages, which the log treats one by one. */
export type ConversationHeader = Record<string, unknown>;

/**
 * A conversation being replayed or kept up to date: messages in order plus an index by id, so applying a
 * record costs O(1) for the common cases (append, replace, streamed text).
 */
export class ConversationState {
  private constructor(
    readonly id: string,
    public header: ConversationHeader,
    private readonly list: ChatMessage[],
    private readonly index: Map<string, number>,
  ) {}

  static from(conversation: Conversation): ConversationState {
    const { id, messages, ...header } = conversation;
    const list = [...messages];
    return new ConversationState(id, header, list, new Map(list.map((m, i) => [m.id, i])));
  }

  get messages(): readonly ChatMessage[] {
    return this.list;
  }

  get(id: string): ChatMessage | undefined {
    const at = this.index.get(id);
    return at === undefined ? undefined : this.list[at];
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** Adds the message at the end, or replaces the one with its id where it is. */
  put(message: ChatMessage): void {
    const at = this.index.get(message.id);
    if (at === undefined) {
      this.index.set(message.id, this.list.length);
      this.list.push(message);
    } else {
      this.list[at] = message;
    }
  }

  remove(id: string): void {
    const at = this.index.get(id);
    if (at === undefined) {
      return;
    }
    this.list.splice(at, 1);
    this.index.delete(id);
    for (let i = at; i < this.list.length; i++) {
      this.index.set((this.list[i] as ChatMessage).id, i);
    }
  }

  toConversation(): Conversation {
    return { ...this.header, id: this.id, messages: [...this.list] } as unknown as Conversation;
  }

  clone(): ConversationState {
    return new ConversationState(this.id, { ...this.header }, [...this.list], new Map(this.index));
  }
}

/** What applying a record did, so a merge can say what another window changed. */
export type Applied = { readonly kind: 'added' | 'changed' | 'removed'; readonly id: string } | { readonly kind: 'fields' } | { readonly kind: 'none' };

/**
 * Applies one record. A record that does not fit the state (text appended past the end of what is known, a
 * message or header that fails the conversation checks) is skipped: it returns 'none' and changes nothing.
 */
export function applyRecord(state: ConversationState, record: LogRecord): Applied {
  switch (record.t) {
    case 'set': {
      const header = { ...state.header, ...record.f };
      for (const key of record.u ?? []) {
        delete header[key];
      }
      if (!isValidHeader(state.id, header)) {
        return { kind: 'none' };
      }
      state.header = header;
      return { kind: 'fields' };
    }
    case 'put': {
      const message = record.m;
      const existed = state.has(message.id);
      state.put(message);
      return { kind: existed ? 'changed' : 'added', id: message.id };
    }
    case 'app': {
      const message = state.get(record.id);
      if (!message) {
        return { kind: 'none' };
      }
      const text = spliced(message.text, record.at, record.s);
      const reasoning = message.role === 'assistant' ? spliced(message.reasoning ?? '', record.rat, record.r) : '';
      if (text === undefined || reasoning === undefined) {
        return { kind: 'none' };
      }
      const next = { ...message, text, ...(message.role === 'assistant' && record.r !== undefined ? { reasoning } : {}) } as ChatMessage;
      state.put(next);
      return { kind: 'changed', id: record.id };
    }
    case 'del':
      if (!state.has(record.id)) {
        return { kind: 'none' };
      }
      state.remove(record.id);
      return { kind: 'removed', id: record.id };
  }
}

/** `base` cut to `at` characters plus `suffix`; undefined when `base` is shorter than `at` (a record is missing). */
function spliced(base: string, at: number | undefined, suffix: string | undefined): string | undefined {
  if (suffix === undefined || at === undefined) {
    return base;
  }
  if (base.length < at) {
    return undefined;
  }
  return base.slice(0, at) + suffix;
}

/** Serialises records as they are appended: each on its own line, with a newline before and after. */
export function encodeRecords(records: readonly LogRecord[]): string {
  return records.map((record) => `\n${JSON.stringify(record)}\n`).join('');
}

export interface DecodedRecords {
  readonly records: LogRecord[];
  /** Lines that were JSON but not a record this version understands (torn lines are not counted). */
  readonly unknown: number;
}

/** Parses complete lines of a log. A line that is not JSON (a record torn by a crash) is skipped. */
export function decodeRecords(text: string): DecodedRecords {
  const records: LogRecord[] = [];
  let unknown = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const record = parse(logRecordSchema, value, 'lenient', 'record');
    if (record.ok) {
      records.push(record.value);
    } else {
      unknown++;
    }
  }
  return { records, unknown };
}

/** The header with every field of a conversation but its messages, checked as the snapshot's would be. */
function isValidHeader(conversationId: string, header: ConversationHeader): boolean {
  return parseConversation({ ...header, id: conversationId, messages: [] }).kind === 'ok';
}
