// Turns a pasted, dropped or picked picture into what may leave the webview: at most MAX_IMAGE_SIDE pixels on
// its long side and MAX_IMAGE_BYTES encoded, re-encoded through a canvas (which also drops metadata such as a
// photo's location), plus a small JPEG thumbnail for the chip. The browser's own decoder does the reading, so
// a damaged file fails here with a message instead of reaching a model.
import { IMAGE_MIME_TYPES, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, MAX_THUMBNAIL_CHARS, type ImageMimeType } from '../../shared/conversation';
import { t } from '../../shared/l10n';
import type { ImageUpload } from '../../shared/protocol';

/** A picture that cannot be attached, with the sentence the person reads. */
export class ImageProblem extends Error {
  override readonly name = 'ImageProblem';
}

/** Prepares one picture for the host; tests under jsdom (no canvas) pass their own. */
export type PrepareImage = (file: Blob, name: string) => Promise<ImageUpload>;

/** Larger files are not even decoded: a picture this big is a disk image or a mistake, not a screenshot. */
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;
const THUMBNAIL_SIDE = 96;
/** Each try that is still too large shrinks the picture by this much. */
const SHRINK = 0.75;
const MAX_TRIES = 10;

function isAccepted(type: string): type is ImageMimeType {
  return (IMAGE_MIME_TYPES as readonly string[]).includes(type);
}

export function isSvg(file: Blob, name: string): boolean {
  return file.type === 'image/svg+xml' || /\.svgz?$/iu.test(name);
}

/** Whether a dropped or pasted file is meant as a picture (SVG included, so it is refused with a reason). */
export function looksLikeImage(file: Blob, name: string): boolean {
  return file.type.startsWith('image/') || isSvg(file, name);
}

function sizeOf(width: number, height: number, scale: number): { width: number; height: number } {
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function encode(doc: Document, bitmap: ImageBitmap, width: number, height: number, type: string, quality: number): Promise<Blob> {
  const canvas = doc.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) {
    return Promise.reject(new ImageProblem(t('Images cannot be prepared in this view.')));
  }
  if (type === 'image/jpeg') {
    // JPEG has no transparency: a transparent screenshot would turn black without a background.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
  }
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new ImageProblem(t('Images cannot be prepared in this view.')))), type, quality),
  );
}

export async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

async function thumbnailOf(doc: Document, bitmap: ImageBitmap): Promise<string> {
  const scale = Math.min(1, THUMBNAIL_SIDE / Math.max(bitmap.width, bitmap.height));
  const { width, height } = sizeOf(bitmap.width, bitmap.height, scale);
  for (const quality of [0.7, 0.4]) {
    const thumbnail = await base64Of(await encode(doc, bitmap, width, height, 'image/jpeg', quality));
    if (thumbnail.length <= MAX_THUMBNAIL_CHARS) {
      return thumbnail;
    }
  }
  return '';
}

/** The browser's decoder and a canvas: what the chat webview uses. */
export function browserImagePreparer(doc: Document): PrepareImage {
  return async (file, name) => {
    if (isSvg(file, name)) {
      throw new ImageProblem(t('{0} is an SVG drawing, which is code rather than a picture; attach it as a file instead.', name));
    }
    if (!isAccepted(file.type)) {
      throw new ImageProblem(t('{0} is not a PNG, JPEG, GIF or WebP image.', name));
    }
    if (file.size > MAX_SOURCE_BYTES) {
      throw new ImageProblem(t('{0} is too large to attach ({1} MB).', name, (file.size / (1024 * 1024)).toFixed(1)));
    }
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch {
      throw new ImageProblem(t('{0} could not be read as an image; the file may be damaged.', name));
    }
    try {
      // PNG keeps a screenshot's text sharp; when PNG is too large the picture goes as JPEG, then smaller.
      let type = file.type === 'image/jpeg' || file.type === 'image/webp' ? file.type : 'image/png';
      let scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(bitmap.width, bitmap.height));
      for (let tries = 0; tries < MAX_TRIES; tries += 1) {
        const size = sizeOf(bitmap.width, bitmap.height, scale);
        const encoded = await encode(doc, bitmap, size.width, size.height, type, 0.9);
        if (encoded.size <= MAX_IMAGE_BYTES && isAccepted(encoded.type)) {
          return { name, mimeType: encoded.type, base64: await base64Of(encoded), ...size, thumbnail: await thumbnailOf(doc, bitmap) };
        }
        if (type === 'image/png') {
          type = 'image/jpeg';
        } else {
          scale *= SHRINK;
        }
      }
      throw new ImageProblem(t('{0} could not be made smaller than 4 MB.', name));
    } finally {
      bitmap.close();
    }
  };
}
