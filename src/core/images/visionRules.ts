// Which models may be sent images, and how many at once, and what the chat says when a question's images
// cannot go to the chosen model. Decided before any request: a model that cannot see would either fail
// with a 400 or, worse, answer as if the picture were not there. Pure: no vscode, no I/O.
import { t } from '../../shared/l10n';
import { MAX_IMAGES_PER_MESSAGE } from '../../shared/conversation';
import { takesImages } from '../lm/lmModels';

/**
 * Whether the model reads images: the public catalogue says so with a feature such as "image-to-text"
 * (ModelEntry.imageInput), but does not mark every vision model, so the rules table (takesImages, the families
 * documented to read images) decides when it says nothing.
 */
export function seesImages(model: string, catalogueSaysImages = false): boolean {
  return catalogueSaysImages || takesImages(model);
}

/** Most images one request may carry: Anthropic's documented limit per turn is 20, OpenAI's and Gemini's are higher. */
export function maxImagesFor(model: string): number {
  return /(^|\/)claude-/iu.test(model) ? 20 : Math.min(MAX_IMAGES_PER_MESSAGE, 16);
}

/** Offered when none of the person's models is known to see: well-known vision models CometAPI serves. */
const FALLBACK_SUGGESTIONS = ['gpt-4o', 'claude-sonnet-4-5', 'gemini-2.5-flash'];

/** Up to three vision models to switch to, from the person's model list when it has some, one per family. */
export function visionModelSuggestions(knownModels: readonly string[] = []): string[] {
  const available = knownModels.filter((id) => seesImages(id));
  const families = new Set<string>();
  const picked: string[] = [];
  // Three sizes of one family say less than three providers: the person may prefer another one's models.
  for (const id of available.length > 0 ? available : FALLBACK_SUGGESTIONS) {
    const family = id.toLowerCase().split(/[-.]/u)[0] ?? id;
    if (!families.has(family) && picked.length < 3) {
      families.add(family);
      picked.push(id);
    }
  }
  return picked;
}

export interface ImageCheck {
  readonly model: string;
  /** Images the request would carry (the new question's and those still in the history sent). */
  readonly imageCount: number;
  /** The catalogue lists an image-reading feature for the model. */
  readonly catalogueSaysImages?: boolean;
  readonly knownModels?: readonly string[];
}

/** Why these images cannot go to this model, or undefined when they can (or there are none). */
export function imageRefusal(check: ImageCheck): string | undefined {
  if (check.imageCount === 0) {
    return undefined;
  }
  if (!seesImages(check.model, check.catalogueSaysImages)) {
    return t(
      '{0} cannot see images. Switch to a vision model such as {1}, or remove the images.',
      check.model,
      visionModelSuggestions(check.knownModels).join(', '),
    );
  }
  const max = maxImagesFor(check.model);
  if (check.imageCount > max) {
    return t('{0} accepts at most {1} images in a request; this one has {2}. Remove some images.', check.model, max, check.imageCount);
  }
  return undefined;
}
