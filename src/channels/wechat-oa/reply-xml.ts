import { encryptWechatMessage } from './safe-mode-crypto.js';
import { wechatSignature } from './signature.js';

/** CDATA cannot contain "]]>": split it across two sections. */
function cdata(value: string): string {
  return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** A passive text reply (被动回复): to the user who wrote, from the account they wrote to. */
export function textReplyXml(input: {
  to: string;
  from: string;
  createTime: number;
  content: string;
}): string {
  return [
    '<xml>',
    `<ToUserName>${cdata(input.to)}</ToUserName>`,
    `<FromUserName>${cdata(input.from)}</FromUserName>`,
    `<CreateTime>${Math.floor(input.createTime)}</CreateTime>`,
    `<MsgType>${cdata('text')}</MsgType>`,
    `<Content>${cdata(input.content)}</Content>`,
    '</xml>',
  ].join('');
}

/** The same reply in safe mode: encrypted, and signed over token, timestamp, nonce and the ciphertext. */
export async function encryptedReplyXml(input: {
  token: string;
  encodingAesKey: string;
  appId: string;
  xml: string;
  timestamp: string;
  nonce: string;
}): Promise<string> {
  const encrypted = await encryptWechatMessage(input.encodingAesKey, input.appId, input.xml);
  const signature = await wechatSignature([input.token, input.timestamp, input.nonce, encrypted]);
  return [
    '<xml>',
    `<Encrypt>${cdata(encrypted)}</Encrypt>`,
    `<MsgSignature>${cdata(signature)}</MsgSignature>`,
    `<TimeStamp>${input.timestamp}</TimeStamp>`,
    `<Nonce>${cdata(input.nonce)}</Nonce>`,
    '</xml>',
  ].join('');
}
