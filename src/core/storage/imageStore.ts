// Images attached to questions, kept beside the conversations but outside their JSON: one file per image,
// named by the SHA-256 of its bytes (`images/<sha256>.<ext>` under the store's root). A conversation names
// its images by hash, so the same screenshot sent twice, retried, edited and resent or forked is stored once,
// and a conversation file stays small enough to read, diff and sync. Pure Node: no vscode.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageMimeType, ImageRef } from '../../shared/conversation';
import { t } from '../../shared/l10n';
import { StorageFileError, codeOf, describeFileError } from './atomicFile';

const EXTENSIONS: Record<ImageMimeType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** The file an image is kept in (and exported as): its hash and the extension of its type. */
export function imageFileName(ref: Pick<ImageRef, 'sha256' | 'mimeType'>): string {
  return `${ref.sha256}.${EXTENSIONS[ref.mimeType]}`;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where images live, and how one is kept and read back. */
export interface ImageStore {
  /** Stores the bytes (once per content) and returns their hash. */
  put(bytes: Uint8Array, mimeType: ImageMimeType): Promise<string>;
  /** The image's bytes as base64; throws StorageFileError when the file is gone or damaged. */
  readBase64(ref: Pick<ImageRef, 'sha256' | 'mimeType'>): Promise<string>;
}

export class FileImageStore implements ImageStore {
  readonly folder: string;

  constructor(root: string) {
    this.folder = join(root, 'images');
  }

  private pathOf(sha256: string, mimeType: ImageMimeType): string {
    return join(this.folder, imageFileName({ sha256, mimeType }));
  }

  async put(bytes: Uint8Array, mimeType: ImageMimeType): Promise<string> {
    const sha256 = sha256Of(bytes);
    const path = this.pathOf(sha256, mimeType);
    try {
      await mkdir(this.folder, { recursive: true });
      // Written under a temporary name and renamed: another window reading the same hash never sees half a file.
      // Same name, same bytes: a file already there (this image sent before) is simply replaced by itself.
      const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, path).catch(async (error: unknown) => {
        await rm(temp, { force: true });
        throw error;
      });
    } catch (error) {
      throw new StorageFileError(t('Could not save the image {0}: {1}', path, describeFileError(error)), path, codeOf(error), { cause: error });
    }
    return sha256;
  }

  async readBase64(ref: Pick<ImageRef, 'sha256' | 'mimeType'>): Promise<string> {
    const path = this.pathOf(ref.sha256, ref.mimeType);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new StorageFileError(t('An image of this conversation could not be read ({0}): {1}', path, describeFileError(error)), path, codeOf(error), {
        cause: error,
      });
    }
    // The name promises the content: a file changed on disk is not sent as if it were the image the person attached.
    if (sha256Of(bytes) !== ref.sha256) {
      throw new StorageFileError(t('An image of this conversation was changed on disk and is not sent: {0}', path), path, undefined);
    }
    return bytes.toString('base64');
  }
}

/** Images kept in memory, for tests and for a chat whose history folder could not be opened. */
export class MemoryImageStore implements ImageStore {
  private readonly images = new Map<string, Buffer>();

  put(bytes: Uint8Array, _mimeType: ImageMimeType): Promise<string> {
    const sha256 = sha256Of(bytes);
    this.images.set(sha256, Buffer.from(bytes));
    return Promise.resolve(sha256);
  }

  readBase64(ref: Pick<ImageRef, 'sha256' | 'mimeType'>): Promise<string> {
    const bytes = this.images.get(ref.sha256);
    if (!bytes) {
      return Promise.reject(new StorageFileError(t('An image of this conversation is missing.'), ref.sha256, 'ENOENT'));
    }
    return Promise.resolve(bytes.toString('base64'));
  }
}
