// DOMPurify has the final say on every HTML string before it touches the DOM. Model output is hostile:
// the allow-lists below admit only inert formatting, and the result is used as a DOM fragment (never
// re-serialised and re-parsed, which is where mutation XSS lives).
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { replaceImageWithPlaceholder } from './imagePlaceholder';

/** The window whose DOM the markdown goes into: the webview's own, or jsdom's in tests. */
export type BrowserWindow = Window & typeof globalThis;

// No rp: browsers hide it wherever it stands. Removed, its text stays and shows.
const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  'rt',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
];

/** No style, no event handlers, no src/srcset/background/action/formaction: nothing that runs or loads. */
const ALLOWED_ATTR = ['href', 'title', 'class', 'align', 'start', 'reversed', 'colspan', 'rowspan', 'scope', 'open', 'id'];

/** Attributes that are plain words, not URLs; everything else is checked against ALLOWED_URI_REGEXP. */
const PLAIN_VALUE_ATTR = ['align', 'start', 'reversed', 'colspan', 'rowspan', 'scope', 'open'];

/** Links: web pages, mail and in-page anchors only. Relative paths mean nothing in a webview. */
const SAFE_URL = /^(?:https?:|mailto:|#)/i;

/**
 * Classes that markdown, highlight.js and our placeholders produce. Anything else is dropped, so model HTML
 * cannot dress itself up as the UI's own controls (e.g. `class="code-action"`).
 */
const ALLOWED_CLASS = /^(?:language-[\w+#.-]{1,40}|hljs(?:-[\w-]{1,40})?|[a-z]{1,20}_{1,2}|md-[a-z-]{1,30}|codicon(?:-[a-z-]{1,40})?)$/;

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ADD_URI_SAFE_ATTR: PLAIN_VALUE_ATTR,
  ALLOWED_URI_REGEXP: SAFE_URL,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  SAFE_FOR_TEMPLATES: false,
  // Prefixes id/name with "user-content-" so model HTML cannot clobber the UI's own ids or globals.
  SANITIZE_NAMED_PROPS: true,
  WHOLE_DOCUMENT: false,
  KEEP_CONTENT: true,
  IN_PLACE: true,
};

function filterClassAttribute(value: string): string {
  return value
    .split(/\s+/)
    .filter((name) => ALLOWED_CLASS.test(name))
    .join(' ');
}

function createSanitizer(window: BrowserWindow): DOMPurify {
  const purify = createDOMPurify(window);
  // Hooks that see every node but do not edit DOMPurify's allow-lists (the upon* hooks make it copy them on
  // every call, which costs more than the rest of a small sanitise).
  purify.addHook('beforeSanitizeElements', (node) => {
    if (node.nodeName === 'IMG') {
      replaceImageWithPlaceholder(node as Element);
    }
  });
  purify.addHook('afterSanitizeAttributes', (element) => {
    const value = element.getAttribute('class');
    if (value !== null) {
      const allowed = filterClassAttribute(value);
      if (allowed) {
        element.setAttribute('class', allowed);
      } else {
        element.removeAttribute('class');
      }
    }
  });
  return purify;
}

const sanitizers = new WeakMap<BrowserWindow, DOMPurify>();

function sanitizerFor(window: BrowserWindow): DOMPurify {
  let purify = sanitizers.get(window);
  if (!purify) {
    purify = createSanitizer(window);
    // The configuration is parsed once; every call sanitises in place (see sanitizeHtmlParts).
    purify.setConfig(CONFIG);
    sanitizers.set(window, purify);
  }
  return purify;
}

interface InertDocument {
  readonly document: Document;
  uses: number;
}

/**
 * A fresh inert document every so many renders. Documents keep some bookkeeping per parse (jsdom, which the
 * tests run in, keeps every NodeIterator DOMPurify creates until a full GC and walks them all on every node
 * removal); a bounded lifetime keeps that cost flat. Creating a document is cheap next to 50 renders.
 */
const INERT_DOCUMENT_USES = 50;
const inertDocuments = new WeakMap<BrowserWindow, InertDocument>();

/** A document without a browsing context: markup parsed into it cannot run scripts or load anything. */
function inertDocumentFor(window: BrowserWindow): Document {
  let inert = inertDocuments.get(window);
  if (!inert || inert.uses >= INERT_DOCUMENT_USES) {
    inert = { document: window.document.implementation.createHTMLDocument(''), uses: 0 };
    inertDocuments.set(window, inert);
  }
  inert.uses++;
  return inert.document;
}

/**
 * Sanitises HTML strings, each into its own holder element (owned by the window's document) whose children
 * are ready to move into the page. Each string is parsed on its own (an unclosed tag in one cannot reach
 * into the next) inside an inert document; DOMPurify then cleans all of them in place in one pass, and
 * only then does the tree (never a re-serialised string, which is where mutation XSS lives) move into the
 * page's document.
 */
export function sanitizeHtmlParts(parts: readonly string[], window: BrowserWindow): HTMLElement[] {
  const inert = inertDocumentFor(window);
  const root = inert.createElement('div');
  const holders = parts.map((html) => {
    const holder = inert.createElement('div');
    holder.innerHTML = html;
    return holder;
  });
  root.append(...holders);
  sanitizerFor(window).sanitize(root); // in place: IN_PLACE is part of the set configuration
  window.document.adoptNode(root);
  return holders;
}
