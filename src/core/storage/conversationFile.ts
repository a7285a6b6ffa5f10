// The on-disk form of one conversation, and the checks that stand between a file and the rest of the
// extension: a file is data from outside (edited by hand, cut short by a full disk, written by a newer
// version), so nothing in it is trusted until it has the shape of a Conversation. The shape is the shared
// schema in src/shared/conversation.ts, read leniently: fields it does not name are ignored, and enum values
// this version does not know load degraded (an unknown status as "interrupted") rather than making the file
// unreadable. A file is damaged only when it is not a conversation at all.
import { chatMessageSchema, CONVERSATION_ID_PATTERN, conversationSchema, type ChatMessage, type Conversation } from '../../shared/conversation';
import { parse } from '../../shared/schema';
import { t } from '../../shared/l10n';

/** Bumped when the file layout changes incompatibly; a file with a higher version is left untouched. */
export const CONVERSATION_FILE_VERSION = 1;
const FORMAT = 'cometapi-chat/conversation';

/** Ids become file names, so only the characters of CONVERSATION_ID_PATTERN are accepted. */
export function isValidConversationId(id: string): boolean {
  return CONVERSATION_ID_PATTERN.test(id);
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

export type ConversationParse = { readonly kind: 'ok'; readonly conversation: Conversation } | { readonly kind: 'invalid'; readonly reason: string };

/**
 * Reads one conversation record (already JSON-parsed) from disk: a Conversation holding only the fields the
 * schema names, with unknown enum values degraded, or the reason it is not a conversation.
 */
export function parseConversation(value: unknown): ConversationParse {
  const parsed = parse(conversationSchema, value, 'lenient', 'conversation');
  return parsed.ok ? { kind: 'ok', conversation: parsed.value } : { kind: 'invalid', reason: parsed.reason };
}

export type ChatMessageParse = { readonly kind: 'ok'; readonly message: ChatMessage } | { readonly kind: 'invalid'; readonly reason: string };

/** Reads one message record from disk, with the same lenience as parseConversation. */
export function parseChatMessage(value: unknown): ChatMessageParse {
  const parsed = parse(chatMessageSchema, value, 'lenient', 'message');
  return parsed.ok ? { kind: 'ok', message: parsed.value } : { kind: 'invalid', reason: parsed.reason };
}

/** Checks a parsed file against the Conversation shape; `expectedId` is the id its file name promises. */
export function parseConversationFile(value: unknown, expectedId: string): ConversationFileParse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', reason: t('the file is not an object') };
  }
  const file = value as Record<string, unknown>;
  if (file.format !== FORMAT) {
    return { kind: 'invalid', reason: t('the file is not a CometAPI Chat conversation') };
  }
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { kind: 'invalid', reason: t('the file has no valid version') };
  }
  if (version > CONVERSATION_FILE_VERSION) {
    return { kind: 'newer', version };
  }
  const parsed = parseConversation(file.conversation);
  if (parsed.kind === 'invalid') {
    return parsed;
  }
  if (parsed.conversation.id !== expectedId) {
    return { kind: 'invalid', reason: `the file holds conversation "${parsed.conversation.id}", not "${expectedId}" as its name says` };
  }
  return parsed;
}
