import { XMLParser } from 'fast-xml-parser';

/** WeChat's messages are a few hundred bytes; anything near this is not from WeChat. */
export const MAX_WECHAT_XML_BYTES = 64 * 1024;

export class WechatXmlError extends Error {}

// Values stay strings (a MsgId is a 64-bit number that a JS number would round). Only XML's five predefined
// entities are decoded: a DOCTYPE, and so any entity it could declare, is refused before parsing.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 8,
});

/**
 * The flat fields of a WeChat `<xml>…</xml>` document (ToUserName, MsgType, Content, Encrypt…), as strings.
 * Nested elements (a template job's details, a menu's items) are dropped: Mingbai reads none of them.
 */
export function parseWechatXml(text: string): Record<string, string> {
  if (text.length > MAX_WECHAT_XML_BYTES) throw new WechatXmlError('message too large');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new WechatXmlError('DOCTYPE and entities are not accepted');
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch (error) {
    throw new WechatXmlError(error instanceof Error ? error.message : 'not XML');
  }
  const root = (parsed as { xml?: unknown } | null)?.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new WechatXmlError('no <xml> element');
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(root)) {
    if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}
