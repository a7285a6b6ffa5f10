// The message protocol between the extension host and the chat webview, written once as schemas. The types
// both sides switch on are derived from them, the host checks every field of every webview message against
// webviewToHostSchema before handling it, and the webview checks what the host posts the same way.
import {
  answerStatusSchema,
  chatErrorInfoSchema,
  chatMessageSchema,
  conversationIdSchema,
  conversationSchema,
  countSchema,
  draftImageSchema,
  errorActionSchema,
  imageMimeTypeSchema,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_SIDE,
  MAX_IMAGES_PER_MESSAGE,
  MAX_THUMBNAIL_CHARS,
  MAX_DRAFT_CONTEXTS,
  idSchema,
  MAX_TEXT_LENGTH,
  timeSchema,
  usageSchema,
  answerCostSchema,
} from './conversation';
import { array, boolean, degrade, literal, number, object, optional, parse, picklist, string, variant, type Infer, type ParseResult } from './schema';

const MAX_SHORT_TEXT = 1024;
export const MAX_URL_LENGTH = 8192;

/** Summary of a stored conversation for the history list. */
export const conversationSummarySchema = object({
  id: conversationIdSchema,
  title: string(),
  updatedAt: timeSchema,
  workspace: optional(string()),
  messageCount: countSchema,
  /** What the conversation's priced answers cost in all, in USD; absent when none has a price. */
  costUsd: optional(number({ min: 0 })),
});
export type ConversationSummary = Infer<typeof conversationSummarySchema>;

export const NOTICE_LEVELS = ['info', 'warning'] as const;
export const noticeLevelSchema = picklist(NOTICE_LEVELS);

/**
 * An attached piece of code as the webview shows it: enough to label the chip, and an opaque id the host
 * issued. No URI and no code: what is sent, and from which file, stays in the host.
 */
export const contextChipSchema = object({
  id: idSchema,
  /** The label the person knows the code by (workspace-relative path, "Untitled-1"). */
  path: string({ max: 4096 }),
  languageId: string({ max: 256 }),
  startLine: countSchema,
  endLine: countSchema,
  /** Characters of code attached. */
  chars: countSchema,
  truncatedAtLine: optional(countSchema),
  totalLines: optional(countSchema),
  /** A whole file (Add File to Chat): the chip names the file, not a line range. */
  wholeFile: optional(boolean()),
  /** Estimated tokens of the attached code (src/shared/tokenEstimate.ts), shown on the chip. */
  tokens: optional(countSchema),
});
export type ContextChip = Infer<typeof contextChipSchema>;

/**
 * The file of the editor the person last worked in, offered as a one-click chip near the input. Its label only:
 * a click asks the host to attach "the active file", which the host knows; the webview never names a file.
 */
export const activeFileSchema = object({ path: string({ max: 4096 }) });
export type ActiveFile = Infer<typeof activeFileSchema>;

/** The draft the host keeps for the open conversation, as the webview shows it. */
export const draftViewSchema = object({
  text: string(),
  chips: array(contextChipSchema, { max: MAX_DRAFT_CONTEXTS }),
  /** Attached images, shown as thumbnail chips; absent when there are none. */
  images: optional(array(draftImageSchema, { max: MAX_IMAGES_PER_MESSAGE })),
});
export type DraftView = Infer<typeof draftViewSchema>;

/** Most earlier turns the host lists for the context meter; a budget of millions of tokens still fits. */
const MAX_METER_TURNS = 5000;

/**
 * What the next question's context holds besides the draft, for the meter by the input (src/shared/contextMeter.ts):
 * the model's window, cometapi.maxContextTokens, the system prompt and the earlier turns by estimate.
 */
export const contextBudgetSchema = object({
  model: string({ max: MAX_SHORT_TEXT }),
  windowTokens: number({ integer: true, min: 1 }),
  /** The public catalogue gave the window, or the rules table by model family did. */
  windowSource: picklist(['catalogue', 'rules'] as const),
  budgetTokens: number({ integer: true, min: 1 }),
  fixedTokens: countSchema,
  /** Earlier turns, newest first (only as many as the budget could hold). */
  turnTokens: array(countSchema, { max: MAX_METER_TURNS }),
  totalTurns: countSchema,
});
export type ContextBudget = Infer<typeof contextBudgetSchema>;

/** Base64 of the largest image the webview may hand over (4 MB encoded, base64 adds a third). */
const MAX_IMAGE_BASE64 = Math.ceil(MAX_IMAGE_BYTES / 3) * 4;
/** Largest image file Attach Image… reads for the webview to scale (a camera photo, not a disk image). */
export const MAX_IMAGE_FILE_BYTES = 40 * 1024 * 1024;

