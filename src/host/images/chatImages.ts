// The chat controller's image work: storing what the webview scaled, showing it as a chip, and refusing a send
// whose images the model cannot take before anything is sent, with the draft put back as it was.
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chat/chatSession';
import { takeImageUpload } from '../../core/images/imageIntake';
import type { ImageStore } from '../../core/storage/imageStore';
import { MAX_IMAGES_PER_MESSAGE, type DraftImage } from '../../shared/conversation';
import type { HostToWebview, ImageUpload } from '../../shared/protocol';
import type { ChatDraft } from '../chatDraft';
import { readChatSettings } from '../settings';
import { pickImageFile } from './attachImageCommand';

/** Where attached images are stored, and why some cannot go to a model (see src/core/images/visionRules.ts). */
export interface ImageSupport {
  readonly store: ImageStore;
  refusal(model: string, imageCount: number): string | undefined;
}

export interface ChatImagesDeps {
  readonly session: ChatSession;
  readonly draft: ChatDraft;
  readonly post: (message: HostToWebview) => void;
  readonly reveal: () => Promise<void>;
  readonly support: ImageSupport | undefined;
}

const unavailable = (): string => vscode.l10n.t('Images cannot be sent: the chat history folder is not available.');

export class ChatImages {
  constructor(private readonly deps: ChatImagesDeps) {}

  /** Attach Image…: the webview scales the picked file like a pasted one and hands it back as `attachImage`. */
  async attachFromFile(): Promise<void> {
    const picked = await pickImageFile();
    if (!picked) {
      return;
    }
    await this.deps.reveal();
    this.deps.post({ type: 'scaleImage', ...picked });
  }

  /** Stores an image the webview scaled (checked again here) and shows it as a chip in the draft. */
  async attachUpload(upload: ImageUpload): Promise<void> {
    const { support, post, draft } = this.deps;
    if (!support) {
      post({ type: 'imageNotice', text: unavailable() });
      return;
    }
    const result = await takeImageUpload(upload, support.store);
    if (!result.ok) {
      post({ type: 'imageNotice', text: result.message });
      return;
    }
    const entry = draft.attachImage(result.image);
    post(
      entry
        ? { type: 'attachImage', image: entry }
        : { type: 'imageNotice', text: vscode.l10n.t('A question can carry at most {0} images.', MAX_IMAGES_PER_MESSAGE) },
    );
  }

  /**
   * Whether a question's images may go to the model now (with those earlier in the conversation). Refused,
   * nothing is taken from the draft: text and every chip go back into the input with the reason beside them.
   */
  refusedSend(text: string, contextIds: readonly string[], images: readonly DraftImage[]): boolean {
    if (images.length === 0) {
      return false;
    }
    const { session, draft, post, support } = this.deps;
    const earlier = session.conversation.messages.reduce((sum, message) => sum + (message.role === 'user' ? (message.images?.length ?? 0) : 0), 0);
    const refusal = support ? support.refusal(readChatSettings().model, earlier + images.length) : unavailable();
    if (refusal === undefined) {
      return false;
    }
    // Chips first: putting the text back saves the draft, and it should name them.
    for (const chip of draft.view().chips.filter((shown) => contextIds.includes(shown.id))) {
      post({ type: 'attachContext', chip });
    }
    for (const image of images) {
      post({ type: 'attachImage', image });
    }
    post({ type: 'restoreDraft', text });
    post({ type: 'imageNotice', text: refusal });
    return true;
  }
}
