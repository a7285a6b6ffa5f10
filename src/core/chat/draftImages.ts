// The images attached to the unsent draft, beside its text and code (draftKeeper.ts). The picture is already
// in the image store; the draft keeps its reference under an id issued here, and the webview names the image
// only by that id, so a forged id attaches nothing.
import { MAX_IMAGES_PER_MESSAGE, type Draft, type DraftImage, type ImageRef } from '../../shared/conversation';

export class DraftImages {
  /** Every image attached since the conversation was opened: a throttled draft update may name one it dropped. */
  private readonly known = new Map<string, ImageRef>();

  constructor(private readonly newId: () => string) {}

  reset(draft: Draft | undefined): void {
    this.known.clear();
    for (const entry of draft?.images ?? []) {
      this.known.set(entry.id, entry.image);
    }
  }

  /** The draft with `image` attached at the end; undefined when it already holds as many as a question may carry. */
  attach(draft: Draft | undefined, image: ImageRef): { readonly draft: Draft; readonly entry: DraftImage } | undefined {
    const images = draft?.images ?? [];
    if (images.length >= MAX_IMAGES_PER_MESSAGE) {
      return undefined;
    }
    const entry: DraftImage = { id: this.newId(), image };
    this.known.set(entry.id, image);
    return { draft: withImages(draft ?? { text: '', contexts: [] }, [...images, entry]), entry };
  }

  /** The images the ids name, in their order; unknown and repeated ids are left out. */
  resolve(ids: readonly string[]): DraftImage[] {
    const seen = new Set<string>();
    const entries: DraftImage[] = [];
    for (const id of ids) {
      const image = this.known.get(id);
      if (image && !seen.has(id)) {
        seen.add(id);
        entries.push({ id, image });
      }
    }
    return entries.slice(0, MAX_IMAGES_PER_MESSAGE);
  }
}

/** The draft with exactly these images; the field is left out when there are none (so old drafts compare equal). */
export function withImages(draft: Draft, images: readonly DraftImage[]): Draft {
  const { images: _old, ...rest } = draft;
  return images.length > 0 ? { ...rest, images: [...images] } : rest;
}

export function sameImages(a: readonly DraftImage[] | undefined, b: readonly DraftImage[]): boolean {
  const left = a ?? [];
  return left.length === b.length && left.every((entry, i) => entry.id === b[i]?.id);
}
