// The conversation model shared by host (which owns and persists it) and webview (which renders it).
// Each shape is a schema (src/shared/schema.ts) and its type is derived from it, so the file reader, the
// message checks and the compiler all agree on one definition.
import { array, boolean, degrade, literal, number, object, optional, picklist, string, variant, type Infer } from './schema';

/** Longest text accepted from the webview in one field: a pasted file or a long question, not a dump. */
export const MAX_TEXT_LENGTH = 8 * 1024 * 1024;
/** Ids are UUIDs the host issued; anything longer is not one of ours. */
export const MAX_ID_LENGTH = 128;
const MAX_PATH_LENGTH = 4096;
const MAX_NAME_LENGTH = 256;

/** Ids become file names, so only these characters are accepted (UUIDs and nanoids qualify). */
export const CONVERSATION_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/u;

export const idSchema = string({ min: 1, max: MAX_ID_LENGTH });
export const conversationIdSchema = string({ min: 1, max: MAX_ID_LENGTH, pattern: CONVERSATION_ID_PATTERN });
/** Milliseconds since the epoch. */
export const timeSchema = number({ min: 0, what: 'a time' });
export const countSchema = number({ integer: true, min: 0 });

/** Token counts as the server reported them; absent fields were not reported. */
export const usageSchema = object({
  promptTokens: countSchema,
  completionTokens: countSchema,
  totalTokens: countSchema,
  reasoningTokens: optional(countSchema),
  /** Of promptTokens, how many were read from the provider's prompt cache (billed at its cache price). */
  cacheReadTokens: optional(countSchema),
  /** Of promptTokens, how many were written to the prompt cache (Anthropic bills these above the input price). */
  cacheWriteTokens: optional(countSchema),
});
export type Usage = Infer<typeof usageSchema>;

/**
 * What an answer cost, worked out when it ended (src/core/cost/answerCost.ts): US dollars and tokens, or why there
 * is no number. An unknown kind, written by a newer version, is dropped with the answer kept.
 */
export const answerCostSchema = variant('kind', [
  object({ kind: literal('priced'), usd: number({ min: 0, what: 'a cost' }), tokens: countSchema }),
  object({ kind: literal('priceUnknown') }),
  object({ kind: literal('usageNotReported') }),
]);
export type AnswerCost = Infer<typeof answerCostSchema>;

/** The closed set of failures a person can see; see src/core/errors/errors.ts for how each is recognised. */
export const ERROR_KINDS = [
  'auth',
  'quota',
  'rateLimit',
  'modelNotFound',
  'badBaseUrl',
  'badRequest',
  'network',
  'timeout',
  'server',
  'streamBroken',
  'cancelled',
] as const;
export const errorKindSchema = picklist(ERROR_KINDS);
export type ErrorKind = Infer<typeof errorKindSchema>;

/** What the error card offers as its fix. Each maps to a host command. */
export const ERROR_ACTIONS = ['setApiKey', 'selectModel', 'retry', 'openSettings', 'useChatEndpoint'] as const;
export const errorActionSchema = picklist(ERROR_ACTIONS);
export type ErrorAction = Infer<typeof errorActionSchema>;

export const chatErrorInfoSchema = object({
  // A kind this version does not know (saved by a newer one) reads as a server failure: the kind only picks
  // wording, and the saved sentence below is shown as it was.
  kind: degrade(errorKindSchema, 'server'),
  /** Plain sentence for the person; never holds the API key. */
  message: string(),
  /** CometAPI's request id, to quote to support. */
  requestId: optional(string()),
  status: optional(countSchema),
  // An unknown fix is left off the card rather than losing the error.
  actions: array(errorActionSchema, { dropInvalid: true, max: ERROR_ACTIONS.length * 2 }),
});
export type ChatErrorInfo = Infer<typeof chatErrorInfoSchema>;

/**
 * streaming: tokens still arriving. done: finished normally. stopped: the person pressed Stop.
 * error: failed (see `error`). interrupted: the window closed or crashed mid-answer.
 */
export const ANSWER_STATUSES = ['streaming', 'done', 'stopped', 'error', 'interrupted'] as const;
export const answerStatusSchema = picklist(ANSWER_STATUSES);
export type AnswerStatus = Infer<typeof answerStatusSchema>;

/** Code the person attached from an editor (Explain Selection and friends). */
export const codeContextSchema = object({
  path: string({ max: MAX_PATH_LENGTH }),
  languageId: string({ max: MAX_NAME_LENGTH }),
  startLine: countSchema,
  endLine: countSchema,
  code: string({ max: MAX_TEXT_LENGTH }),
  /** Set when the selection was cut to fit: the last line that was included. */
  truncatedAtLine: optional(countSchema),
  /** Total lines of the original selection, for the "lines 1-2,300 of 9,000" notice. */
  totalLines: optional(countSchema),
  /** The document's URI, so "Replace Selection" can find it again. */
  uri: optional(string({ max: MAX_PATH_LENGTH * 2 })),
  /** A whole file (Add File to Chat) rather than a selection: read again from `uri` when the question is sent. */
  wholeFile: optional(boolean()),
});
export type CodeContext = Infer<typeof codeContextSchema>;

