// The webview speaks the display language from its first frame: the app is built when the host's first
// `state` arrives with the translations (the host answers `ready` with `state` before anything else), so no
// label is ever drawn in English and redrawn. See docs/architecture.md#languages.
import type { WebviewToHost } from '../../shared/protocol';
import { installWebviewL10n } from './localization';
import { parseHostMessage } from './messageShape';

export interface StartableApp {
  handleMessage(data: unknown): void;
}

/**
 * Says `ready`, then returns the listener for host messages; `create` runs once, after the language is set.
 * `doc`'s lang follows, so screen readers read the page in that language.
 */
export function startWhenLocalized(create: () => StartableApp, post: (message: WebviewToHost) => void, doc?: Document): (data: unknown) => void {
  let app: StartableApp | undefined;
  post({ type: 'ready' });
  return (data) => {
    if (app) {
      app.handleMessage(data);
      return;
    }
    const message = parseHostMessage(data);
    // Anything before the first state would be replaced by it anyway.
    if (message?.type !== 'state') {
      return;
    }
    if (message.l10n) {
      installWebviewL10n(message.l10n);
      doc?.documentElement.setAttribute('lang', message.l10n.locale);
    }
    app = create();
    app.handleMessage(data);
  };
}
