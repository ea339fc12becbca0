import * as z from 'zod';
import { LOCALES } from '../i18n/index.js';

// Requests and answers of the web chat API, once: the routes validate with these and /openapi.json is built
// from them; test/policy-api/openapi.test.ts checks real answers against the answer schemas.

const LocaleSchema = z.enum(LOCALES);
const id = z.string().regex(/^[a-z0-9_]{1,64}$/);

export const StartConversationRequestSchema = z
  .object({ locale: LocaleSchema.optional().describe('Accept-Language decides when left out.') })
  .strict()
  .meta({ id: 'StartConversationRequest' });

export const ChatEventSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: z.string().min(1).max(2000) }).strict(),
    z
      .object({ type: z.literal('choice'), value: z.string().min(1).max(200).describe('A button’s value.') })
      .strict(),
  ])
  .meta({ id: 'ChatEvent' });

export const ConversationParamsSchema = z.object({ id: id.describe('The conversation id.') });
export const UploadParamsSchema = z.object({ id, uploadId: id });
export const BindingParamsSchema = z.object({ id, bindingId: z.string().min(1).max(64) });
export const MessagesQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0).describe('The last seq already seen.'),
});

const ChoiceSchema = z.object({ label: z.string(), value: z.string() });

const SourceNoteSchema = z
  .object({ summary: z.string(), label: z.string().describe('查看依据'), items: z.array(z.string()) })
  .meta({ id: 'SourceNote', description: 'Where an answer comes from: one line, and the list to expand.' });

const CardSectionSchema = z.object({
  heading: z.string(),
  lines: z.array(z.string()),
  detail: z.object({ label: z.string(), items: z.array(z.string()) }).optional(),
  sources: SourceNoteSchema.optional(),
});

export const OutboundMessageSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('text'),
      text: z.string(),
      sources: SourceNoteSchema.optional(),
      chosen: z.array(z.string()).optional().describe('The options a typed answer picked.'),
      from: z.string().optional().describe('Who wrote it, when not Mingbai (a teacher’s reply).'),
    }),
    z.object({ type: z.literal('choices'), text: z.string(), choices: z.array(ChoiceSchema) }),
    z.object({
      type: z.literal('card'),
      title: z.string(),
      body: z.string().describe('The whole card as plain text'),
      buttons: z.array(
        z.object({ label: z.string(), value: z.string().optional(), url: z.string().optional() }),
      ),
      sections: z
        .array(z.object({ group: z.string(), items: z.array(CardSectionSchema) }))
        .optional()
        .describe('Optional rich form of body: programmes grouped by verdict'),
      footer: z.array(z.string()).optional(),
    }),
    z.object({ type: z.literal('image_request'), text: z.string(), skip: ChoiceSchema.optional() }),
    z.object({ type: z.literal('link'), text: z.string(), url: z.string(), label: z.string() }),
  ])
  .meta({
    id: 'OutboundMessage',
    description: 'A message from Mingbai, already in the conversation language.',
  });

export const ChatReplySchema = z
  .object({ conversationId: z.string(), locale: LocaleSchema, messages: z.array(OutboundMessageSchema) })
  .meta({ id: 'ChatReply' });

export const ConversationStartedSchema = ChatReplySchema.extend({
  token: z.string().describe('Send as "Authorization: Bearer …" on every later call.'),
}).meta({ id: 'ConversationStarted' });

export const PhotoRefusedSchema = ChatReplySchema.extend({
  error: z.object({
    code: z.enum(['photo_not_expected', 'upload_quota_exceeded', 'photo_refused']),
    message: z.string(),
    details: z.unknown().optional(),
  }),
}).meta({ id: 'PhotoRefused', description: 'A refused photo, with the refusal to show in the chat.' });

export const ImageReplySchema = ChatReplySchema.extend({
  upload: z.object({ id: z.string(), contentType: z.string(), size: z.number().int() }),
}).meta({ id: 'ImageReply' });

export const MessageHistorySchema = z
  .object({
    messages: z
      .array(
        z.object({
          seq: z.number().int(),
          direction: z.enum(['in', 'out']),
          createdAt: z.string(),
          payload: z.unknown().describe('The inbound event, or an OutboundMessage.'),
        }),
      )
      .describe('Oldest first, at most 500.'),
  })
  .meta({ id: 'MessageHistory' });

export const BoundChildrenSchema = z
  .object({
    children: z.array(
      z.object({
        bindingId: z.string(),
        studentId: z.string(),
        studentMasked: z.string().describe('e.g. 王*明'),
        className: z.string(),
        schoolName: z.string(),
        schoolId: z.string(),
        relation: z.string(),
      }),
    ),
  })
  .meta({ id: 'BoundChildren' });

export const UnreadNoticesSchema = z
  .object({
    unread: z.array(
      z.object({ url: z.string().describe('The notice page, /n/<token>.'), title: z.string() }),
    ),
  })
  .meta({ id: 'UnreadNotices' });
