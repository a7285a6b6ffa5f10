// Pictures into the chat input: pasted (Ctrl/Cmd+V) or dropped on it, or read by the host for Attach Image….
// Each is scaled here (imageScaling.ts) and handed to the host, which stores it and answers with the chip.
import { MAX_IMAGES_PER_MESSAGE } from '../../shared/conversation';
import { type IDisposable, DisposableStore } from '../../shared/disposable';
import { t } from '../../shared/l10n';
import type { WebviewToHost } from '../../shared/protocol';
import { listen } from './dom';
import type { ImageChips } from './imageChips';
import { ImageProblem, looksLikeImage, type PrepareImage } from './imageScaling';

export interface ImageInputDeps {
  readonly post: (message: WebviewToHost) => void;
  readonly prepare: PrepareImage;
  readonly chips: ImageChips;
}

interface NamedFile {
  readonly file: Blob;
  readonly name: string;
}

function filesOf(data: DataTransfer | null): NamedFile[] {
  return Array.from(data?.files ?? []).map((file) => ({ file, name: file.name || 'image' }));
}

export class ImageInput implements IDisposable {
  private readonly listeners = new DisposableStore();
  /** Pictures being scaled now: they count against the limit before their chips exist. */
  private inFlight = 0;

  constructor(
    private readonly deps: ImageInputDeps,
    input: HTMLElement,
    dropZone: HTMLElement,
  ) {
    this.listeners.add(
      listen(input, 'paste', (event) => {
        const images = filesOf(event.clipboardData).filter(({ file, name }) => looksLikeImage(file, name));
        if (images.length > 0) {
          // The picture is the paste; its file name must not land in the text as well.
          event.preventDefault();
          void this.take(images);
        }
      }),
    );
    this.listeners.add(
      listen(dropZone, 'dragover', (event) => {
        if (event.dataTransfer?.types.includes('Files')) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }
      }),
    );
    this.listeners.add(
      listen(dropZone, 'drop', (event) => {
        const images = filesOf(event.dataTransfer).filter(({ file, name }) => looksLikeImage(file, name));
        if (images.length > 0) {
          event.preventDefault();
          void this.take(images);
        }
      }),
    );
  }

  /** Bytes the host read for Attach Image…, scaled like a pasted picture. */
  takeFromHost(name: string, mimeType: string, base64: string): Promise<void> {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    return this.take([{ file: new Blob([bytes], { type: mimeType }), name }]);
  }

  /** Scales each picture in turn and hands it to the host; the first problem is shown, the rest still go. */
  async take(images: readonly NamedFile[]): Promise<void> {
    this.deps.chips.clearNotice();
    for (const { file, name } of images) {
      if (this.deps.chips.count + this.inFlight >= MAX_IMAGES_PER_MESSAGE) {
        this.deps.chips.showNotice(t('A question can carry at most {0} images.', MAX_IMAGES_PER_MESSAGE));
        return;
      }
      this.inFlight += 1;
      try {
        this.deps.post({ type: 'attachImage', image: await this.deps.prepare(file, name) });
      } catch (error) {
        this.deps.chips.showNotice(error instanceof ImageProblem ? error.message : t('{0} could not be read as an image; the file may be damaged.', name));
      } finally {
        this.inFlight -= 1;
      }
    }
  }

  dispose(): void {
    this.listeners.dispose();
  }
}
