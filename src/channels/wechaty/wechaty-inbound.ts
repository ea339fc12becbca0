import type { WechatInbound } from '../wechat-oa/index.js';

/** The parts of a Wechaty message the adapter reads (wechaty's MessageInterface has them all). */
export interface WechatyMessageLike {
  type(): number;
  text(): string;
  toFileBox(): Promise<{ toBuffer(): Promise<Buffer> }>;
}

/** Wechaty's message types (wechaty-puppet's types.Message) that Mingbai reads. */
export interface WechatyMessageTypes {
  Text: number;
  Image: number;
  Contact: number;
}

/**
 * A Wechaty message as the engine sees it: text as typed, a photo as bytes fetched only when one is wanted, and
 * anything else (a shared contact card, voice, stickers, links) answered politely as unsupported.
 */
export function wechatyInbound(
  message: WechatyMessageLike,
  types: WechatyMessageTypes,
  maxBytes: number,
  onError: (error: unknown) => void,
): WechatInbound {
  switch (message.type()) {
    case types.Text:
      return { type: 'text', text: message.text() };
    case types.Image:
      return {
        type: 'image',
        download: async () => {
          try {
            const bytes = await (await message.toFileBox()).toBuffer();
            return bytes.byteLength > maxBytes ? 'too_large' : new Uint8Array(bytes);
          } catch (error) {
            onError(error);
            return null;
          }
        },
      };
    default:
      // types.Contact (a 名片), voice, video, emoticons, links, mini programs…
      return { type: 'unsupported' };
  }
}