/** An image the webview scaled and encoded, handed to the host to store and attach to the draft. */
export const imageUploadSchema = object({
  name: string({ max: 256 }),
  mimeType: imageMimeTypeSchema,
  base64: string({ min: 1, max: MAX_IMAGE_BASE64, pattern: /^[A-Za-z0-9+/]+={0,2}$/u }),
  width: number({ integer: true, min: 1, max: MAX_IMAGE_SIDE }),
  height: number({ integer: true, min: 1, max: MAX_IMAGE_SIDE }),
  thumbnail: string({ max: MAX_THUMBNAIL_CHARS }),
});
export type ImageUpload = Infer<typeof imageUploadSchema>;

/** Messages the person sent while an answer streamed; the host sends them in order when it ends. */
export const MAX_QUEUED_MESSAGES = 50;
export const queuedMessageSchema = object({
  id: idSchema,
  text: string({ max: MAX_TEXT_LENGTH }),
  /** How many code attachments go with it (the host keeps the code). */
  contextCount: countSchema,
});
export type QueuedMessage = Infer<typeof queuedMessageSchema>;

/**
 * The webview's language: VS Code's display language and the translation of each of WEBVIEW_MESSAGES, in
 * that order (see docs/architecture.md#languages).
 */
export const webviewL10nSchema = object({
  locale: string({ max: 64 }),
  strings: array(string({ max: MAX_SHORT_TEXT }), { max: 1000 }),
});
export type WebviewL10n = Infer<typeof webviewL10nSchema>;

export const hostToWebviewSchema = variant('type', [
  /** Full state, sent in answer to `ready` and whenever the conversation is replaced. */
  object({
    type: literal('state'),
    conversation: conversationSchema,
    model: string(),
    hasApiKey: boolean(),
    /** Id of the answer that is streaming now, if any. */
    streamingMessageId: optional(idSchema),
    /** Messages waiting for the streaming answer to end, oldest first. */
    queue: optional(array(queuedMessageSchema, { max: MAX_QUEUED_MESSAGES })),
    /** The unsent draft of this conversation, kept by the host. */
    draft: optional(draftViewSchema),
    /** The display language and the webview's strings in it; absent means English. */
    l10n: optional(webviewL10nSchema),
    /** `cometapi.showCost`: whether costs appear under answers, in the header and in the history list. */
    showCost: optional(boolean()),
    /** The active editor's file, offered as a one-click chip; absent when no file editor is open. */
    activeFile: optional(activeFileSchema),
  }),
  /** A message was appended (the user's question, or a new empty streaming answer). */
  object({ type: literal('messageAdded'), message: chatMessageSchema }),
  /** Messages from this id on were removed (Retry, edit-and-resend). */
  object({ type: literal('messagesTruncated'), fromMessageId: idSchema }),
  /** Text appended to a streaming answer. Only the new part, never the text so far. */
  object({ type: literal('delta'), messageId: idSchema, text: optional(string()), reasoning: optional(string()) }),
  /** The answer finished, was stopped, failed or was interrupted. */
  object({
    type: literal('answerEnded'),
    messageId: idSchema,
    status: answerStatusSchema,
    usage: optional(usageSchema),
    cost: optional(answerCostSchema),
    finishReason: optional(string()),
    servedModel: optional(string()),
    error: optional(chatErrorInfoSchema),
  }),
  /** A transient notice about a streaming answer: a retry after a 429, history trimmed to fit, etc. */
  object({ type: literal('notice'), messageId: optional(idSchema), text: string(), level: degrade(noticeLevelSchema, 'info'), noticeId: optional(idSchema) }),
  /** A notice with this id is over (a retry countdown whose attempt failed for good or was stopped). */
  object({ type: literal('noticeCleared'), noticeId: idSchema, messageId: optional(idSchema) }),
  /** The queued messages changed (one was added, sent or cancelled). */
  object({ type: literal('queue'), items: array(queuedMessageSchema, { max: MAX_QUEUED_MESSAGES }) }),
  /** Put text back in the input, before what is there (a cancelled queued message). */
  object({ type: literal('restoreDraft'), text: string({ max: MAX_TEXT_LENGTH }) }),
  object({ type: literal('modelChanged'), model: string() }),
  /** `cometapi.showCost` changed. */
  object({ type: literal('costVisibilityChanged'), showCost: boolean() }),
  object({ type: literal('apiKeyChanged'), hasApiKey: boolean() }),
  /** Put keyboard focus in the input (after Open Chat / New Chat). */
  object({ type: literal('focusInput') }),
  /** Attach code to the draft as a removable chip (Add Selection to Chat). */
  object({ type: literal('attachContext'), chip: contextChipSchema }),
  /** The editor the person works in changed: the file offered as a one-click chip, or none. */
  object({ type: literal('activeFile'), file: optional(activeFileSchema) }),
  /** Show an attached image as a removable thumbnail chip (the host stored it). */
  object({ type: literal('attachImage'), image: draftImageSchema }),
  /** A file Attach Image… read: the webview scales it like a pasted image and sends it back as `attachImage`. */
  object({
    type: literal('scaleImage'),
    name: string({ max: 256 }),
    mimeType: string({ max: 64 }),
    base64: string({ max: Math.ceil(MAX_IMAGE_FILE_BYTES / 3) * 4 }),
  }),
  /** Why images were not attached or not sent (not a vision model, too many, unreadable); shown by the input. */
  object({ type: literal('imageNotice'), text: string({ max: MAX_SHORT_TEXT }) }),
  /** The context besides the draft changed (model, settings, history): the meter by the input follows. */
  object({ type: literal('contextBudget'), budget: contextBudgetSchema }),
  /** The history list, in answer to `listConversations`. */
  object({ type: literal('conversationList'), conversations: array(conversationSummarySchema), activeId: conversationIdSchema }),
  /**
   * The file picker `pickWorkspaceFile` opened is closed. `attached`: a file became a chip, so the `#` that opened
   * the picker goes; otherwise (Escape, a refused file) it stays as typed. Either way the input gets the focus back.
   */
  object({ type: literal('filePickerClosed'), requestId: idSchema, attached: boolean() }),
]);
export type HostToWebview = Infer<typeof hostToWebviewSchema>;

