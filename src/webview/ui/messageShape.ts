// Defensive validation of what the host posts. isHostToWebview checks the `type`; this checks that the
// fields the UI reads have the right shape, so a malformed message is dropped instead of half-rendered.
import type { ChatMessage, Conversation } from '../../shared/conversation';
import { assertNever, isHostToWebview, type HostToWebview } from '../../shared/protocol';
import { isCodeContext } from './hostBridge';

type Fields = Record<string, unknown>;

const ANSWER_STATUSES: ReadonlySet<string> = new Set(['streaming', 'done', 'stopped', 'error', 'interrupted']);

const isString = (value: unknown): value is string => typeof value === 'string';
const isOptionalString = (value: unknown): boolean => value === undefined || isString(value);
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;

function isUsage(value: unknown): boolean {
  return isObject(value) && typeof value.totalTokens === 'number' && typeof value.promptTokens === 'number' && typeof value.completionTokens === 'number';
}

function isErrorInfo(value: unknown): boolean {
  return isObject(value) && isString(value.message) && Array.isArray(value.actions) && value.actions.every(isString) && isOptionalString(value.requestId);
}

export function isChatMessage(value: unknown): value is ChatMessage {
  if (!isObject(value) || !isString(value.id) || !isString(value.text)) {
    return false;
  }
  if (value.role === 'user') {
    return value.contexts === undefined || (Array.isArray(value.contexts) && value.contexts.every(isCodeContext));
  }
  return (
    value.role === 'assistant' &&
    isString(value.model) &&
    isString(value.status) &&
    ANSWER_STATUSES.has(value.status) &&
    isOptionalString(value.reasoning) &&
    isOptionalString(value.servedModel) &&
    (value.usage === undefined || isUsage(value.usage)) &&
    (value.error === undefined || isErrorInfo(value.error))
  );
}

function isConversation(value: unknown): value is Conversation {
  return isObject(value) && isString(value.id) && isString(value.title) && Array.isArray(value.messages) && value.messages.every(isChatMessage);
}

function hasValidFields(message: HostToWebview): boolean {
  const fields = message as unknown as Fields;
  switch (message.type) {
    case 'state':
      return isConversation(fields.conversation) && isString(fields.model) && typeof fields.hasApiKey === 'boolean' && isOptionalString(fields.streamingMessageId);
    case 'messageAdded':
      return isChatMessage(fields.message);
    case 'messagesTruncated':
      return isString(fields.fromMessageId);
    case 'delta':
      return isString(fields.messageId) && isOptionalString(fields.text) && isOptionalString(fields.reasoning);
    case 'answerEnded':
      return (
        isString(fields.messageId) &&
        isString(fields.status) &&
        ANSWER_STATUSES.has(fields.status) &&
        (fields.usage === undefined || isUsage(fields.usage)) &&
        (fields.error === undefined || isErrorInfo(fields.error)) &&
        isOptionalString(fields.servedModel)
      );
    case 'notice':
      return isString(fields.text) && (fields.level === 'info' || fields.level === 'warning') && isOptionalString(fields.messageId);
    case 'modelChanged':
      return isString(fields.model);
    case 'apiKeyChanged':
      return typeof fields.hasApiKey === 'boolean';
    case 'focusInput':
      return true;
    case 'attachContext':
      return isCodeContext(fields.context);
    case 'conversationList':
      return (
        isString(fields.activeId) &&
        Array.isArray(fields.conversations) &&
        fields.conversations.every((item) => isObject(item) && isString(item.id) && isString(item.title) && typeof item.updatedAt === 'number' && typeof item.messageCount === 'number')
      );
    default:
      return assertNever(message);
  }
}

/** The message, typed, if it is one the UI can trust; otherwise undefined (junk is ignored, not thrown). */
export function parseHostMessage(data: unknown): HostToWebview | undefined {
  return isHostToWebview(data) && hasValidFields(data) ? data : undefined;
}
