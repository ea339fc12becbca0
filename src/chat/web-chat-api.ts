import { and, asc, eq, gt } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { boundChildren, unbindStatements } from '../binding/binding-service.js';
import type { ConversationEngine } from '../conversation/conversation-engine.js';
import { chatMessages, chatUploads } from '../db/schema.js';
import { stripPhotoMetadata } from '../documents/index.js';
import { ApiError, errorBody } from '../http/api-error.js';
import { clientIp } from '../http/client-ip.js';
import { type Locale, matchLocale, t } from '../i18n/index.js';
import { unreadNoticesFor } from '../notices/index.js';
import {
  errorResponse,
  fileResponse,
  jsonBody,
  jsonResponse,
  operation,
  pathParams,
  queryParams,
} from '../openapi/index.js';
import type { AppDeps } from '../platform/ports.js';
import { newId, newSecret, sha256Hex } from '../util/ids.js';
import {
  BindingParamsSchema,
  BoundChildrenSchema,
  ChatEventSchema,
  ChatReplySchema,
  ConversationParamsSchema,
  ConversationStartedSchema,
  ImageReplySchema,
  MessageHistorySchema,
  MessagesQuerySchema,
  PhotoRefusedSchema,
  StartConversationRequestSchema,
  UnreadNoticesSchema,
  UploadParamsSchema,
} from './chat-api-schemas.js';
import { sniffImageType } from './sniff-image.js';
import { countUpload } from './upload-quota.js';
import { checkedConversation, webConversationAuth } from './web-chat-auth.js';

const tooLarge = (limit: number) => () => {
  throw new ApiError(413, 'body_too_large', `The request body is larger than ${limit} bytes.`);
};

const badInput = {
  '400': errorResponse('invalid_json or invalid_body (details list each problem)'),
  '413': errorResponse('body_too_large'),
};
const tags = ['chat'];

