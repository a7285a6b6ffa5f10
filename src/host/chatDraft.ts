// Keeps the chat's unsent draft (text and attached code) with the open conversation, so it is saved with it
// and comes back after a page reload, a closed tab or a crash. The webview reports changes; the attached code
// stays here, and the webview names it only by the ids DraftKeeper issued.
import { randomUUID } from 'node:crypto';
import type { ChatSession } from '../core/chat/chatSession';
import { DraftKeeper, EMPTY_DRAFT, chipOf, draftView, isEmptyDraft } from '../core/chat/draftKeeper';
import { DraftImages, sameImages, withImages } from '../core/chat/draftImages';
import type { CodeContext, Conversation, Draft, DraftImage, ImageRef } from '../shared/conversation';
import type { ContextChip, DraftView } from '../shared/protocol';

/** Where a changed draft goes: saved with its conversation (the history's keeper). */
export interface DraftSaver {
  saveDraft(conversation: Conversation): void;
}

export class ChatDraft {
  private readonly keeper = new DraftKeeper(randomUUID);
  private readonly images = new DraftImages(randomUUID);

  constructor(
    private readonly session: ChatSession,
    private readonly saver: DraftSaver,
  ) {
    this.keeper.reset(session.conversation.draft);
    this.images.reset(session.conversation.draft);
  }

  /** Another conversation was opened (history, New Chat): its own saved draft applies from now on. */
  conversationChanged(): void {
    this.keeper.reset(this.session.conversation.draft);
    this.images.reset(this.session.conversation.draft);
  }

  view(): DraftView {
    return draftView(this.session.conversation.draft);
  }

  /** Attaches code to the draft (Add Selection to Chat); returns the chip the webview shows for it. */
  attach(context: CodeContext): ContextChip {
    const current = this.session.conversation.draft;
    const { draft, entry } = this.keeper.attach(current, context);
    this.store(withImages(draft, current?.images ?? []));
    return chipOf(entry);
  }

  /** Attaches a stored image to the draft; undefined when the draft already holds as many as a question may carry. */
  attachImage(image: ImageRef): DraftImage | undefined {
    const attached = this.images.attach(this.session.conversation.draft, image);
    if (attached) {
      this.store(attached.draft);
    }
    return attached?.entry;
  }

  /** The images a question from the webview names by id (unknown ids are ignored); the draft is not changed. */
  imagesFor(imageIds: readonly string[]): DraftImage[] {
    return this.images.resolve(imageIds);
  }

  /** The webview's draft changed. A change meant for a conversation that is no longer open is dropped. */
  update(conversationId: string, text: string, contextIds: readonly string[], imageIds?: readonly string[]): void {
    const conversation = this.session.conversation;
    if (conversationId !== conversation.id) {
      return;
    }
    const current = conversation.draft;
    // A webview that does not name images (none attached) leaves none; the keeper's draft has no images field.
    const images = this.images.resolve(imageIds ?? []);
    const next = this.keeper.update(current, text, contextIds);
    if (next || !sameImages(current?.images, images)) {
      this.store(withImages(next ?? current ?? EMPTY_DRAFT, images));
    }
  }

  /** The code a question sent from the webview names by id (unknown ids are ignored); the draft is then empty. */
  takeForSend(contextIds: readonly string[]): CodeContext[] {
    const contexts = this.keeper.resolve(contextIds);
    if (!isEmptyDraft(this.session.conversation.draft)) {
      this.store(EMPTY_DRAFT);
    }
    return contexts;
  }

  private store(draft: Draft): void {
    this.session.transform((conversation) => withDraft(conversation, draft));
    this.saver.saveDraft(this.session.conversation);
  }
}

function withDraft(conversation: Conversation, draft: Draft): Conversation {
  if (!isEmptyDraft(draft)) {
    return { ...conversation, draft };
  }
  const { draft: _dropped, ...rest } = conversation;
  return rest;
}
