// Turns every rendered `<pre><code>` into the chat's code block: a toolbar (language + action buttons) above
// the code. Built with DOM APIs after sanitising, so nothing here ever passes through an HTML string.
import type { CodeBlockAction } from '../../shared/protocol';

export interface CodeBlockButton {
  readonly action: 'copy' | CodeBlockAction;
  readonly label: string;
  /** A codicon name without the prefix, e.g. 'copy'. */
  readonly codicon: string;
}

const LANGUAGE_CLASS = /(?:^|\s)language-(\S+)/;

/** The fence's language as marked put it in the code element's class; '' when there was none. */
export function languageOf(code: Element): string {
  return LANGUAGE_CLASS.exec(code.className)?.[1] ?? '';
}

function createButton(doc: Document, button: CodeBlockButton): HTMLButtonElement {
  const element = doc.createElement('button');
  element.type = 'button';
  element.className = 'code-action';
  element.dataset.codeAction = button.action;
  element.title = button.label;
  element.setAttribute('aria-label', button.label);
  const icon = doc.createElement('span');
  icon.className = `codicon codicon-${button.codicon}`;
  icon.setAttribute('aria-hidden', 'true');
  // Visible text too: the webview may not load the codicon font, and an icon-only button would then be
  // blank. The label also matches the accessible name, as voice control expects.
  const text = doc.createElement('span');
  text.className = 'code-action-label';
  text.textContent = button.label;
  element.append(icon, text);
  return element;
}

function createToolbar(doc: Document, language: string, buttons: readonly CodeBlockButton[]): HTMLDivElement {
  const toolbar = doc.createElement('div');
  toolbar.className = 'code-toolbar';
  const label = doc.createElement('span');
  label.className = 'code-language';
  label.textContent = language || 'text';
  toolbar.append(label, ...buttons.map((button) => createButton(doc, button)));
  return toolbar;
}

const SHOW_ELEMENT_AND_TEXT = 0x1 | 0x4;

/** Every character `pre` holds, in document order, with `<br>` as a line break. Iterative: nesting is unbounded. */
function plainTextOf(pre: Element, doc: Document): string {
  let text = '';
  const walker = doc.createTreeWalker(pre, SHOW_ELEMENT_AND_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 3) {
      text += (node as Text).data;
    } else if ((node as Element).localName === 'br') {
      text += '\n';
    }
  }
  return text;
}

/**
 * Code actions take the code element's text, so the block must show exactly that text and nothing else. Model
 * HTML inside a `pre` can lay its text out otherwise: hide part of it (rp, a closed details), put some outside
 * the code element, or break lines with `<br>` that the text does not contain. Reduced to one text node, every
 * character is shown as it is and Copy takes what was shown; highlighting later only wraps that text in spans.
 */
function flattenToText(pre: Element, code: Element, doc: Document): void {
  const only = code.firstChild;
  const plain = pre.childNodes.length === 1 && (only === null || (only.nodeType === 3 && only.nextSibling === null));
  // What markdown fences produce (already plain, "\n" line endings) is left as it is.
  if (plain && !(only as Text | null)?.data.includes('\r')) {
    return;
  }
  // A carriage return (`&#13;` in model HTML) pasted into a terminal moves the cursor back, so the line after
  // it can hide the command before it: it becomes a plain line break, shown and copied alike.
  const text = plainTextOf(pre, doc).replace(/\r\n?/g, '\n');
  code.replaceChildren(doc.createTextNode(text));
  pre.replaceChildren(code);
}

/** Wraps each bare `pre > code` under `root` in a code block with its toolbar. */
export function decorateCodeBlocks(root: Element, doc: Document, buttons: readonly CodeBlockButton[]): void {
  for (const code of Array.from(root.querySelectorAll('pre > code'))) {
    const pre = code.parentElement;
    // A pre nested in one flattened before it is gone from `root`.
    if (!pre || !root.contains(pre) || pre.parentElement?.classList.contains('code-block')) {
      continue;
    }
    flattenToText(pre, code, doc);
    const language = languageOf(code);
    // highlight.js's theme hook first, as in `<code class="hljs language-ts">`.
    code.className = ['hljs', ...Array.from(code.classList).filter((name) => name !== 'hljs')].join(' ');
    const block = doc.createElement('div');
    block.className = 'code-block';
    block.dataset.language = language;
    pre.replaceWith(block);
    block.append(createToolbar(doc, language, buttons), pre);
  }
}

/** The code element of a code block, or null when `node` is not one. */
export function codeOfBlock(node: Node): HTMLElement | null {
  if (node.nodeType !== 1 || !(node as Element).classList.contains('code-block')) {
    return null;
  }
  return (node as Element).querySelector<HTMLElement>(':scope > pre > code');
}
