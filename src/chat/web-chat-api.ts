import { and, asc, eq, gt } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { boundChildren, unbindStatements } from '../binding/binding-service.js';
import type { ConversationEngine } from '../conversation/conversation-engine.js';
import { chatMessages, chatUploads } from '../db/schema.js';
import { stripPhotoMetadata } from '../documents/index.js';
import { ApiError, errorBody } from '../http/api-error.js';
import { clientIp } from '../http/client-ip.js';
import { readJsonBody } from '../http/read-json-body.js';
import { LOCALES, type Locale, matchLocale, t } from '../i18n/index.js';
import { unreadNoticesFor } from '../notices/index.js';
import type { AppDeps } from '../platform/ports.js';
import { newId, newSecret, sha256Hex } from '../util/ids.js';
import { sniffImageType } from './sniff-image.js';
import { countUpload } from './upload-quota.js';
import { requireWebConversation } from './web-chat-auth.js';

const startBody = z.object({ locale: z.enum(LOCALES).optional() }).strict();
const sendBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1).max(2000) }).strict(),
  z.object({ type: z.literal('choice'), value: z.string().min(1).max(200) }).strict(),
]);
const idParam = z.string().regex(/^[a-z0-9_]{1,64}$/);
const afterQuery = z.coerce.number().int().min(0).default(0);

const tooLarge = (limit: number) => () => {
  throw new ApiError(413, 'body_too_large', `The request body is larger than ${limit} bytes.`);
};

