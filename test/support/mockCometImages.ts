// Images in requests to the mock CometAPI: which of its models can see them (those the catalogue lists with
// the "image-to-text" feature), what a request carries in each endpoint's format (chat `image_url` data URLs,
// Responses `input_image`, Anthropic base64 `image` sources), and a line for the answer that says how many
// image bytes arrived, so a test can check the picture reached the model whole.
import { createHash } from 'node:crypto';
import type { JsonObject } from './mockCometWire';

/** The mock's vision models; the others answer a request with images with a 400, as real providers do. */
const VISION = /^(gpt-5(?!-chat)|gpt-4\.1|gpt-4o|chatgpt-4o|o3|o4-mini|claude-|gemini-|grok-4|llama-4)/u;

export function isVisionModel(model: string): boolean {
  return VISION.test(model);
}

export interface ReceivedImage {
  readonly mimeType: string;
  readonly bytes: number;
  readonly sha256: string;
  /** From the PNG header, when the image is a PNG. */
  readonly width?: number;
  readonly height?: number;
}

function fromDataUrl(url: unknown): ReceivedImage | undefined {
  const match = typeof url === 'string' ? /^data:([^;,]+);base64,([A-Za-z0-9+/=]*)$/u.exec(url) : null;
  return match ? received(match[1] ?? '', match[2] ?? '') : undefined;
}

function received(mimeType: string, base64: string): ReceivedImage {
  const bytes = Buffer.from(base64, 'base64');
  const isPng = bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47;
  return {
    mimeType,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    ...(isPng ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : {}),
  };
}

function imageOfPart(part: unknown): ReceivedImage | undefined {
  const record = part as JsonObject | null;
  if (record?.type === 'image_url') {
    return fromDataUrl((record.image_url as JsonObject | null)?.url);
  }
  if (record?.type === 'input_image') {
    return fromDataUrl(record.image_url);
  }
  const source = record?.type === 'image' ? (record.source as JsonObject | null) : null;
  if (source?.type === 'base64' && typeof source.data === 'string') {
    return received(typeof source.media_type === 'string' ? source.media_type : '', source.data);
  }
  return undefined;
}

/** Every image in a chat, Responses or Messages request body, in order. */
export function imagesInRequest(body: JsonObject): ReceivedImage[] {
  const messages = Array.isArray(body.messages) ? body.messages : Array.isArray(body.input) ? body.input : [];
  return messages.flatMap((message: unknown) => {
    const content = (message as JsonObject | null)?.content;
    return Array.isArray(content) ? content.flatMap((part: unknown) => imageOfPart(part) ?? []) : [];
  });
}

/** The answer's line about images, e.g. "Images received: 1 (image/png 2,345 bytes 640×480 sha256 3f2a9c1e)". */
export function imagesLine(images: readonly ReceivedImage[]): string | undefined {
  if (images.length === 0) {
    return undefined;
  }
  const each = images.map(
    (image) =>
      `${image.mimeType} ${image.bytes} bytes${image.width !== undefined ? ` ${image.width}x${image.height}` : ''} sha256 ${image.sha256.slice(0, 12)}`,
  );
  return `Images received: ${images.length} (${each.join('; ')})`;
}

/** The 400 a provider answers when a model that cannot see is sent an image. */
export function visionRefusalMessage(model: string): string {
  return `model ${model} does not support image input`;
}
