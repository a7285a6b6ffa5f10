import { t } from '../../shared/l10n';
// Images in model output are never loaded: an image URL can carry data out (prompt-injection exfiltration)
// just by being fetched. Each <img> becomes a link-like placeholder showing its alt text and address; the
// person may open the address on purpose, through the host, like any other link.

const SHOWN_URL_LENGTH = 80;

function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url.trim());
}

function shortened(url: string): string {
  return url.length > SHOWN_URL_LENGTH ? `${url.slice(0, SHOWN_URL_LENGTH - 1)}\u2026` : url;
}

/**
 * Inserts the placeholder right after the image, inside DOMPurify's inert document, and leaves the image for
 * DOMPurify to remove (img is not an allowed tag). The placeholder is then sanitised like everything else.
 */
export function replaceImageWithPlaceholder(image: Element): void {
  const doc = image.ownerDocument;
  const url = image.getAttribute('src') ?? '';
  const alt = image.getAttribute('alt') ?? '';
  // Inside a link (a linked badge, say) the placeholder must not be a second, nested link.
  const asLink = isWebUrl(url) && image.closest('a') === null;
  const placeholder = doc.createElement(asLink ? 'a' : 'span');
  placeholder.className = 'md-image';
  if (asLink) {
    placeholder.setAttribute('href', url.trim());
    placeholder.setAttribute('title', t('Image not loaded: {0}', shortened(url.trim())));
  }
  const icon = doc.createElement('span');
  icon.className = 'codicon codicon-file-media';
  const altText = doc.createElement('span');
  altText.className = 'md-image-alt';
  altText.textContent = alt || t('image');
  const address = doc.createElement('span');
  address.className = 'md-image-url';
  address.textContent = url ? shortened(url) : t('(no address)');
  placeholder.append(icon, altText, address);
  image.after(placeholder);
}
