// Attach Image…: the person picks a picture file; the host checks what it can (the file's size, before reading
// it, and its type from its first bytes) and hands the bytes to the chat webview, which scales and encodes it
// exactly as it does a pasted image. The scaling stays in one place, the browser's decoder: the extension
// host has no image codec, and decoding untrusted pictures there would need a native dependency.
import * as vscode from 'vscode';
import { sniffImageType } from '../../core/images/imageBytes';
import { MAX_IMAGE_FILE_BYTES } from '../../shared/protocol';

export interface PickedImage {
  readonly name: string;
  readonly mimeType: string;
  readonly base64: string;
}

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);

/** Asks for an image file and reads it; undefined when the person cancelled or the file was refused (they were told). */
export async function pickImageFile(): Promise<PickedImage | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: vscode.l10n.t('Attach'),
    title: vscode.l10n.t('Attach Image'),
    filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'gif', 'webp'] },
  });
  const uri = picked?.[0];
  if (!uri) {
    return undefined;
  }
  const name = uri.path.split('/').pop() ?? uri.path;
  const { size } = await vscode.workspace.fs.stat(uri);
  if (size > MAX_IMAGE_FILE_BYTES) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('CometAPI: {0} is {1} MB; images up to {2} MB can be attached.', name, megabytes(size), megabytes(MAX_IMAGE_FILE_BYTES)),
    );
    return undefined;
  }
  const bytes = await vscode.workspace.fs.readFile(uri);
  const type = sniffImageType(bytes);
  if (type === 'svg') {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('CometAPI: {0} is an SVG drawing, which is code rather than a picture; attach it as a file instead.', name),
    );
    return undefined;
  }
  if (type === 'unknown') {
    void vscode.window.showErrorMessage(vscode.l10n.t('CometAPI: {0} is not a PNG, JPEG, GIF or WebP image.', name));
    return undefined;
  }
  return { name, mimeType: type, base64: Buffer.from(bytes).toString('base64') };
}
