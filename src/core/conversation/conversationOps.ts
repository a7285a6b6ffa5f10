// Pure operations on a Conversation. Every function returns a new Conversation and never mutates its input,
// so the host can hand the same object to the store (which writes it later) and to the webview safely.
// When an operation has nothing to do (unknown message id, an answer that already ended) it returns the
// very same object, so `next === previous` tells the caller nothing changed.
//
// Cost: applyAnswerDelta copies the messages array (pointers only) and one message object; the answer text grows
// by string concatenation, which V8 keeps as a rope, so a delta costs O(messages + delta), never O(text so far).
import type {
  AnswerCost,
  AnswerStatus,
  AssistantMessage,
  ImageRef,
  ChatErrorInfo,
  ChatMessage,
  CodeContext,
  Conversation,
  UserMessage,
  Usage,
} from '../../shared/conversation';
import type { ConversationSummary } from '../../shared/protocol';
import { pricedTotalUsd } from '../cost/conversationTotal';
import { t } from '../../shared/l10n';

/** Title of a conversation that has no question yet. */
export const NEW_CHAT_TITLE = 'New Chat';
/** Titles taken from the first question are cut to about this many characters, on a word boundary. */
export const TITLE_MAX_CHARS = 60;
/** A title the person types is cut to this many characters. */
export const RENAMED_TITLE_MAX_CHARS = 200;

export interface NewConversation {
  readonly id: string;
  readonly now: number;
  /** Name of the workspace the conversation starts in (shown in the history list). */
  readonly workspace?: string;
}

/** An empty conversation titled "New Chat"; the first question appended gives it its title. */
export function createConversation({ id, now, workspace }: NewConversation): Conversation {
  return { id, title: NEW_CHAT_TITLE, createdAt: now, updatedAt: now, ...(workspace ? { workspace } : {}), messages: [] };
}

/** A question from the person. Empty `contexts` are left out. */
export function userMessage(id: string, text: string, now: number, contexts?: readonly CodeContext[], images?: readonly ImageRef[]): UserMessage {
  return {
    id,
    role: 'user',
    text,
    createdAt: now,
    ...(contexts && contexts.length > 0 ? { contexts } : {}),
    ...(images && images.length > 0 ? { images } : {}),
  };
}

/** An empty answer in status 'streaming', to append before the first delta arrives. */
export function startAnswer(id: string, model: string, now: number): AssistantMessage {
  return { id, role: 'assistant', text: '', model, status: 'streaming', createdAt: now };
}

/**
 * Appends a message; `updatedAt` becomes `now` (default: the message's createdAt). The first message of a
 * conversation still titled "New Chat" names it after the question (see titleFromQuestion); a renamed
 * conversation keeps its title.
 */
export function appendMessage(conversation: Conversation, message: ChatMessage, now: number = message.createdAt): Conversation {
  const namesIt = conversation.messages.length === 0 && conversation.title === NEW_CHAT_TITLE && message.role === 'user';
  return {
    ...conversation,
    title: namesIt ? titleFromQuestion(message) : conversation.title,
    updatedAt: now,
    messages: [...conversation.messages, message],
  };
}

/**
 * Appends streamed text and/or reasoning to the answer `messageId`. Only a 'streaming' answer grows: a delta
 * that arrives after Stop, an error or the end is ignored (the same object is returned).
 * `updatedAt` is deliberately left alone: it moves when the answer ends, so the history list does not
 * reorder 60 times a second.
 */
export function applyAnswerDelta(conversation: Conversation, messageId: string, text?: string, reasoning?: string): Conversation {
  if (!text && !reasoning) {
    return conversation;
  }
  return updateStreamingAnswer(conversation, messageId, (answer) => ({
    ...answer,
    text: text ? answer.text + text : answer.text,
    ...(reasoning ? { reasoning: (answer.reasoning ?? '') + reasoning } : {}),
  }));
}