/** Image types the chat accepts: what every vision model reads. SVG is not among them: it is code, not a picture. */
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const imageMimeTypeSchema = picklist(IMAGE_MIME_TYPES);
export type ImageMimeType = Infer<typeof imageMimeTypeSchema>;
/** Largest encoded image that leaves the webview; it scales bigger ones down (src/webview/ui/imageScaling.ts). */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
/** Longest side in pixels an image is scaled down to before it is attached. */
export const MAX_IMAGE_SIDE = 2048;
/** Longest thumbnail, as base64 characters: a small preview, never the picture itself. */
export const MAX_THUMBNAIL_CHARS = 24 * 1024;
/** Most images one question carries; each model may accept fewer (src/core/images/visionRules.ts). */
export const MAX_IMAGES_PER_MESSAGE = 20;

/**
 * An image attached to a question. The picture itself is stored outside the conversation's JSON, in a file
 * named by `sha256` (src/core/storage/imageStore.ts); the JSON keeps only this reference and a small preview.
 */
export const imageRefSchema = object({
  sha256: string({ min: 64, max: 64, pattern: /^[0-9a-f]{64}$/u }),
  mimeType: imageMimeTypeSchema,
  bytes: number({ integer: true, min: 1, max: MAX_IMAGE_BYTES }),
  width: number({ integer: true, min: 1, max: MAX_IMAGE_SIDE }),
  height: number({ integer: true, min: 1, max: MAX_IMAGE_SIDE }),
  name: string({ max: MAX_NAME_LENGTH }),
  /** A base64 JPEG preview the webview made (at most 96 px), shown as the chip's thumbnail. */
  thumbnail: optional(string({ max: MAX_THUMBNAIL_CHARS })),
});
export type ImageRef = Infer<typeof imageRefSchema>;

export const userMessageSchema = object({
  id: idSchema,
  role: literal('user'),
  /** What the person typed (or the instruction of Explain Selection). */
  text: string(),
  createdAt: timeSchema,
  contexts: optional(array(codeContextSchema)),
  /** Images sent with the question (absent in files written before images existed). */
  images: optional(array(imageRefSchema, { max: MAX_IMAGES_PER_MESSAGE })),
});
export type UserMessage = Infer<typeof userMessageSchema>;

export const assistantMessageSchema = object({
  id: idSchema,
  role: literal('assistant'),
  text: string(),
  reasoning: optional(string()),
  /** The model id that was asked (the server may answer with a dated snapshot; see `servedModel`). */
  model: string(),
  servedModel: optional(string()),
  // A status this version does not know was written by a newer one; whatever it meant, the answer is not
  // streaming here, and "interrupted" keeps its text and offers Retry.
  status: degrade(answerStatusSchema, 'interrupted'),
  usage: optional(usageSchema),
  cost: optional(answerCostSchema, { dropInvalid: true }),
  finishReason: optional(string()),
  error: optional(chatErrorInfoSchema),
  createdAt: timeSchema,
  endedAt: optional(timeSchema),
});
export type AssistantMessage = Infer<typeof assistantMessageSchema>;

export const chatMessageSchema = variant('role', [userMessageSchema, assistantMessageSchema]);
export type ChatMessage = Infer<typeof chatMessageSchema>;

/** Most chips a draft holds; more is a flood, not a person attaching code. */
export const MAX_DRAFT_CONTEXTS = 100;

/** Code attached to the draft. It stays in the host: the webview knows it only by `id`, which the host issued. */
export const draftContextSchema = object({ id: idSchema, context: codeContextSchema });
export type DraftContext = Infer<typeof draftContextSchema>;

/** An image attached to the draft, known to the webview by `id` like attached code. */
export const draftImageSchema = object({ id: idSchema, image: imageRefSchema });
export type DraftImage = Infer<typeof draftImageSchema>;

/** What the person typed and attached but has not sent yet; kept with the conversation so a page reload loses nothing. */
export const draftSchema = object({
  text: string({ max: MAX_TEXT_LENGTH }),
  contexts: array(draftContextSchema, { max: MAX_DRAFT_CONTEXTS }),
  /** Attached images; absent when there are none (and in drafts saved before images existed). */
  images: optional(array(draftImageSchema, { max: MAX_IMAGES_PER_MESSAGE }), { dropInvalid: true }),
});
export type Draft = Infer<typeof draftSchema>;

export const conversationSchema = object({
  id: conversationIdSchema,
  title: string(),
  createdAt: timeSchema,
  updatedAt: timeSchema,
  /** Name of the workspace the conversation was started in, if any. */
  workspace: optional(string()),
  messages: array(chatMessageSchema),
  /** The unsent draft, if any. Host-side only: the webview gets it as a DraftView (protocol.ts). A damaged one is dropped, never the conversation. */
  draft: optional(draftSchema, { dropInvalid: true }),
});
export type Conversation = Infer<typeof conversationSchema>;
