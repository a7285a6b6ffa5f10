// What a failed answer shows: the plain sentence from core's classification, the request id to quote to
// support, and one button per fix the host offers.
import type { ChatErrorInfo, ErrorAction } from '../../shared/conversation';
import { button, el } from './dom';
import { icon } from './icons';
import { t } from '../../shared/l10n';

/** One label function per action so each label is a whole key for the translator. */
export const ERROR_ACTION_LABELS: Readonly<Record<ErrorAction, () => string>> = {
  setApiKey: () => t('Set API Key'),
  selectModel: () => t('Pick a Model'),
  retry: () => t('Retry'),
  openSettings: () => t('Open Settings'),
  useChatEndpoint: () => t('Use Chat Completions for Claude'),
};

function isErrorAction(value: string): value is ErrorAction {
  return Object.prototype.hasOwnProperty.call(ERROR_ACTION_LABELS, value);
}

/** A button the click router turns into `runAction` (or `retry` inside an answer). */
export function errorActionButton(doc: Document, action: ErrorAction, className = 'secondary-button'): HTMLButtonElement {
  return el(doc, 'button', { className, text: ERROR_ACTION_LABELS[action](), attrs: { type: 'button', 'data-error-action': action } });
}

export function renderErrorCard(doc: Document, error: ChatErrorInfo): HTMLElement {
  const card = el(doc, 'div', { className: 'error-card', attrs: { role: 'alert' } }, [el(doc, 'div', { className: 'error-message', text: error.message })]);
  if (error.requestId) {
    const copy = button(doc, t('Copy request ID'), { className: 'icon-button copy-request-id', attrs: { 'data-copy-text': error.requestId } }, [
      icon(doc, 'copy'),
    ]);
    card.append(
      el(doc, 'div', { className: 'error-request' }, [
        el(doc, 'span', { className: 'error-request-label', text: t('Request ID:') }),
        ' ',
        el(doc, 'code', { className: 'request-id', text: error.requestId }),
        copy,
      ]),
    );
  }
  // Unknown actions (a newer host) are skipped rather than shown as dead buttons.
  const actions = error.actions.filter(isErrorAction);
  if (actions.length > 0) {
    card.append(
      el(
        doc,
        'div',
        { className: 'error-actions' },
        actions.map((action, index) => errorActionButton(doc, action, index === 0 ? 'primary-button' : 'secondary-button')),
      ),
    );
  }
  return card;
}
