import * as z from 'zod';
import type { MessageParams } from '../i18n/index.js';

/** The longest message a person may type; longer ones are refused with a message, never cut. */
export const MAX_TEXT_CHARS = 1000;

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

/**
 * Where an answer comes from: one compact line (effective date · document · status) and the citation list a
 * reader can expand. Channels that cannot expand show the line; `text`/`body` already say it in words.
 */
export interface SourceNote {
  summary: string;
  /** The expanding control's label: 查看依据. */
  label: string;
  items: string[];
}

/** One programme of a result card, for channels that draw it richly; `body` has the same in plain text. */
export interface CardSection {
  heading: string;
  /** Short lines always shown: the amount's status, what is missing. */
  lines: string[];
  /** Collapsible detail: how to apply and the materials to prepare. */
  detail?: { label: string; items: string[] };
  sources?: SourceNote;
}

/** What the engine sends, already in the user's language; each channel adapter draws it its own way. */
export type OutboundMessage =
  /**
   * `chosen`: the options of the question just before that a typed answer picked (channels may mark them).
   * `from` names the person who wrote it when it is not Mingbai itself (a teacher's reply from the inbox).
   */
  | { type: 'text'; text: string; sources?: SourceNote; chosen?: string[]; from?: string }
  | { type: 'choices'; text: string; choices: Choice[] }
  | {
      type: 'card';
      title: string;
      /** The whole card as plain text, for channels without rich cards and for the history. */
      body: string;
      buttons: CardButton[];
      /** Optional rich form of `body`: sections by programme, then footer lines. */
      sections?: { group: string; items: CardSection[] }[];
      footer?: string[];
      /** Who it is for and what to do, in a few words: what a WeChat template message shows under the title. */
      brief?: string;
    }
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
  | ({
      type: 'choices';
      options: { value: string; labelKey?: string; label?: string }[];
      /** Lists the options with their numbers in the text too (after a reply that matched none). */
      numbered?: boolean;
    } & Translatable)
  /** "好的，记下了：初中": how a typed answer was understood, so a wrong reading is seen at once. */
  | { type: 'understood'; options: { value: string; labelKey?: string; label?: string }[] }
  | ({ type: 'image_request'; optional: boolean } & Translatable)
  | ({ type: 'link'; url: string; labelKey: string } & Translatable)
  | { type: 'rendered'; message: OutboundMessage };
