// What kind of picture a file really is, from its first bytes rather than its name: a `.png` that is an SVG
// (text, and code a browser would run) or a truncated download must not pass as an image. Pure: no I/O.
import type { ImageMimeType } from '../../shared/conversation';

export type SniffedImage = ImageMimeType | 'svg' | 'unknown';

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
}

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

export function sniffImageType(bytes: Uint8Array): SniffedImage {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return 'image/png';
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    return 'image/jpeg';
  }
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) {
    return 'image/gif';
  }
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
    return 'image/webp';
  }
  // SVG is XML text: an optional BOM and whitespace, then `<?xml` or `<svg` (or a comment/doctype before it).
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/u, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<') && head.includes('<svg')) {
    return 'svg';
  }
  return 'unknown';
}