export interface AnswerEnd {
  readonly status: Exclude<AnswerStatus, 'streaming'>;
  /** When the answer ended; also becomes the conversation's updatedAt. */
  readonly endedAt: number;
  readonly usage?: Usage;
  /** Worked out when the answer ended; absent for an answer that failed without any usage. */
  readonly cost?: AnswerCost;
  readonly finishReason?: string;
  readonly servedModel?: string;
  readonly error?: ChatErrorInfo;
}

/**
 * Ends the streaming answer `messageId` with its final status (done, stopped, error, interrupted), usage,
 * finish reason, the model the server says answered, and error. The first end wins: ending an answer that is
 * no longer streaming returns the same object (e.g. the stream's finish arriving just after Stop).
 */
export function endAnswer(conversation: Conversation, messageId: string, end: AnswerEnd): Conversation {
  const next = updateStreamingAnswer(conversation, messageId, (answer) => ({
    ...answer,
    status: end.status,
    endedAt: end.endedAt,
    ...(end.usage ? { usage: end.usage } : {}),
    ...(end.cost ? { cost: end.cost } : {}),
    ...(end.finishReason ? { finishReason: end.finishReason } : {}),
    ...(end.servedModel ? { servedModel: end.servedModel } : {}),
    ...(end.error ? { error: end.error } : {}),
  }));
  return next === conversation ? conversation : { ...next, updatedAt: end.endedAt };
}

/**
 * Marks every answer still 'streaming' as 'interrupted': what a conversation looks like after the window
 * closed or crashed mid-answer. The partial text is kept. Returns the same object when none was streaming.
 */
export function markInterrupted(conversation: Conversation): Conversation {
  if (!conversation.messages.some(isStreamingAnswer)) {
    return conversation;
  }
  return {
    ...conversation,
    messages: conversation.messages.map((m) => (isStreamingAnswer(m) ? { ...m, status: 'interrupted' as const } : m)),
  };
}

/**
 * Removes the message `messageId` and everything after it. Retry = truncate from the answer, then start a new
 * answer; edit-and-resend = see forkAtQuestion. `updatedAt` becomes `now` when given (otherwise the message
 * appended next moves it). Returns the same object if the id is unknown.
 */
export function truncateFrom(conversation: Conversation, messageId: string, now?: number): Conversation {
  const index = conversation.messages.findIndex((m) => m.id === messageId);
  if (index < 0) {
    return conversation;
  }
  return { ...conversation, updatedAt: now ?? conversation.updatedAt, messages: conversation.messages.slice(0, index) };
}

/**
 * Edit-and-resend: drops the question `questionId` and everything after it, and appends the edited question
 * (new id, new text, the original's code contexts). The caller then starts an answer. Returns the same object
 * if `questionId` is not a question of this conversation.
 */
export function forkAtQuestion(conversation: Conversation, questionId: string, edited: { id: string; text: string; now: number }): Conversation {
  const original = conversation.messages.find((m) => m.id === questionId);
  if (!original || original.role !== 'user') {
    return conversation;
  }
  const truncated = truncateFrom(conversation, questionId, edited.now);
  return appendMessage(truncated, userMessage(edited.id, edited.text, edited.now, original.contexts, original.images), edited.now);
}

/** What a fork's title ends with; forking a fork does not stack it. */
export const FORK_SUFFIX = ' (fork)';

/**
 * Whether the turn of `messageId` is followed by other turns: Retry on an answer with anything after it, or
 * Edit on a question with more than its own answer after it. Those would drop later turns, so they fork.
 */
export function hasLaterTurns(conversation: Conversation, messageId: string): boolean {
  const index = conversation.messages.findIndex((m) => m.id === messageId);
  const message = conversation.messages[index];
  if (!message) {
    return false;
  }
  const after = conversation.messages.slice(index + 1);
  const ownAnswer = message.role === 'user' && after[0]?.role === 'assistant' ? 1 : 0;
  return after.length > ownAnswer;
}

