// What an empty conversation shows: the first step for someone new (set a key, and where to get one), or,
// once a key is set, how to ask and a few example prompts that fill the input.
import { el } from './dom';
import { errorActionButton } from './errorCard';
import { t } from '../../shared/l10n';

/** In the person's language: an example fills the input as if they had typed it. */
export function examplePrompts(): readonly string[] {
  return [
    t('Explain the difference between a Promise and an async function'),
    t('Write a regular expression that matches ISO 8601 dates'),
    t('How do I find what is slowing down my Node.js app?'),
  ];
}

export const API_KEY_CONSOLE_URL = 'https://www.cometapi.com/';

/** The sentence with the link where its {0} is, so each language places the link where its grammar wants it. */
function withLink(sentence: string, link: HTMLElement): (string | Node)[] {
  const at = sentence.indexOf('{0}');
  return at < 0 ? [sentence, ' ', link] : [sentence.slice(0, at), link, sentence.slice(at + 3)];
}

function isMac(doc: Document): boolean {
  return /Mac/i.test(doc.defaultView?.navigator.userAgent ?? '');
}

export function renderEmptyState(doc: Document, hasApiKey: boolean, onExample: (prompt: string) => void): HTMLElement {
  const title = el(doc, 'h2', { className: 'empty-state-title', text: t('Chat with CometAPI') });
  if (!hasApiKey) {
    const link = el(doc, 'a', { text: 'cometapi.com', attrs: { href: API_KEY_CONSOLE_URL } });
    return el(doc, 'div', { className: 'empty-state' }, [
      title,
      el(doc, 'p', { text: t('Add your CometAPI API key to start. It is kept in VS Code’s secret storage.') }),
      errorActionButton(doc, 'setApiKey', 'primary-button'),
      el(doc, 'p', { className: 'empty-state-note' }, withLink(t('No key yet? Create one in the console at {0}.'), link)),
    ]);
  }
  const shortcut = isMac(doc) ? 'Cmd+Alt+E' : 'Ctrl+Alt+E';
  const examples = examplePrompts().map((prompt) => {
    const example = el(doc, 'button', { className: 'example-prompt', text: prompt, attrs: { type: 'button' } });
    example.addEventListener('click', () => onExample(prompt));
    return example;
  });
  return el(doc, 'div', { className: 'empty-state' }, [
    title,
    el(doc, 'p', { text: t('Ask anything, or select code and press {0} to explain it.', shortcut) }),
    el(doc, 'div', { className: 'example-prompts', attrs: { role: 'group', 'aria-label': t('Example prompts') } }, examples),
  ]);
}
