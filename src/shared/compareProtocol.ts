// Every message between the host and the Compare Models panel, defined once: both sides derive their types and
// checks from these schemas, as the chat's do (protocol.ts). The panel is told everything it shows; it names a
// column only by its index, and nothing it sends is trusted beyond these checks.
import { answerCostSchema, answerStatusSchema, chatErrorInfoSchema, conversationIdSchema, MAX_TEXT_LENGTH, usageSchema } from './conversation';
import { MAX_URL_LENGTH, webviewL10nSchema } from './protocol';
import { array, boolean, literal, number, object, optional, parse, string, variant, type Infer, type ParseResult } from './schema';

/** A comparison asks at least two models, and at most four side by side (columns stay readable). */
export const MIN_COMPARED_MODELS = 2;
export const MAX_COMPARED_MODELS = 4;

const columnIndexSchema = number({ integer: true, min: 0, max: MAX_COMPARED_MODELS - 1 });

/** How fast an answer came: the figures under each column. */
export const answerTimingsSchema = object({
  /** From sending the request to the first streamed token; absent when none came. */
  firstTokenMs: optional(number({ min: 0 })),
  totalMs: number({ min: 0 }),
  /** Completion tokens over the time they streamed in; absent without usage or without a measurable span. */
  tokensPerSecond: optional(number({ min: 0 })),
});
export type AnswerTimings = Infer<typeof answerTimingsSchema>;

/** The end of one column's answer, as the chat's answerEnded but with its timings. */
const columnEndFields = {
  status: answerStatusSchema,
  usage: optional(usageSchema),
  cost: optional(answerCostSchema),
  timings: optional(answerTimingsSchema),
  error: optional(chatErrorInfoSchema),
};

export const compareColumnSchema = object({
  model: string({ max: 1024 }),
  /** The answer so far (everything, so a reloaded panel shows what had arrived). */
  text: string({ max: MAX_TEXT_LENGTH }),
  ...columnEndFields,
});
export type CompareColumn = Infer<typeof compareColumnSchema>;

export const hostToCompareSchema = variant('type', [
  /** Everything the panel shows: sent first (in answer to `ready`) and after a reload. */
  object({
    type: literal('compareState'),
    question: string({ max: MAX_TEXT_LENGTH }),
    /** How many attachments (code and images) went with the question; the host keeps them. */
    contextCount: number({ integer: true, min: 0 }),
    columns: array(compareColumnSchema, { max: MAX_COMPARED_MODELS }),
    /** Whether the run is kept in the chat history (it is, once every column ended). */
    savedToHistory: boolean(),
    /** The run's id in the history: the panel keeps it, so VS Code can bring the panel back after a reload. */
    historyId: optional(conversationIdSchema),
    l10n: optional(webviewL10nSchema),
    showCost: boolean(),
  }),
  /** Text appended to one column's answer: only the new part. */
  object({ type: literal('compareDelta'), column: columnIndexSchema, text: string({ max: MAX_TEXT_LENGTH }) }),
  object({ type: literal('compareEnded'), column: columnIndexSchema, ...columnEndFields }),
  object({ type: literal('compareSaved') }),
]);
export type HostToCompare = Infer<typeof hostToCompareSchema>;

export const compareToHostSchema = variant('type', [
  object({ type: literal('ready') }),
  object({ type: literal('stop'), column: columnIndexSchema }),
  /** Add the question and this column's answer to the chat, and make its model the current one. */
  object({ type: literal('continueWith'), column: columnIndexSchema }),
  object({ type: literal('copy'), text: string({ max: MAX_TEXT_LENGTH }) }),
  object({ type: literal('openLink'), href: string({ max: MAX_URL_LENGTH }) }),
]);
export type CompareToHost = Infer<typeof compareToHostSchema>;

/** What the panel keeps with VS Code (setState) and gets back when VS Code restores it after a reload. */
export const comparePanelStateSchema = object({ historyId: conversationIdSchema });
export type ComparePanelState = Infer<typeof comparePanelStateSchema>;

/** Strict: what VS Code hands back is what a page wrote, and is checked like any of its messages. */
export function parseComparePanelState(value: unknown): ParseResult<ComparePanelState> {
  return parse(comparePanelStateSchema, value, 'strict', 'panel state');
}

/** Strict: a message from the panel with anything unexpected is dropped. */
export function parseCompareToHost(value: unknown): ParseResult<CompareToHost> {
  return parse(compareToHostSchema, value, 'strict', 'message');
}

/** Lenient, as the chat's: the host is the same build. */
export function parseHostToCompare(value: unknown): ParseResult<HostToCompare> {
  return parse(hostToCompareSchema, value, 'lenient', 'message');
}