export interface NewFork {
  readonly id: string;
  readonly now: number;
}

/**
 * A new conversation holding the messages before `messageId` (the same message objects: they never change once
 * ended), titled "<title> (fork)". The original is not touched. Undefined if the id is unknown.
 */
export function forkBefore(conversation: Conversation, messageId: string, fork: NewFork): Conversation | undefined {
  const index = conversation.messages.findIndex((m) => m.id === messageId);
  if (index < 0) {
    return undefined;
  }
  const base = conversation.title.endsWith(FORK_SUFFIX) ? conversation.title.slice(0, -FORK_SUFFIX.length) : conversation.title;
  return {
    id: fork.id,
    title: `${base.slice(0, RENAMED_TITLE_MAX_CHARS - FORK_SUFFIX.length)}${FORK_SUFFIX}`,
    createdAt: fork.now,
    updatedAt: fork.now,
    ...(conversation.workspace ? { workspace: conversation.workspace } : {}),
    messages: conversation.messages.slice(0, index),
  };
}

/** Renames the conversation. Whitespace is collapsed; a blank title leaves it unchanged (same object). */
export function renameConversation(conversation: Conversation, title: string, now: number): Conversation {
  const clean = collapseWhitespace(title).slice(0, RENAMED_TITLE_MAX_CHARS).trim();
  if (clean === '' || clean === conversation.title) {
    return conversation;
  }
  return { ...conversation, title: clean, updatedAt: now };
}

/**
 * A title from a question: whitespace collapsed, cut to about TITLE_MAX_CHARS on a word boundary with "…".
 * A question with no text but attached code is titled after the file ("Code from utils.ts").
 */
export function titleFromQuestion(question: Pick<UserMessage, 'text' | 'contexts'>): string {
  const text = collapseWhitespace(question.text);
  if (text === '') {
    const path = question.contexts?.[0]?.path;
    return path ? t('Code from {0}', baseName(path)) : NEW_CHAT_TITLE;
  }
  if (text.length <= TITLE_MAX_CHARS) {
    return text;
  }
  const cut = text.slice(0, TITLE_MAX_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  // A word boundary too early would leave a stub title; then cut inside the long word instead.
  const end = lastSpace >= TITLE_MAX_CHARS / 2 ? lastSpace : TITLE_MAX_CHARS;
  return `${cut.slice(0, end).replace(/[\s,.;:!?-]+$/u, '')}…`;
}

/** The history-list entry of a conversation. */
export function summarize(conversation: Conversation): ConversationSummary {
  return {
    id: conversation.id,
    title: conversation.title,
    updatedAt: conversation.updatedAt,
    ...(conversation.workspace ? { workspace: conversation.workspace } : {}),
    messageCount: conversation.messages.length,
    ...withCost(pricedTotalUsd(conversation.messages)),
  };
}

function withCost(costUsd: number | undefined): { costUsd?: number } {
  return costUsd === undefined ? {} : { costUsd };
}

function updateStreamingAnswer(conversation: Conversation, messageId: string, change: (answer: AssistantMessage) => AssistantMessage): Conversation {
  const messages = conversation.messages;
  // The streaming answer is nearly always the last message: look there first.
  let index = messages.length - 1;
  if (index < 0 || messages[index]?.id !== messageId) {
    index = messages.findIndex((m) => m.id === messageId);
  }
  const target = messages[index];
  if (!target || !isStreamingAnswer(target)) {
    return conversation;
  }
  const copy = messages.slice();
  copy[index] = change(target);
  return { ...conversation, messages: copy };
}

function isStreamingAnswer(message: ChatMessage): message is AssistantMessage {
  return message.role === 'assistant' && message.status === 'streaming';
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/u);
  return parts[parts.length - 1] || path;
}

/**
 * The conversation as a Markdown document: the title, where and when it started, then each turn under a
 * role heading with its time (UTC), code contexts as fenced blocks, the model of each answer, and a note for
 * answers that were stopped, interrupted or failed. Reasoning, when kept, is folded into a <details> block.
 */
