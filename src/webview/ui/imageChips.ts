// Attached images as removable thumbnail chips above the input, and the line that says why a picture was not
// attached or not sent. Thumbnails are shown from blob: URLs this script makes from the preview bytes, the only
// images the page's CSP lets load (src/core/chatPage/chatHtml.ts); each URL is revoked when its chip goes.
import type { DraftImage } from '../../shared/conversation';
import { t } from '../../shared/l10n';
import { button, el } from './dom';
import { icon } from './icons';

/** A blob: URL showing a preview the page holds; undefined where blob URLs do not exist (jsdom) or the preview is bad. */
export function thumbnailUrl(doc: Document, base64: string | undefined): string | undefined {
  const url = doc.defaultView?.URL;
  if (!base64 || typeof url?.createObjectURL !== 'function') {
    return undefined;
  }
  const blob = thumbnailBlob(base64);
  return blob ? url.createObjectURL(blob) : undefined;
}

/**
 * A sent question's preview as an <img> whose blob: URL is revoked once the picture has loaded (or failed): the
 * element keeps what it decoded, and a long chat of pictures does not keep every preview's bytes alive twice.
 */
export function sentThumbnail(doc: Document, base64: string | undefined): HTMLImageElement | undefined {
  const url = thumbnailUrl(doc, base64);
  if (url === undefined) {
    return undefined;
  }
  const image = el(doc, 'img', { className: 'image-chip-thumb', attrs: { src: url, alt: '' } });
  const release = () => doc.defaultView?.URL.revokeObjectURL(url);
  image.addEventListener('load', release, { once: true });
  image.addEventListener('error', release, { once: true });
  return image;
}

function thumbnailBlob(base64: string): Blob | undefined {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    return new Blob([bytes], { type: 'image/jpeg' });
  } catch {
    return undefined;
  }
}

export class ImageChips {
  readonly element: HTMLDivElement;
  readonly notice: HTMLDivElement;
  private images: DraftImage[] = [];
  private readonly urls = new Map<string, string>();

  constructor(
    private readonly doc: Document,
    /** Called after the person removed a chip, so the draft can be saved. */
    private readonly onChange: () => void,
    private readonly focusFallback: () => void,
  ) {
    this.element = el(doc, 'div', { attrs: { id: 'image-chips', role: 'list', 'aria-label': t('Attached images') } });
    this.element.hidden = true;
    this.notice = el(doc, 'div', { className: 'image-notice', attrs: { id: 'image-notice', role: 'alert' } });
    this.notice.hidden = true;
  }

  get ids(): string[] {
    return this.images.map((image) => image.id);
  }

  get count(): number {
    return this.images.length;
  }

  add(image: DraftImage): void {
    if (this.images.some((shown) => shown.id === image.id)) {
      return;
    }
    this.images.push(image);
    this.render();
  }

  replaceAll(images: readonly DraftImage[]): void {
    this.images = [...images];
    this.render();
  }

  clear(): void {
    this.replaceAll([]);
  }

  showNotice(text: string): void {
    this.notice.textContent = text;
    this.notice.hidden = false;
  }

  clearNotice(): void {
    this.notice.textContent = '';
    this.notice.hidden = true;
  }

  private remove(index: number): void {
    this.images.splice(index, 1);
    this.render();
    this.onChange();
    const buttons = this.element.querySelectorAll<HTMLButtonElement>('.image-chip-remove');
    const next = buttons[Math.min(index, buttons.length - 1)];
    if (next) {
      next.focus();
    } else {
      this.focusFallback();
    }
  }

  /** The chip's blob: URL, made once per image shown; undefined where blob URLs do not exist (jsdom) or no preview. */
  private urlFor(image: DraftImage): string | undefined {
    const known = this.urls.get(image.id);
    if (known !== undefined) {
      return known;
    }
    const made = thumbnailUrl(this.doc, image.image.thumbnail);
    if (made) {
      this.urls.set(image.id, made);
    }
    return made;
  }

  private revokeUnused(): void {
    const shown = new Set(this.ids);
    for (const [id, url] of this.urls) {
      if (!shown.has(id)) {
        this.doc.defaultView?.URL.revokeObjectURL(url);
        this.urls.delete(id);
      }
    }
  }

  private render(): void {
    const chips = this.images.map((entry, index) => {
      const { name, width, height } = entry.image;
      const label = `${name} ${width}×${height}`;
      const remove = button(this.doc, t('Remove {0}', name), { className: 'image-chip-remove icon-button' }, [icon(this.doc, 'close')]);
      remove.addEventListener('click', () => this.remove(index));
      const url = this.urlFor(entry);
      const thumbnail = url ? [el(this.doc, 'img', { className: 'image-chip-thumb', attrs: { src: url, alt: '' } })] : [];
      return el(this.doc, 'div', { className: 'image-chip', attrs: { role: 'listitem', title: label, 'data-image-id': entry.id } }, [
        ...thumbnail,
        el(this.doc, 'span', { className: 'image-chip-label', text: name }),
        remove,
      ]);
    });
    this.revokeUnused();
    this.element.replaceChildren(...chips);
    this.element.hidden = chips.length === 0;
  }
}