/** JSON API behind the built-in web chat page (/chat). */
export function webChatApi(deps: AppDeps, engine: ConversationEngine) {
  const api = new Hono();
  // Every route under /conversations/:id: the bearer token of that conversation, checked first.
  const authorized = webConversationAuth(deps);
  const notFound = (code: 'upload_not_found' | 'binding_not_found', message: string) => () =>
    new ApiError(404, code, message);

  const reply = async (
    c: Context,
    conversationId: string,
    event: Parameters<ConversationEngine['receive']>[1],
  ) => {
    const result = await engine.receive(conversationId, event, {
      clientIp: clientIp(c),
      row: checkedConversation(c),
    });
    if (!result) throw new ApiError(404, 'conversation_not_found', 'No such conversation.');
    return result;
  };

  api.post(
    '/conversations',
    operation({
      summary: 'Starts a web chat conversation',
      tags,
      responses: {
        '201': jsonResponse(
          'The greeting and main menu, plus the bearer token for later calls',
          ConversationStartedSchema,
        ),
        ...badInput,
      },
    }),
    jsonBody(StartConversationRequestSchema, { required: false }),
    async (c) => {
      const body = c.req.valid('json');
      const locale = body.locale ?? matchLocale(c.req.header('accept-language'), deps.config.DEFAULT_LOCALE);
      const token = newSecret();
      const started = await engine.start({
        channel: 'web',
        locale,
        tokenHash: await sha256Hex(token),
        clientIp: clientIp(c),
      });
      return c.json({ ...started, token }, 201);
    },
  );

  api.post(
    '/conversations/:id/messages',
    operation({
      summary: 'Sends a text or a button choice',
      tags,
      responses: {
        '200': jsonResponse('Replies', ChatReplySchema),
        ...badInput,
        '409': errorResponse('conversation_busy'),
      },
    }),
    authorized,
    pathParams(
      ConversationParamsSchema,
      () => new ApiError(404, 'conversation_not_found', 'No such conversation.'),
    ),
    jsonBody(ChatEventSchema),
    async (c) => c.json(await reply(c, c.req.valid('param').id, c.req.valid('json'))),
  );

  api.get(
    '/conversations/:id/messages',
    operation({
      summary: 'Reads the conversation history',
      tags,
      responses: {
        '200': jsonResponse('Messages after `after`, oldest first (at most 500)', MessageHistorySchema),
        '400': errorResponse('bad_request'),
      },
    }),
    authorized,
    pathParams(
      ConversationParamsSchema,
      () => new ApiError(404, 'conversation_not_found', 'No such conversation.'),
    ),
    queryParams(
      MessagesQuerySchema,
      () => new ApiError(400, 'bad_request', '"after" must be a message sequence number.'),
    ),
    async (c) => {
      const conversationId = c.req.valid('param').id;
      const rows = await deps.database.db
        .select()
        .from(chatMessages)
        .where(
          and(
            eq(chatMessages.conversationId, conversationId),
            gt(chatMessages.seq, c.req.valid('query').after),
          ),
        )
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
    },
  );

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
  api.post(
    '/conversations/:id/images',
    operation({
      summary: 'Sends a photo (JPEG, PNG, WebP, GIF, HEIC)',
      tags,
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file'],
              properties: { file: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
      responses: {
        '201': jsonResponse('Stored and handed to the conversation', ImageReplySchema),
        '400': errorResponse('bad_request'),
        '409': jsonResponse(
          'photo_not_expected: the conversation is not asking for a photo',
          PhotoRefusedSchema,
        ),
        '413': errorResponse(
          'body_too_large; or photo_refused (too_large) for a document photo, with the refusal to show',
        ),
        '415': errorResponse('unsupported_media_type'),
        '422': jsonResponse(
          'photo_refused: a document photo that is not a readable JPEG, PNG, WebP or HEIC (details.reason)',
          PhotoRefusedSchema,
        ),
        '429': jsonResponse('upload_quota_exceeded', PhotoRefusedSchema),
      },
    }),
    authorized,
    pathParams(
      ConversationParamsSchema,
      () => new ApiError(404, 'conversation_not_found', 'No such conversation.'),
    ),
    async (c) => {
      const conversationId = c.req.valid('param').id;
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
    },
  );

  api.get(
    '/conversations/:id/uploads/:uploadId',
    operation({
      summary: 'Reads back a photo sent in this conversation (every read is logged)',
      tags,
      responses: {
        '200': fileResponse('The image bytes', [
          'image/jpeg',
          'image/png',
          'image/webp',
          'image/gif',
          'image/heic',
        ]),
        '404': errorResponse('conversation_not_found or upload_not_found'),
      },
    }),
    authorized,
    pathParams(UploadParamsSchema, notFound('upload_not_found', 'No such upload in this conversation.')),
    async (c) => {
      const { id: conversationId, uploadId } = c.req.valid('param');
      const [upload] = await deps.database.db
        .select()
        .from(chatUploads)
        .where(and(eq(chatUploads.id, uploadId), eq(chatUploads.conversationId, conversationId)))
        .limit(1);
      const blob = upload ? await deps.blobs.get(upload.blobKey) : null;
      if (!upload || !blob)
        throw new ApiError(404, 'upload_not_found', 'No such upload in this conversation.');
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
    },
  );

  // Notices delivered here and not opened yet: the page shows their number in its title.
  api.get(
    '/conversations/:id/notices',
    operation({
      summary: 'Notices delivered to this conversation and not opened yet',
      tags,
      responses: { '200': jsonResponse('Unread notices, newest version of each', UnreadNoticesSchema) },
    }),
    authorized,
    pathParams(
      ConversationParamsSchema,
      () => new ApiError(404, 'conversation_not_found', 'No such conversation.'),
    ),
    async (c) => c.json({ unread: await unreadNoticesFor(deps, c.req.valid('param').id) }),
  );

  // A parent's linked children (names masked) and unlinking, for pages outside the chat flow.
  api.get(
    '/conversations/:id/children',
    operation({
      summary: 'The children this conversation is bound to (names masked)',
      tags,
      responses: { '200': jsonResponse('Bound children', BoundChildrenSchema) },
    }),
    authorized,
    pathParams(
      ConversationParamsSchema,
      () => new ApiError(404, 'conversation_not_found', 'No such conversation.'),
    ),
    async (c) => {
      const children = await boundChildren(deps, { channel: 'web', id: c.req.valid('param').id });
      return c.json({ children });
    },
  );

  api.delete(
    '/conversations/:id/children/:bindingId',
    operation({
      summary: 'Unbinds a child',
      tags,
      responses: {
        '204': { description: 'Unbound' },
        '404': errorResponse('conversation_not_found or binding_not_found'),
      },
    }),
    authorized,
    pathParams(BindingParamsSchema, notFound('binding_not_found', 'No such linked child.')),
    async (c) => {
      const { id, bindingId } = c.req.valid('param');
      const statements = await unbindStatements(deps, { channel: 'web', id }, bindingId);
      if (!statements) throw new ApiError(404, 'binding_not_found', 'No such linked child.');
      await deps.database.atomic(statements);
      return c.body(null, 204);
    },
  );

  return api;
}