export const CODE_BLOCK_ACTIONS = ['insert', 'replaceSelection', 'showDiff', 'newFile'] as const;
export const codeBlockActionSchema = picklist(CODE_BLOCK_ACTIONS);
export type CodeBlockAction = Infer<typeof codeBlockActionSchema>;

/** Text the person typed or copied: large is fine, unbounded is not. */
const longText = string({ max: MAX_TEXT_LENGTH });

export const webviewToHostSchema = variant('type', [
  object({ type: literal('ready') }),
  /** `contextIds` name chips the host issued; an id it does not know is ignored. */
  object({
    type: literal('send'),
    text: longText,
    contextIds: optional(array(idSchema, { max: MAX_DRAFT_CONTEXTS })),
    /** Attached images by the ids the host issued, like `contextIds`. */
    imageIds: optional(array(idSchema, { max: MAX_IMAGES_PER_MESSAGE })),
  }),
  /** The draft changed (throttled): the host keeps it with conversation `conversationId` if that is still the open one. */
  object({
    type: literal('draft'),
    conversationId: conversationIdSchema,
    text: longText,
    contextIds: array(idSchema, { max: MAX_DRAFT_CONTEXTS }),
    imageIds: optional(array(idSchema, { max: MAX_IMAGES_PER_MESSAGE })),
  }),
  /** An image pasted, dropped or picked with Attach Image…, already scaled; the host stores it and attaches it. */
  object({ type: literal('attachImage'), image: imageUploadSchema }),
  object({ type: literal('stop') }),
  /** The person clicked the active file's chip: attach the file the host offered (the webview names none). */
  object({ type: literal('attachActiveFile') }),
  /**
   * `#` typed in the input: the host shows a picker of workspace files and attaches the chosen one like Add File
   * to Chat. The webview names no file; `requestId` comes back in `filePickerClosed`.
   */
  object({ type: literal('pickWorkspaceFile'), requestId: idSchema }),
  /** Take a queued message back (its text returns to the input). */
  object({ type: literal('cancelQueued'), id: idSchema }),
  /** Regenerate the given answer (drops it and anything after it). */
  object({ type: literal('retry'), messageId: idSchema }),
  /** Replace an earlier question with new text and resend from there. */
  object({ type: literal('editAndResend'), messageId: idSchema, text: longText }),
  object({ type: literal('newChat') }),
  object({ type: literal('runAction'), action: errorActionSchema }),
  object({ type: literal('copy'), text: longText }),
  object({
    type: literal('codeAction'),
    action: codeBlockActionSchema,
    code: longText,
    language: string({ max: MAX_SHORT_TEXT }),
    /** The answer the block belongs to, so Replace Selection can find its source selection. */
    messageId: idSchema,
  }),
  object({ type: literal('openLink'), href: string({ max: MAX_URL_LENGTH }) }),
  object({ type: literal('selectModel') }),
  object({ type: literal('listConversations') }),
  object({ type: literal('openConversation'), id: conversationIdSchema }),
  object({ type: literal('deleteConversation'), id: conversationIdSchema }),
  object({ type: literal('renameConversation'), id: conversationIdSchema, title: string({ max: MAX_SHORT_TEXT }) }),
  object({ type: literal('exportConversation'), id: conversationIdSchema }),
]);
export type WebviewToHost = Infer<typeof webviewToHostSchema>;

/** Checks every field of a message from the webview; anything else in it is a reason to drop it. */
export function parseWebviewToHost(value: unknown): ParseResult<WebviewToHost> {
  return parse(webviewToHostSchema, value, 'strict', 'message');
}

/**
 * Checks every field of a message from the host before the UI acts on it. Lenient: the host is the same
 * build, and a value it forwards from disk that this UI does not know (an error action, say) is better
 * left out than costing the whole transcript.
 */
export function parseHostToWebview(value: unknown): ParseResult<HostToWebview> {
  return parse(hostToWebviewSchema, value, 'lenient', 'message');
}

/** Compile-time exhaustiveness guard for `switch (msg.type)`. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}