export function toMarkdown(conversation: Conversation, imageLink?: (image: ImageRef) => string): string {
  const started = [t('Started {0}', formatTime(conversation.createdAt))];
  if (conversation.workspace) {
    started.unshift(t('Workspace: {0}', conversation.workspace));
  }
  const parts = [`# ${conversation.title}`, `_${started.join(' · ')}_`];
  for (const message of conversation.messages) {
    parts.push(message.role === 'user' ? questionToMarkdown(message, imageLink) : answerToMarkdown(message));
  }
  return `${parts.join('\n\n')}\n`;
}

function questionToMarkdown(question: UserMessage, imageLink?: (image: ImageRef) => string): string {
  const parts = [`## ${t('You')} · ${formatTime(question.createdAt)}`];
  if (question.text.trim() !== '') {
    parts.push(question.text.trim());
  }
  // Each image as a Markdown image of the file exported beside the document, or its name where there is none.
  for (const image of question.images ?? []) {
    const label = t('Image: {0} ({1}×{2})', image.name.replace(/[[\]\\]/gu, ''), image.width, image.height);
    parts.push(imageLink ? `![${label}](${imageLink(image)})` : `_${label}_`);
  }
  for (const context of question.contexts ?? []) {
    parts.push(contextToMarkdown(context));
  }
  return parts.join('\n\n');
}

function contextToMarkdown(context: CodeContext): string {
  const path = `\`${context.path}\``;
  const { startLine, endLine, truncatedAtLine, totalLines } = context;
  const label =
    truncatedAtLine === undefined
      ? t('{0}, lines {1}–{2}', path, startLine, endLine)
      : totalLines === undefined
        ? t('{0}, lines {1}–{2} (cut at line {3})', path, startLine, endLine, truncatedAtLine)
        : t('{0}, lines {1}–{2} (cut at line {3} of {4})', path, startLine, endLine, truncatedAtLine, totalLines);
  return `${label}\n\n${fenced(context.code, context.languageId)}`;
}

function answerToMarkdown(answer: AssistantMessage): string {
  const model = answer.servedModel && answer.servedModel !== answer.model ? t('{0} (served by {1})', answer.model, answer.servedModel) : answer.model;
  const parts = [`## ${t('Assistant')} · ${model} · ${formatTime(answer.createdAt)}`];
  if (answer.reasoning && answer.reasoning.trim() !== '') {
    parts.push(`<details><summary>${t('Reasoning')}</summary>\n\n${answer.reasoning.trim()}\n\n</details>`);
  }
  if (answer.text.trim() !== '') {
    parts.push(answer.text.trim());
  }
  const note = statusNote(answer);
  if (note) {
    parts.push(`_${note}_`);
  }
  return parts.join('\n\n');
}

function statusNote(answer: AssistantMessage): string | undefined {
  switch (answer.status) {
    case 'stopped':
      return t('Stopped before the answer was complete.');
    case 'interrupted':
      return t('Interrupted: the window closed before the answer was complete.');
    case 'streaming':
      return t('Still being written when exported.');
    case 'error': {
      const message = answer.error?.message ?? t('the request did not complete.');
      return answer.error?.requestId ? t('Failed: {0} (request id {1})', message, answer.error.requestId) : t('Failed: {0}', message);
    }
    case 'done':
      return undefined;
  }
}

/** A code fence longer than any run of backticks inside the code, so the code cannot close it early. */
function fenced(code: string, languageId: string): string {
  const longestRun = Math.max(0, ...Array.from(code.matchAll(/`+/gu), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const language = languageId.replace(/[^\w+#.-]/gu, '');
  return `${fence}${language}\n${code.replace(/\n$/u, '')}\n${fence}`;
}

/** "2025-03-04 15:06 UTC": readable, and the same whatever the exporting machine's time zone. */
function formatTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
