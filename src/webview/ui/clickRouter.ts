// One delegated click handler for everything rendered in bulk: code block toolbars (markdown output),
// links, error-card actions, copy and retry buttons. Links never navigate the webview; only web and mail
// links are passed to the host, which checks them again before opening.
import type { ErrorAction } from '../../shared/conversation';
import { CODE_BLOCK_ACTIONS, type CodeBlockAction, type WebviewToHost } from '../../shared/protocol';
import { DisposableStore, type IDisposable } from '../../shared/disposable';
import { asElement, listen } from './dom';
import { ERROR_ACTION_LABELS } from './errorCard';
import { t } from '../../shared/l10n';
import { safeExternalUrl } from '../../shared/externalLinks';

export interface ClickRouterDeps {
  readonly post: (message: WebviewToHost) => void;
  /** The markdown source of an answer, for "Copy answer". */
  readonly answerText: (messageId: string) => string | undefined;
  readonly setTimeout: (cb: () => void, ms: number) => unknown;
}

const codeBlockActions: ReadonlySet<string> = new Set(CODE_BLOCK_ACTIONS);
const FEEDBACK_MS = 1500;

function messageIdOf(element: Element): string | undefined {
  return element.closest<HTMLElement>('.message.assistant')?.dataset.messageId;
}

/** Listens on `root` (the app's mount point, which outlives the app); disposing the result stops routing. */
export function installClickRouter(root: HTMLElement, deps: ClickRouterDeps): IDisposable {
  const listeners = new DisposableStore();
  const copyWithFeedback = (trigger: Element, text: string) => {
    deps.post({ type: 'copy', text });
    trigger.setAttribute('data-feedback', t('Copied'));
    deps.setTimeout(() => trigger.removeAttribute('data-feedback'), FEEDBACK_MS);
  };

  listeners.add(
    listen(root, 'click', (event) => {
      const target = asElement(event.target);
      if (!target) {
        return;
      }
      const link = target.closest('a[href]');
      if (link) {
        event.preventDefault();
        const href = safeExternalUrl(link.getAttribute('href') ?? '');
        if (href) {
          deps.post({ type: 'openLink', href });
        }
        return;
      }

      const codeAction = target.closest('[data-code-action]');
      if (codeAction) {
        const block = codeAction.closest<HTMLElement>('.code-block');
        const code = block?.querySelector('pre code')?.textContent ?? '';
        const action = codeAction.getAttribute('data-code-action') ?? '';
        if (action === 'copy') {
          copyWithFeedback(codeAction, code);
        } else if (codeBlockActions.has(action)) {
          deps.post({
            type: 'codeAction',
            action: action as CodeBlockAction,
            code,
            language: block?.dataset.language ?? '',
            messageId: messageIdOf(codeAction) ?? '',
          });
        }
        return;
      }

      const errorAction = target.closest('[data-error-action]');
      if (errorAction) {
        const action = errorAction.getAttribute('data-error-action') ?? '';
        const messageId = messageIdOf(errorAction);
        if (action === 'retry' && messageId) {
          deps.post({ type: 'retry', messageId });
        } else if (Object.prototype.hasOwnProperty.call(ERROR_ACTION_LABELS, action)) {
          deps.post({ type: 'runAction', action: action as ErrorAction });
        }
        return;
      }

      const copyText = target.closest('[data-copy-text]');
      if (copyText) {
        copyWithFeedback(copyText, copyText.getAttribute('data-copy-text') ?? '');
        return;
      }

      const answerButton = target.closest('.copy-answer-button, .retry-button');
      const messageId = answerButton ? messageIdOf(answerButton) : undefined;
      if (answerButton && messageId) {
        if (answerButton.classList.contains('retry-button')) {
          deps.post({ type: 'retry', messageId });
        } else {
          copyWithFeedback(answerButton, deps.answerText(messageId) ?? '');
        }
      }
    }),
  );

  // Middle-click and friends must not open links behind the host's back either.
  listeners.add(
    listen(root, 'auxclick', (event) => {
      if (asElement(event.target)?.closest('a[href]')) {
        event.preventDefault();
      }
    }),
  );
  return listeners;
}