/** JSON API behind the built-in web chat page (/chat). */
export function webChatApi(deps: AppDeps, engine: ConversationEngine) {
  const api = new Hono();

  const conversationIdOf = (raw: string) => {
    const parsed = idParam.safeParse(raw);
    if (!parsed.success) throw new ApiError(404, 'conversation_not_found', 'No such conversation.');
    return parsed.data;
  };

  const reply = async (
    c: Context,
    conversationId: string,
    event: Parameters<ConversationEngine['receive']>[1],
  ) => {
    const result = await engine.receive(conversationId, event, { clientIp: clientIp(c) });
    if (!result) throw new ApiError(404, 'conversation_not_found', 'No such conversation.');
    return result;
  };

  api.post('/conversations', async (c) => {
    const body = await readJsonBody(c, startBody);
    const locale = body.locale ?? matchLocale(c.req.header('accept-language'), deps.config.DEFAULT_LOCALE);
    const token = newSecret();
    const started = await engine.start({
      channel: 'web',
      locale,
      tokenHash: await sha256Hex(token),
      clientIp: clientIp(c),
    });
    return c.json({ ...started, token }, 201);
  });

  api.post('/conversations/:id/messages', async (c) => {
    const conversationId = conversationIdOf(c.req.param('id'));
    await requireWebConversation(c, deps, conversationId);
    const event = await readJsonBody(c, sendBody);
    return c.json(await reply(c, conversationId, event));
  });

  api.get('/conversations/:id/messages', async (c) => {
    const conversationId = conversationIdOf(c.req.param('id'));
    await requireWebConversation(c, deps, conversationId);
    const after = afterQuery.safeParse(c.req.query('after') ?? undefined);
    if (!after.success) throw new ApiError(400, 'bad_request', '"after" must be a message sequence number.');
    const rows = await deps.database.db
      .select()
      .from(chatMessages)
      .where(and(eq(chatMessages.conversationId, conversationId), gt(chatMessages.seq, after.data)))
      .orderBy(asc(chatMessages.seq))
      .limit(500);
    return c.json({
      messages: rows.map((row) => ({
        seq: row.seq,
        direction: row.direction,
        createdAt: new Date(row.createdAt).toISOString(),
        payload: JSON.parse(row.payload) as unknown,
      })),
    });
  });

  /** A refusal the parent reads in the chat, in their language; nothing of the photo is kept. */
  const refusePhoto = (
    c: Context,
    conversationId: string,
    locale: Locale,
    refusal: { status: 409 | 429; code: 'photo_not_expected' | 'upload_quota_exceeded'; key: string },
  ) => {
    const text = t(locale, refusal.key);
    return c.json(
      { ...errorBody(refusal.code, text), conversationId, locale, messages: [{ type: 'text', text }] },
      refusal.status,
    );
  };

  // The body limit (src/http/body-limits.ts) has already refused anything much larger than MAX_UPLOAD_BYTES.
  // Everything below up to parseBody() runs before a byte of the photo is read.
  api.post('/conversations/:id/images', async (c) => {
    const conversationId = conversationIdOf(c.req.param('id'));
    await requireWebConversation(c, deps, conversationId);
    if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        'Send the image as multipart/form-data in the "file" field.',
      );
    }
    const asked = await engine.photoExpected(conversationId);
    if (!asked) throw new ApiError(404, 'conversation_not_found', 'No such conversation.');
    if (!asked.expected) {
      return refusePhoto(c, conversationId, asked.locale, {
        status: 409,
        code: 'photo_not_expected',
        key: 'limits.photo_not_expected',
      });
    }
    const ip = clientIp(c);
    const perConversation = await countUpload(deps, `chat_upload:conversation:${conversationId}`);
    const perAddress = ip ? await countUpload(deps, `chat_upload:ip:${ip}`) : 0;
    if (
      perConversation > deps.config.CHAT_UPLOADS_PER_CONVERSATION_HOUR ||
      perAddress > deps.config.CHAT_UPLOADS_PER_ADDRESS_HOUR
    ) {
      deps.logger.warn('chat upload quota reached', { conversationId, perConversation, perAddress });
      return refusePhoto(c, conversationId, asked.locale, {
        status: 429,
        code: 'upload_quota_exceeded',
        key: 'limits.upload_quota',
      });
    }
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new ApiError(400, 'bad_request', 'The multipart body could not be read.');
    }
    const file = form.file;
    if (!(file instanceof File))
      throw new ApiError(400, 'bad_request', 'Attach the image in the "file" field.');
    if (file.size > deps.config.MAX_UPLOAD_BYTES) tooLarge(deps.config.MAX_UPLOAD_BYTES)();
    const received = new Uint8Array(await file.arrayBuffer());
    let bytes: Uint8Array = received;
    let contentType = sniffImageType(received);
    if (asked.document) {
      // An application's document photo: by content only, metadata (GPS, camera, names) removed, upright.
      const stripped = stripPhotoMetadata(received, { maxBytes: deps.config.MAX_UPLOAD_BYTES });
      if (!stripped.ok) {
        const text = t(asked.locale, `applications.photo_refused.${stripped.reason}`);
        return c.json(
          {
            ...errorBody('photo_refused', text, { reason: stripped.reason }),
            conversationId,
            locale: asked.locale,
            messages: [{ type: 'text', text }],
          },
          stripped.reason === 'too_large' ? 413 : 422,
        );
      }
      bytes = stripped.value.bytes;
      contentType = stripped.value.type;
    }
    if (!contentType) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        'Only photos (JPEG, PNG, WebP, GIF, HEIC) can be sent.',
      );
    }
    const uploadId = newId('up_');
    const blobKey = `chat/${conversationId}/${uploadId}`;
    await deps.blobs.put(blobKey, bytes, contentType);
    await deps.database.db.insert(chatUploads).values({
      id: uploadId,
      conversationId,
      blobKey,
      contentType,
      size: bytes.byteLength,
      createdAt: deps.clock.now(),
    });
    const result = await reply(c, conversationId, { type: 'image', uploadId });
    return c.json({ upload: { id: uploadId, contentType, size: bytes.byteLength }, ...result }, 201);
  });

  api.get('/conversations/:id/uploads/:uploadId', async (c) => {
    const conversationId = conversationIdOf(c.req.param('id'));
    await requireWebConversation(c, deps, conversationId);
    const uploadId = idParam.safeParse(c.req.param('uploadId'));
    const [upload] = uploadId.success
      ? await deps.database.db
          .select()
          .from(chatUploads)
          .where(and(eq(chatUploads.id, uploadId.data), eq(chatUploads.conversationId, conversationId)))
          .limit(1)
      : [];
    const blob = upload ? await deps.blobs.get(upload.blobKey) : null;
    if (!upload || !blob) throw new ApiError(404, 'upload_not_found', 'No such upload in this conversation.');
    // Parents' photos may show documents: every read is logged.
    deps.logger.info('upload read', {
      conversationId,
      uploadId: upload.id,
      requestId: c.get('requestId' as never),
    });
    return c.body(blob.bytes, 200, {
      'content-type': blob.contentType,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
  });

  // Notices delivered here and not opened yet: the page shows their number in its title.
  api.get('/conversations/:id/notices', async (c) => {
    const conversationId = conversationIdOf(c.req.param('id'));
    await requireWebConversation(c, deps, conversationId);
    const unread = await unreadNoticesFor(deps, conversationId);
    return c.json({ unread });
  });

  // A parent's linked children (names masked) and unlinking, for pages outside the chat flow.
  api.get('/conversations/:id/children', async (c) => {
    const conversationId = conversationIdOf(c.req.param('id'));
    await requireWebConversation(c, deps, conversationId);
    const children = await boundChildren(deps, { channel: 'web', id: conversationId });
    return c.json({ children });
  });

  api.delete('/conversations/:id/children/:bindingId', async (c) => {
    const conversationId = conversationIdOf(c.req.param('id'));
    await requireWebConversation(c, deps, conversationId);
    const statements = await unbindStatements(
      deps,
      { channel: 'web', id: conversationId },
      c.req.param('bindingId'),
    );
    if (!statements) throw new ApiError(404, 'binding_not_found', 'No such linked child.');
    await deps.database.atomic(statements);
    return c.body(null, 204);
  });

  return api;
}
