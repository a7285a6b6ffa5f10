// The images a request carries: every image the history's questions name, read from the store by hash, or why
// they cannot go to this model (it cannot see images or takes fewer, or a stored image is gone). Checked before
// any request, for a new question and equally for a retry, an edit, a queued message or a comparison column,
// since the model may have changed since the image was attached.
import type { ChatErrorInfo, Conversation } from '../../shared/conversation';
import { t } from '../../shared/l10n';
import type { ImageStore } from '../storage/imageStore';
import { imageRefusal } from './visionRules';

export interface ImageAccess {
  /** Where the images of questions are kept; without one, questions with images are refused. */
  readonly store?: ImageStore;
  /** Why `imageCount` images cannot go to `model`; the rules table by default. */
  readonly refusal?: (model: string, imageCount: number) => string | undefined;
}

export type ImagesToSend = { readonly ok: true; readonly data: Map<string, string> } | { readonly ok: false; readonly error: ChatErrorInfo };

export async function imagesToSend(history: Conversation, model: string, access: ImageAccess): Promise<ImagesToSend> {
  const refs = history.messages.flatMap((message) => (message.role === 'user' ? (message.images ?? []) : []));
  const data = new Map<string, string>();
  if (refs.length === 0) {
    return { ok: true, data };
  }
  const refusal = (access.refusal ?? ((id: string, count: number) => imageRefusal({ model: id, imageCount: count })))(model, refs.length);
  if (refusal !== undefined) {
    return { ok: false, error: { kind: 'badRequest', message: refusal, actions: ['selectModel'] } };
  }
  const { store } = access;
  try {
    for (const ref of refs) {
      if (!data.has(ref.sha256)) {
        if (!store) {
          throw new Error(t('Images cannot be sent: the chat history folder is not available.'));
        }
        data.set(ref.sha256, await store.readBase64(ref));
      }
    }
  } catch (error) {
    return { ok: false, error: { kind: 'badRequest', message: error instanceof Error ? error.message : String(error), actions: [] } };
  }
  return { ok: true, data };
}
