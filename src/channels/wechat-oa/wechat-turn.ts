import { countUpload } from '../../chat/upload-quota.js';
import { ConversationBusyError, type ConversationEngine } from '../../conversation/conversation-engine.js';
import type { InboundEvent, OutboundMessage } from '../../conversation/messages.js';
import { chatUploads } from '../../db/schema.js';
import { type PhotoRefusal, stripPhotoMetadata } from '../../documents/index.js';
import { type Locale, t } from '../../i18n/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { newId } from '../../util/ids.js';
import { type WechatUser, wechatConversation } from './wechat-identity.js';

/** What a WeChat message becomes before the engine sees it; a photo is fetched only when one is wanted. */
export type WechatInbound =
  | { type: 'text'; text: string }
  | { type: 'choice'; value: string }
  | { type: 'follow' }
  /** The photo's bytes; 'too_large' when the download stopped at MAX_UPLOAD_BYTES, null when it failed. */
  | { type: 'image'; download: () => Promise<Uint8Array | 'too_large' | null> }
  | { type: 'unsupported' };

export interface WechatTurn {
  conversationId: string;
  locale: Locale;
  messages: OutboundMessage[];
}

const REFUSAL_KEYS: Record<PhotoRefusal, string> = {
  empty: 'wechat.photo_refused.damaged',
  too_large: 'wechat.photo_refused.too_large',
  not_an_image: 'wechat.photo_refused.not_an_image',
  unsupported_type: 'wechat.photo_refused.unsupported_type',
  truncated: 'wechat.photo_refused.damaged',
  malformed: 'wechat.photo_refused.damaged',
};

/**
 * One message from a WeChat user through the conversation engine, the same way the web chat does it: the
 * user's conversation (started on first contact), then the event, then the engine's replies. Photos go
 * through the document pipeline (type by content, metadata removed) into the private blob store.
 */
export async function runWechatTurn(
  deps: AppDeps,
  engine: ConversationEngine,
  user: WechatUser,
  inbound: WechatInbound,
): Promise<WechatTurn> {
  const { conversationId, started } = await wechatConversation(deps, engine, user);
  const greeting = started?.messages ?? [];
  // A follow on first contact is answered by the greeting alone.
  if (started && inbound.type === 'follow') {
    return { conversationId, locale: started.locale, messages: greeting };
  }
  const say = (locale: Locale, key: string, params?: Record<string, string | number>): WechatTurn => ({
    conversationId,
    locale,
    messages: [...greeting, { type: 'text', text: t(locale, key, params) }],
  });
  const receive = async (event: InboundEvent): Promise<WechatTurn> => {
    try {
      const reply = await engine.receive(conversationId, event);
      if (!reply) throw new Error(`conversation ${conversationId} vanished`);
      return { conversationId, locale: reply.locale, messages: [...greeting, ...reply.messages] };
    } catch (error) {
      if (!(error instanceof ConversationBusyError)) throw error;
      return say(started?.locale ?? deps.config.DEFAULT_LOCALE, 'wechat.busy');
    }
  };

  switch (inbound.type) {
    case 'text':
      return receive({ type: 'text', text: inbound.text.slice(0, 2000) });
    case 'choice':
      return receive({ type: 'choice', value: inbound.value });
    case 'follow':
      return receive({ type: 'follow' });
    case 'unsupported': {
      const asked = await engine.photoExpected(conversationId);
      return say(asked?.locale ?? deps.config.DEFAULT_LOCALE, 'wechat.unsupported');
    }
    case 'image': {
      const asked = await engine.photoExpected(conversationId);
      const locale = asked?.locale ?? deps.config.DEFAULT_LOCALE;
      if (!asked?.expected) return say(locale, 'limits.photo_not_expected');
      const count = await countUpload(deps, `chat_upload:conversation:${conversationId}`);
      if (count > deps.config.CHAT_UPLOADS_PER_CONVERSATION_HOUR) {
        deps.logger.warn('wechat upload quota reached', { conversationId, count });
        return say(locale, 'limits.upload_quota');
      }
      const maxBytes = deps.config.MAX_UPLOAD_BYTES;
      const maxMb = Math.floor(maxBytes / 1024 / 102.4) / 10;
      const bytes = await inbound.download();
      if (!bytes) return say(locale, 'wechat.photo_refused.download_failed');
      if (bytes === 'too_large') return say(locale, REFUSAL_KEYS.too_large, { maxMb });
      const photo = stripPhotoMetadata(bytes, { maxBytes });
      if (!photo.ok) return say(locale, REFUSAL_KEYS[photo.reason], { maxMb });
      const uploadId = newId('up_');
      const blobKey = `chat/${conversationId}/${uploadId}`;
      await deps.blobs.put(blobKey, photo.value.bytes, photo.value.type);
      await deps.database.db.insert(chatUploads).values({
        id: uploadId,
        conversationId,
        blobKey,
        contentType: photo.value.type,
        size: photo.value.bytes.byteLength,
        createdAt: deps.clock.now(),
      });
      deps.logger.info('wechat photo stored', { conversationId, uploadId, removed: photo.value.removed });
      return receive({ type: 'image', uploadId });
    }
  }
}
