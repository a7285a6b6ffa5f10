// The webview's language: the host sends VS Code's display language and the translations of every webview
// message (src/shared/webviewMessages.ts) in the `state` message; this installs them as shared t()'s
// localizer and gives numbers and dates to Intl in the same language. See docs/architecture.md#languages.
import { formatMessage, setLocalizer } from '../../shared/l10n';
import type { WebviewL10n } from '../../shared/protocol';
import { WEBVIEW_MESSAGES } from '../../shared/webviewMessages';

let locale = 'en';
/**
 * Made once per language: building an Intl.NumberFormat costs about a millisecond, and every answer shown
 * formats its token counts (opening a chat formatted dozens, the largest cost after markdown).
 */
let numberFormat: Intl.NumberFormat | undefined;
let installed: WebviewL10n | undefined;

/** A language tag Intl accepts; VS Code's own ("zh-cn") is one, anything odd falls back to English. */
function intlLocale(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * Installs the host's translations. The strings come in WEBVIEW_MESSAGES order (host and webview are one
 * build); a list of another length is ignored rather than shifting every label. True when anything changed.
 */
export function installWebviewL10n(l10n: WebviewL10n): boolean {
  if (
    installed &&
    installed.locale === l10n.locale &&
    installed.strings.length === l10n.strings.length &&
    installed.strings.every((s, i) => s === l10n.strings[i])
  ) {
    return false;
  }
  installed = l10n;
  locale = intlLocale(l10n.locale);
  numberFormat = undefined;
  const translations = new Map<string, string>();
  if (l10n.strings.length === WEBVIEW_MESSAGES.length) {
    WEBVIEW_MESSAGES.forEach((key, index) => translations.set(key, l10n.strings[index] ?? key));
  }
  setLocalizer((message, args) => formatMessage(translations.get(message) ?? message, args));
  return true;
}

/** 1234 -> "1,234" in English, "1 234" in Russian. */
export function formatNumber(value: number): string {
  numberFormat ??= new Intl.NumberFormat(locale);
  return numberFormat.format(value);
}

/** US dollars in the display language's way of writing money ("$0.0042", "0,0042 $"). */
export function formatCurrency(usd: number, options: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, { ...options, style: 'currency', currency: 'USD' }).format(usd);
}

/** A calendar date in the display language ("Mar 4, 2025", "2025年3月4日"). */
export function formatDate(timestamp: number): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(timestamp));
}
