import { z } from 'zod';
import type { MessageParams } from '../i18n/index.js';

/** What any channel (web chat, LINE, WeChat) turns its incoming message into. */
export const inboundEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().max(2000) }),
  z.object({ type: z.literal('choice'), value: z.string().min(1).max(200) }),
  z.object({ type: z.literal('image'), uploadId: z.string().min(1).max(100) }),
  z.object({ type: z.literal('file'), uploadId: z.string().min(1).max(100), name: z.string().max(200) }),
  z.object({ type: z.literal('follow') }),
]);
export type InboundEvent = z.infer<typeof inboundEventSchema>;

export interface Choice {
  label: string;
  value: string;
}

export interface CardButton {
  label: string;
  /** Sent back as a choice when tapped. */
  value?: string;
  /** Opens a web page instead. */
  url?: string;
}

/** What the engine sends, already in the user's language; each channel adapter draws it its own way. */
export type OutboundMessage =
  /** `from` names the person who wrote it when it is not Mingbai itself (a teacher's reply from the inbox). */
  | { type: 'text'; text: string; from?: string }
  | { type: 'choices'; text: string; choices: Choice[] }
  | { type: 'card'; title: string; body: string; buttons: CardButton[] }
  | { type: 'image_request'; text: string; skip?: Choice }
  | { type: 'link'; text: string; url: string; label: string };

/**
 * A message before translation: the pure walker speaks in locale keys, never in finished text.
 * `params` fill placeholders as they are; `paramKeys` fill them with the translation of another key.
 */
interface Translatable {
  key: string;
  params?: MessageParams;
  paramKeys?: Record<string, string>;
}

export type MessageSpec =
  | ({ type: 'text' } & Translatable)
  | ({ type: 'choices'; options: { value: string; labelKey?: string; label?: string }[] } & Translatable)
  | ({ type: 'image_request'; optional: boolean } & Translatable)
  | ({ type: 'link'; url: string; labelKey: string } & Translatable)
  | { type: 'rendered'; message: OutboundMessage };
