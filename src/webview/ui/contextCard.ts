// Code attached to a question, shown compactly under it: where it came from, whether it was cut to fit,
// and the code itself behind a disclosure so long selections do not flood the transcript.
import type { CodeContext } from '../../shared/conversation';
import { el } from './dom';
import { shownLineRange, shownTruncationNotice } from '../../shared/selectionText';
import { t } from '../../shared/l10n';

export function renderContextCard(doc: Document, context: CodeContext): HTMLElement {
  const header = el(doc, 'div', { className: 'context-card-header' }, [
    el(doc, 'span', { className: 'context-path', text: context.path, attrs: { title: context.path } }),
    el(doc, 'span', { className: 'context-lines', text: shownLineRange(context.startLine, context.endLine) }),
  ]);
  const card = el(doc, 'div', { className: 'context-card' }, [header]);
  const truncation = shownTruncationNotice(context);
  if (truncation) {
    card.append(el(doc, 'div', { className: 'context-truncation', text: truncation }));
  }
  const code = el(doc, 'code', { text: context.code, attrs: { 'data-language': context.languageId } });
  card.append(el(doc, 'details', { className: 'context-code' }, [el(doc, 'summary', { text: t('Show code') }), el(doc, 'pre', {}, [code])]));
  return card;
}
