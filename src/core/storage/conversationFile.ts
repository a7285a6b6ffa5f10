// The on-disk form of one conversation, and the checks that stand between a file and the rest of the
// extension: a file is data from outside (edited by hand, cut short by a full disk, written by a newer
// version), so nothing in it is trusted until it has the exact shape of a Conversation.
import type { ChatMessage, CodeContext, Conversation } from '../../shared/conversation';

/** Bumped when the file layout changes incompatibly; a file with a higher version is left untouched. */
export const CONVERSATION_FILE_VERSION = 1;
const FORMAT = 'cometapi-chat/conversation';

/** Ids become file names, so only these characters are accepted (UUIDs and nanoids qualify). */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/u;

export function isValidConversationId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function serializeConversation(conversation: Conversation): string {
  return JSON.stringify({ format: FORMAT, version: CONVERSATION_FILE_VERSION, conversation });
}

export type ConversationFileParse =
  | { readonly kind: 'ok'; readonly conversation: Conversation }
  /** Not a conversation this version understands; `reason` is a short plain explanation. */
  | { readonly kind: 'invalid'; readonly reason: string }
  /** Written by a newer version of the extension: valid, perhaps, but not ours to judge or move. */
  | { readonly kind: 'newer'; readonly version: number };

/** Checks a parsed file against the Conversation shape; `expectedId` is the id its file name promises. */
export function parseConversationFile(value: unknown, expectedId: string): ConversationFileParse {
  try {
    const file = record(value, 'the file');
    if (file.format !== FORMAT) throw new ShapeError('the file is not a CometAPI Chat conversation');
    const version = file.version;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new ShapeError('the file has no valid version');
    if (version > CONVERSATION_FILE_VERSION) return { kind: 'newer', version };
    const conversation = readConversation(file.conversation);
    if (conversation.id !== expectedId) {
      throw new ShapeError(`the file holds conversation "${conversation.id}", not "${expectedId}" as its name says`);
    }
    return { kind: 'ok', conversation };
  } catch (error) {
    if (error instanceof ShapeError) return { kind: 'invalid', reason: error.message };
    throw error;
  }
}

class ShapeError extends Error {}

type Fields = Record<string, unknown>;

const ANSWER_STATUSES = ['streaming', 'done', 'stopped', 'error', 'interrupted'] as const;
const ERROR_KINDS = ['auth', 'quota', 'rateLimit', 'modelNotFound', 'badBaseUrl', 'badRequest', 'network', 'timeout', 'server', 'streamBroken', 'cancelled'] as const;
const ERROR_ACTIONS = ['setApiKey', 'selectModel', 'retry', 'openSettings'] as const;

function readConversation(value: unknown): Conversation {
  const c = record(value, 'conversation');
  const id = text(c, 'id', 'conversation');
  if (!isValidConversationId(id)) throw new ShapeError(`conversation id "${id.slice(0, 40)}" has characters a file name cannot hold`);
  const messagesValue = c.messages;
  if (!Array.isArray(messagesValue)) throw new ShapeError('conversation.messages is not a list');
  return {
    id,
    title: text(c, 'title', 'conversation'),
    createdAt: time(c, 'createdAt', 'conversation'),
    updatedAt: time(c, 'updatedAt', 'conversation'),
    ...optional(c, 'workspace', 'conversation', text),
    messages: messagesValue.map((m, i) => readMessage(m, `messages[${i}]`)),
  };
}

function readMessage(value: unknown, where: string): ChatMessage {
  const m = record(value, where);
  const common = { id: text(m, 'id', where), text: text(m, 'text', where), createdAt: time(m, 'createdAt', where) };
  if (m.role === 'user') {
    const contexts = m.contexts;
    if (contexts !== undefined && !Array.isArray(contexts)) throw new ShapeError(`${where}.contexts is not a list`);
    return { ...common, role: 'user', ...(contexts ? { contexts: contexts.map((x, i) => readContext(x, `${where}.contexts[${i}]`)) } : {}) };
  }
  if (m.role !== 'assistant') throw new ShapeError(`${where}.role is neither "user" nor "assistant"`);
  return {
    ...common,
    role: 'assistant',
    model: text(m, 'model', where),
    status: oneOf(m, 'status', where, ANSWER_STATUSES),
    ...optional(m, 'reasoning', where, text),
    ...optional(m, 'servedModel', where, text),
    ...optional(m, 'finishReason', where, text),
    ...optional(m, 'endedAt', where, time),
    ...(m.usage !== undefined ? { usage: readUsage(m.usage, `${where}.usage`) } : {}),
    ...(m.error !== undefined ? { error: readError(m.error, `${where}.error`) } : {}),
  };
}

function readContext(value: unknown, where: string): CodeContext {
  const x = record(value, where);
  return {
    path: text(x, 'path', where),
    languageId: text(x, 'languageId', where),
    startLine: count(x, 'startLine', where),
    endLine: count(x, 'endLine', where),
    code: text(x, 'code', where),
    ...optional(x, 'truncatedAtLine', where, count),
    ...optional(x, 'totalLines', where, count),
    ...optional(x, 'uri', where, text),
  };
}

function readUsage(value: unknown, where: string): NonNullable<Extract<ChatMessage, { role: 'assistant' }>['usage']> {
  const u = record(value, where);
  return {
    promptTokens: count(u, 'promptTokens', where),
    completionTokens: count(u, 'completionTokens', where),
    totalTokens: count(u, 'totalTokens', where),
    ...optional(u, 'reasoningTokens', where, count),
  };
}

function readError(value: unknown, where: string): NonNullable<Extract<ChatMessage, { role: 'assistant' }>['error']> {
  const e = record(value, where);
  const actions = e.actions;
  if (!Array.isArray(actions)) throw new ShapeError(`${where}.actions is not a list`);
  return {
    kind: oneOf(e, 'kind', where, ERROR_KINDS),
    message: text(e, 'message', where),
    ...optional(e, 'requestId', where, text),
    ...optional(e, 'status', where, count),
    actions: actions.map((action: unknown, i) => member(action, `${where}.actions[${i}]`, ERROR_ACTIONS)),
  };
}

function record(value: unknown, where: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(`${where} is not an object`);
  return value as Fields;
}

function text(fields: Fields, key: string, where: string): string {
  const value = fields[key];
  if (typeof value !== 'string') throw new ShapeError(`${where}.${key} is not text`);
  return value;
}

function time(fields: Fields, key: string, where: string): number {
  const value = fields[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ShapeError(`${where}.${key} is not a time`);
  return value;
}

function count(fields: Fields, key: string, where: string): number {
  const value = fields[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new ShapeError(`${where}.${key} is not a whole number`);
  return value;
}

function oneOf<T extends string>(fields: Fields, key: string, where: string, allowed: readonly T[]): T {
  return member(fields[key], `${where}.${key}`, allowed);
}

function member<T extends string>(value: unknown, where: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ShapeError(`${where} is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** `{ [key]: value }` when the field is present (and valid), `{}` when absent. */
function optional<K extends string, T>(fields: Fields, key: K, where: string, read: (f: Fields, k: string, w: string) => T): { [P in K]?: T } {
  return (fields[key] === undefined ? {} : { [key]: read(fields, key, where) }) as { [P in K]?: T };
}
