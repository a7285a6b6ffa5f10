// The Compare Models panel's page: the question once at the top, then one column per model side by side. It is
// built when the host's first `compareState` arrives (in the display language it names) and rebuilt from any
// later one (a reload); deltas and ends go to their column. Links and Copy go to the host, which checks them.
import { type ComparePanelState, type CompareToHost, type HostToCompare, parseHostToCompare } from '../../shared/compareProtocol';
import { DisposableStore } from '../../shared/disposable';
import { safeExternalUrl } from '../../shared/externalLinks';
import { t } from '../../shared/l10n';
import { assertNever } from '../../shared/protocol';
import { asElement, el, listen } from '../ui/dom';
import { formatNumber, installWebviewL10n } from '../ui/localization';
import type { MarkdownRenderer } from '../ui/markdownPort';
import { CompareColumnView } from './compareColumnView';

export interface CompareAppDeps {
  readonly post: (message: CompareToHost) => void;
  /** Keeps what VS Code needs to bring the panel back after a reload (vscode.setState). */
  readonly saveState?: (state: ComparePanelState) => void;
  readonly markdown: MarkdownRenderer;
  readonly requestFrame?: (cb: () => void) => number;
}

type CompareState = Extract<HostToCompare, { type: 'compareState' }>;

export class CompareApp {
  private readonly listeners = new DisposableStore();
  private columns: CompareColumnView[] = [];
  private readonly question: HTMLElement;
  private readonly attachments: HTMLElement;
  private readonly saved: HTMLElement;
  private readonly grid: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly deps: CompareAppDeps,
  ) {
    const doc = root.ownerDocument;
    this.question = el(doc, 'p', { className: 'compare-question' });
    this.attachments = el(doc, 'span', { className: 'compare-attachments' });
    this.saved = el(doc, 'span', { className: 'compare-saved', attrs: { role: 'status' } });
    this.grid = el(doc, 'div', { className: 'compare-grid' });
    root.replaceChildren(
      el(doc, 'header', { className: 'compare-header' }, [this.question, el(doc, 'p', { className: 'compare-meta' }, [this.attachments, this.saved])]),
      this.grid,
    );
    this.listeners.add(listen(root, 'click', (event) => this.click(event)));
  }

  handleMessage(data: unknown): void {
    const parsed = parseHostToCompare(data);
    if (!parsed.ok) {
      return;
    }
    const message = parsed.value;
    switch (message.type) {
      case 'compareState':
        this.render(message);
        return;
      case 'compareDelta':
        this.columns[message.column]?.append(message.text);
        return;
      case 'compareEnded':
        this.columns[message.column]?.end(message);
        return;
      case 'compareSaved':
        this.saved.textContent = t('Kept in the chat history');
        return;
      default:
        assertNever(message);
    }
  }

  private render(state: CompareState): void {
    if (state.l10n) {
      installWebviewL10n(state.l10n);
      this.root.ownerDocument.documentElement.setAttribute('lang', state.l10n.locale);
    }
    this.root.classList.toggle('costs-hidden', !state.showCost);
    this.question.textContent = state.question.trim() === '' ? t('(attachments only)') : state.question;
    this.attachments.textContent =
      state.contextCount === 0 ? '' : state.contextCount === 1 ? t('with 1 attachment') : t('with {0} attachments', formatNumber(state.contextCount));
    this.saved.textContent = state.savedToHistory ? t('Kept in the chat history') : '';
    if (state.historyId !== undefined) {
      this.deps.saveState?.({ historyId: state.historyId });
    }
    for (const column of this.columns) {
      column.dispose();
    }
    const doc = this.root.ownerDocument;
    this.columns = state.columns.map(
      (column, index) =>
        new CompareColumnView(doc, column.model, {
          markdown: this.deps.markdown,
          ...(this.deps.requestFrame ? { requestFrame: this.deps.requestFrame } : {}),
          stop: () => this.deps.post({ type: 'stop', column: index }),
          continueWith: () => this.deps.post({ type: 'continueWith', column: index }),
        }),
    );
    this.grid.dataset.columns = String(this.columns.length);
    this.grid.replaceChildren(...this.columns.map((column) => column.element));
    state.columns.forEach((column, index) => this.columns[index]?.show(column));
  }

  private click(event: MouseEvent): void {
    const target = asElement(event.target);
    const link = target?.closest('a[href]');
    if (link) {
      event.preventDefault();
      const href = safeExternalUrl(link.getAttribute('href') ?? '');
      if (href) {
        this.deps.post({ type: 'openLink', href });
      }
      return;
    }
    const copy = target?.closest('[data-code-action="copy"]');
    if (copy) {
      const code = copy.closest('.code-block')?.querySelector('pre code')?.textContent ?? '';
      this.deps.post({ type: 'copy', text: code });
      copy.setAttribute('data-feedback', t('Copied'));
      setTimeout(() => copy.removeAttribute('data-feedback'), 1500);
    }
  }
}
