// The chat webview, seen from outside: the selectors agreed with the webview's authors (the contract) and
// the few waits every chat test needs. The webview is two iframes deep inside the workbench.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { runCommand, showViewContainer } from './workbench';
import { pollUntil } from '../poll';

export const selectors = {
  prompt: 'textarea#prompt-input',
  stopButton: 'button#stop-button',
  assistant: '.message.assistant',
  errorCard: '.error-card',
  setApiKeyAction: '[data-error-action="setApiKey"]',
  codeBlock: '.code-block',
  copyCode: '[data-code-action="copy"]',
} as const;

export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Opens the CometAPI view from the activity bar and waits until its input is usable. */
export async function openChat(page: Page): Promise<FrameLocator> {
  await showViewContainer(page, 'CometAPI');
  const frame = chatFrame(page);
  await frame.locator(selectors.prompt).waitFor({ timeout: 30_000 });
  return frame;
}

/** An empty conversation, through the command a person would use. */
export async function newChat(page: Page): Promise<FrameLocator> {
  await openChat(page);
  await runCommand(page, 'CometAPI: New Chat');
  const frame = chatFrame(page);
  await frame.locator(selectors.assistant).first().waitFor({ state: 'detached' });
  return frame;
}

/** Types a question and presses Enter; resolves with the answer that this question started. */
export async function ask(frame: FrameLocator, question: string): Promise<Locator> {
  const answersBefore = await frame.locator(selectors.assistant).count();
  const prompt = frame.locator(selectors.prompt);
  await prompt.fill(question);
  await prompt.press('Enter');
  const answer = frame.locator(selectors.assistant).nth(answersBefore);
  await answer.waitFor();
  return answer;
}

/** Waits until the answer left the streaming state and returns the state it ended in. */
export async function waitForAnswerEnd(answer: Locator, timeoutMs = 30_000): Promise<string> {
  return pollFor(
    `the answer to finish streaming`,
    async () => {
      const status = await answer.getAttribute('data-status');
      return status && status !== 'streaming' ? status : undefined;
    },
    timeoutMs,
  );
}

/** Polls `probe` (which may read the page) until it returns a value; the message names what never came. */
export function pollFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  return pollUntil(what, probe, timeoutMs);
}
