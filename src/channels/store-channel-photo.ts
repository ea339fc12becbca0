import { countUpload } from '../chat/upload-quota.js';
import { chatUploads } from '../db/schema.js';
import { type PhotoRefusal, stripPhotoMetadata } from '../documents/index.js';
import type { AppDeps } from '../platform/ports.js';
import { newId } from '../util/ids.js';

export type StoredPhoto =
  | { ok: true; uploadId: string }
  /** The locale key of the message the parent reads; nothing of the photo was kept. */
  | { ok: false; reason: PhotoRefusal | 'quota'; messageKey: string };

const REFUSAL_KEYS: Record<PhotoRefusal | 'quota', string> = {
  empty: 'channels.photo.unreadable',
  truncated: 'channels.photo.unreadable',
  malformed: 'channels.photo.unreadable',
  too_large: 'channels.photo.too_large',
  not_an_image: 'channels.photo.not_a_photo',
  unsupported_type: 'channels.photo.not_a_photo',
  quota: 'limits.upload_quota',
};

/**
 * A photo a parent sent from a messaging app (LINE, WeChat), stored like a web chat photo: counted against the
 * conversation's hourly quota first, type checked by content, metadata (location, camera, owner) removed
 * losslessly by src/documents, then kept privately in the blob store as a chat upload.
 */
export async function storeChannelPhoto(
  deps: AppDeps,
  conversationId: string,
  bytes: Uint8Array,
): Promise<StoredPhoto> {
  const count = await countUpload(deps, `chat_upload:conversation:${conversationId}`);
  if (count > deps.config.CHAT_UPLOADS_PER_CONVERSATION_HOUR) {
    return { ok: false, reason: 'quota', messageKey: REFUSAL_KEYS.quota };
  }
  const stripped = stripPhotoMetadata(bytes, { maxBytes: deps.config.MAX_UPLOAD_BYTES });
  if (!stripped.ok) return { ok: false, reason: stripped.reason, messageKey: REFUSAL_KEYS[stripped.reason] };
  const uploadId = newId('up_');
  const blobKey = `chat/${conversationId}/${uploadId}`;
  await deps.blobs.put(blobKey, stripped.value.bytes, stripped.value.type);
  await deps.database.db.insert(chatUploads).values({
    id: uploadId,
    conversationId,
    blobKey,
    contentType: stripped.value.type,
    size: stripped.value.bytes.byteLength,
    createdAt: deps.clock.now(),
  });
  return { ok: true, uploadId };
}
