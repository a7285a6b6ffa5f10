// What the mock CometAPI says: reply texts built from the request (so a test or a person can check that
// the right conversation arrived), the served model id and token counts.
import type { JsonObject } from './mockCometWire';
import { imagesInRequest, imagesLine } from './mockCometImages';

export interface ConversationFacts {
  /** Number of user messages in the request: the "Turn N" line. */
  readonly userTurns: number;
  /** Text of the last user message (parts joined), for the echo line and `scenario:<name>` tokens. */
  readonly lastUserText: string;
  /** Characters of all input, for a rough prompt token count. */
  readonly inputChars: number;
  /** "Images received: …" when the request carried images (mockCometImages.ts). */
  readonly imagesLine?: string;
  /** Whether the last user message itself carries images (not only an earlier one in the history). */
  readonly lastUserHasImages?: boolean;
}

function textOfContent(content: unknown): string {
  if (typeof content === 'string') {
    return content;
  }
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) => {
        const record = part as JsonObject | null;
        return typeof record?.text === 'string' ? record.text : '';
      })
      .join('');
  }
  return '';
}

function factsOfMessages(messages: readonly unknown[]): ConversationFacts {
  let userTurns = 0;
  let lastUserText = '';
  let inputChars = 0;
  let lastUserHasImages = false;
  for (const message of messages) {
    const record = message as JsonObject | null;
    const text = textOfContent(record?.content);
    inputChars += text.length;
    if (record?.role === 'user') {
      userTurns += 1;
      lastUserText = text;
      lastUserHasImages = imagesInRequest({ messages: [record] }).length > 0;
    }
  }
  return { userTurns, lastUserText, inputChars, ...(lastUserHasImages ? { lastUserHasImages } : {}) };
}

/** Reads chat `messages` or Responses `input` (a string or a list of messages). */
export function conversationFacts(body: JsonObject): ConversationFacts {
  const images = imagesLine(imagesInRequest(body));
  if (images !== undefined && (Array.isArray(body.messages) || Array.isArray(body.input))) {
    return { ...factsOfMessages((body.messages ?? body.input) as unknown[]), imagesLine: images };
  }
  if (Array.isArray(body.messages)) {
    return factsOfMessages(body.messages);
  }
  if (typeof body.input === 'string') {
    return { userTurns: 1, lastUserText: body.input, inputChars: body.input.length };
  }
  if (Array.isArray(body.input)) {
    return factsOfMessages(body.input);
  }
  return { userTurns: 0, lastUserText: '', inputChars: 0 };
}

/** The answer every normal scenario streams: markdown with a heading, a list and a fenced code block. */
export function markdownReply(facts: ConversationFacts): string {
  return [
    '## Answer from the mock',
    '',
    `Turn ${facts.userTurns}`,
    '',
    // First line only: echoing attached code would open a fence and swallow the rest of the reply.
    `You said: ${(facts.lastUserText.split('\n')[0] ?? '').slice(0, 200)}`,
    '',
    ...(facts.imagesLine !== undefined ? [facts.imagesLine, ''] : []),
    'Here is what to know:',
    '',
    '- the first point, with `inline code`',
    '- the second point, in **bold**',
    '- the third point',
    '',
    '```ts',
    'function add(a: number, b: number): number {',
    '  return a + b;',
    '}',
    '```',
    '',
    'That is all.',
  ].join('\n');
}

/** A long answer for Stop tests: the markdown reply followed by numbered paragraphs. */
export function longReply(facts: ConversationFacts, paragraphs: number): string {
  const extra: string[] = [];
  for (let index = 1; index <= paragraphs; index += 1) {
    extra.push(`Paragraph ${index}: the mock keeps talking slowly so there is time to press Stop.`);
  }
  return `${markdownReply(facts)}\n\n${extra.join('\n\n')}`;
}

export const REASONING_TEXT = 'The person wants a short answer. I will check the numbers first, then reply.';

/** Text with two-, three- and four-byte UTF-8 characters, so byte splits land inside characters. */
export const MULTIBYTE_TEXT = 'Grüße aus Köln — 你好，世界！ Emoji: 🚀🎉👩‍💻 ñandú, Ωμέγα, العربية, 日本語のテキスト.';

/** CometAPI often answers with a dated snapshot of the requested id. */
const SNAPSHOTS: Readonly<Record<string, string>> = {
  'gpt-4.1': 'gpt-4.1-2025-04-14',
  'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
  'gpt-5': 'gpt-5-2025-08-07',
  'gpt-5-mini': 'gpt-5-mini-2025-08-07',
  'o4-mini': 'o4-mini-2025-04-16',
  'o3-pro': 'o3-pro-2025-06-10',
  'gpt-4o': 'gpt-4o-2024-08-06',
};

export function servedModelFor(requested: unknown): string {
  const id = typeof requested === 'string' && requested !== '' ? requested : 'unknown-model';
  return SNAPSHOTS[id] ?? id;
}

/** Rough token count (about four characters per token), enough for usage numbers that look real. */
export function approxTokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / 4));
}
