// Answers of the mock CometAPI in demo mode (`npm start`): what a newcomer sees before they have a key, so
// they show what the chat renders (headings, a table, highlighted code in two languages, reasoning) and say
// plainly that a local stand-in wrote them. Tests keep the plain replies of mockCometReplies.ts.
import type { ConversationFacts } from './mockCometReplies';

/** Models that think before they answer on CometAPI: their demo answers stream reasoning first. */
const REASONING_MODELS = /^(o\d+(-|$)|gpt-5(\b|\.)(?!.*-chat)|deepseek-r1|deepseek-reasoner|.*-thinking$)/;

export function isDemoReasoningModel(model: unknown): boolean {
  return typeof model === 'string' && REASONING_MODELS.test(model);
}

export const DEMO_REASONING_TEXT =
  'The question came with context, so I will restate what it asks, pick the two or three facts that matter, ' +
  'and show a small example in code before summing up in a table.';

/** The first line of the question, cut short: enough to show the right question arrived. */
function questionLine(facts: ConversationFacts): string {
  const line = (facts.lastUserText.split('\n').find((text) => text.trim() !== '') ?? '').trim();
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/** Explain Selection and friends send fenced code: answer as an explanation of it. */
function asksAboutCode(facts: ConversationFacts): boolean {
  return /```/.test(facts.lastUserText);
}

const STAND_IN_NOTE =
  '> This answer comes from the **local stand-in** that `npm start` runs, not from CometAPI. ' +
  'Run `npm start -- --real` and set your own key to talk to real models.';

function explainCodeReply(facts: ConversationFacts): string {
  return [
    '### What this code does',
    '',
    `You asked: *${questionLine(facts)}*`,
    '',
    'It walks over its input once, keeps a running result, and returns it at the end. Three things to notice:',
    '',
    '1. **One pass**: the loop touches every item exactly once, so the cost grows linearly.',
    '2. **A hidden rule**: the discount applies only above a threshold, which is easy to miss when reading the call site.',
    '3. **Rounding** happens per line, not on the total, so totals can differ by a cent from a spreadsheet.',
    '',
    'A version that makes the rule explicit and testable:',
    '',
    '```ts',
    'const DISCOUNT_THRESHOLD_CENTS = 5000;',
    '',
    'export function lineAmount(unitPrice: number, quantity: number, discountPercent: number): number {',
    '  const amount = unitPrice * quantity;',
    '  return amount > DISCOUNT_THRESHOLD_CENTS ? Math.round(amount * (1 - discountPercent / 100)) : amount;',
    '}',
    '```',
    '',
    '| Aspect | Before | After |',
    '|---|---|---|',
    '| Threshold | magic number `5000` | named constant |',
    '| Testable unit | whole cart | one line |',
    '| Rounding | per line | per line (unchanged) |',
    '',
    STAND_IN_NOTE,
  ].join('\n');
}

function generalReply(facts: ConversationFacts): string {
  return [
    '### Here is an overview',
    '',
    `You asked: *${questionLine(facts)}* (turn ${facts.userTurns} of this conversation).`,
    '',
    'A good answer to most programming questions has the same parts: **what** to do, **why**, and a short example.',
    'The example in TypeScript:',
    '',
    '```ts',
    'async function fetchJson<T>(url: string, timeoutMs = 5000): Promise<T> {',
    '  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });',
    '  if (!response.ok) throw new Error(`${url} answered ${response.status}`);',
    '  return (await response.json()) as T;',
    '}',
    '```',
    '',
    'And the same idea in Python:',
    '',
    '```python',
    'import json, urllib.request',
    '',
    'def fetch_json(url, timeout=5):',
    '    with urllib.request.urlopen(url, timeout=timeout) as response:',
    '        return json.load(response)',
    '```',
    '',
    '| Language | Timeout | Error on 4xx/5xx |',
    '|---|---|---|',
    '| TypeScript | `AbortSignal.timeout` | checked by hand |',
    '| Python | `timeout=` argument | raised by `urlopen` |',
    '',
    'Use **Insert at Cursor** or **New File** on a code block to take it into the editor.',
    '',
    STAND_IN_NOTE,
  ].join('\n');
}

/** A question with pictures: the stand-in cannot see, so it says what arrived (and that it arrived whole). */
function imagesReply(facts: ConversationFacts, imagesLine: string): string {
  return [
    '### What the stand-in received',
    '',
    `You asked: *${questionLine(facts)}*`,
    '',
    `${imagesLine}.`,
    '',
    'A real vision model would describe the picture here. The stand-in can only tell you that it reached the model',
    'whole, after the chat scaled it to at most 2048 px and 4 MB.',
    '',
    STAND_IN_NOTE,
  ].join('\n');
}

/** "Fix with CometAPI" on the demo workspace's deliberate mistake (src/checkout.ts: a number kept in a string). */
function asksToFixDemoMistake(facts: ConversationFacts): boolean {
  return /^Fix this problem reported on line \d+ of src\/checkout\.ts:/u.test(facts.lastUserText) && /error 2322/u.test(facts.lastUserText);
}

function demoFixReply(): string {
  return [
    '```ts',
    '  const total: number = cartTotal(lines);',
    '```',
    '',
    '`cartTotal` returns the total in cents as a **number**, and `formatCents` takes a number too, so `total` must be',
    'a `number`, not a `string`. **Replace Selection** on the block above puts it in place of the line with the error.',
    '',
    STAND_IN_NOTE,
  ].join('\n');
}

/**
 * The demo answer to the last question: what arrived when pictures came with it, the fix of the demo's own
 * mistake, an explanation when code was attached, an overview otherwise.
 */
export function demoReply(facts: ConversationFacts): string {
  // Pictures sent with an earlier question are in the history of every later one; only this question's count.
  if (facts.imagesLine && facts.lastUserHasImages) {
    return imagesReply(facts, facts.imagesLine);
  }
  if (asksToFixDemoMistake(facts)) {
    return demoFixReply();
  }
  return asksAboutCode(facts) ? explainCodeReply(facts) : generalReply(facts);
}
