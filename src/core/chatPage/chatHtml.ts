// The chat webview's HTML, built as a pure function so its security properties are unit-tested.

export interface ChatHtmlInput {
  /** `webview.cspSource` */
  readonly cspSource: string;
  /** Fresh per render, from a CSPRNG. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  /** The document title; the chat's by default. The Compare Models panel uses the same page and policy. */
  readonly title?: string;
}

/**
 * Exactly what the page uses: its one bundled script (by nonce) and its own stylesheets, and `blob:` images
 * for the thumbnails of pictures the person attached. A blob: URL exists only when the page's own script makes
 * one (from bytes it holds), so model output can never name a loadable image: its images become placeholders
 * anyway, and an `http:`, `https:` or `data:` source is blocked here as a second line. No font is loaded
 * (codicons are drawn as text labels when their font is absent), so font-src stays at default-src 'none'.
 * base-uri and form-action do not fall back to default-src and are closed explicitly: a `<base>` or a form
 * would otherwise redirect links and posts.
 */
export function buildContentSecurityPolicy(cspSource: string, nonce: string): string {
  return ["default-src 'none'", 'img-src blob:', `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, "base-uri 'none'", "form-action 'none'"].join('; ');
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtmlAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char);
}

export function buildChatHtml(input: ChatHtmlInput): string {
  const csp = escapeHtmlAttribute(buildContentSecurityPolicy(input.cspSource, input.nonce));
  const styles = input.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtmlAttribute(uri)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtmlAttribute(input.title ?? 'CometAPI Chat')}</title>
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${escapeHtmlAttribute(input.nonce)}" src="${escapeHtmlAttribute(input.scriptUri)}"></script>
  </body>
</html>`;
}
