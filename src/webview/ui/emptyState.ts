// What an empty conversation shows: the first step for someone new (set a key, and where to get one), or,
// once a key is set, how to ask and a few example prompts that fill the input.
import { el } from './dom';
import { errorActionButton } from './errorCard';

export const EXAMPLE_PROMPTS: readonly string[] = [
  'Explain the difference between a Promise and an async function',
  'Write a regular expression that matches ISO 8601 dates',
  'How do I find what is slowing down my Node.js app?',
];

export const API_KEY_CONSOLE_URL = 'https://www.cometapi.com/';

function isMac(doc: Document): boolean {
  return /Mac/i.test(doc.defaultView?.navigator.userAgent ?? '');
}

export function renderEmptyState(doc: Document, hasApiKey: boolean, onExample: (prompt: string) => void): HTMLElement {
  const title = el(doc, 'h2', { className: 'empty-state-title', text: 'Chat with CometAPI' });
  if (!hasApiKey) {
    const link = el(doc, 'a', { text: 'cometapi.com', attrs: { href: API_KEY_CONSOLE_URL } });
    return el(doc, 'div', { className: 'empty-state' }, [
      title,
      el(doc, 'p', { text: 'Add your CometAPI API key to start. It is kept in VS Code’s secret storage.' }),
      errorActionButton(doc, 'setApiKey', 'primary-button'),
      el(doc, 'p', { className: 'empty-state-note' }, ['No key yet? Create one in the console at ', link, '.']),
    ]);
  }
  const shortcut = isMac(doc) ? 'Cmd+Alt+E' : 'Ctrl+Alt+E';
  const examples = EXAMPLE_PROMPTS.map((prompt) => {
    const example = el(doc, 'button', { className: 'example-prompt', text: prompt, attrs: { type: 'button' } });
    example.addEventListener('click', () => onExample(prompt));
    return example;
  });
  return el(doc, 'div', { className: 'empty-state' }, [
    title,
    el(doc, 'p', { text: `Ask anything, or select code and press ${shortcut} to explain it.` }),
    el(doc, 'div', { className: 'example-prompts', attrs: { role: 'group', 'aria-label': 'Example prompts' } }, examples),
  ]);
}
