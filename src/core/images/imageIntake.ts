// Checks what the webview hands over as an image before it is stored: the schema already capped its size and
// dimensions; here its bytes must really be the type it claims (the webview is not trusted beyond its schema).
import { MAX_IMAGE_BYTES, type ImageRef } from '../../shared/conversation';
import { t } from '../../shared/l10n';
import type { ImageUpload } from '../../shared/protocol';
import type { ImageStore } from '../storage/imageStore';
import { sniffImageType } from './imageBytes';

export type IntakeResult = { readonly ok: true; readonly image: ImageRef } | { readonly ok: false; readonly message: string };

/** Stores an uploaded image by hash and returns its reference, or why it was refused. */
export async function takeImageUpload(upload: ImageUpload, store: ImageStore): Promise<IntakeResult> {
  const bytes = Buffer.from(upload.base64, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_IMAGE_BYTES) {
    return { ok: false, message: t('{0} is larger than 4 MB after scaling and was not attached.', upload.name) };
  }
  if (sniffImageType(bytes) !== upload.mimeType) {
    return { ok: false, message: t('{0} is not a PNG, JPEG, GIF or WebP image and was not attached.', upload.name) };
  }
  const sha256 = await store.put(bytes, upload.mimeType);
  return {
    ok: true,
    image: {
      sha256,
      mimeType: upload.mimeType,
      bytes: bytes.length,
      width: upload.width,
      height: upload.height,
      name: upload.name,
      ...(upload.thumbnail ? { thumbnail: upload.thumbnail } : {}),
    },
  };
}
