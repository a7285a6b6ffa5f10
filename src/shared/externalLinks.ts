// Model output is untrusted: only plain web and mail links may leave the webview, through the host. The
// webview decides which clicks to pass on and the host checks again before opening, with this one rule.

const allowedSchemes = new Set(['http:', 'https:', 'mailto:']);

/** Returns the normalised URL when it is safe to open externally, otherwise undefined. */
export function safeExternalUrl(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  if (!allowedSchemes.has(url.protocol)) {
    return undefined;
  }
  if (url.protocol !== 'mailto:' && !url.hostname) {
    return undefined;
  }
  return url.toString();
}
