/** WeChat's messages are a few hundred bytes; anything near this is not from WeChat. */
export const MAX_WECHAT_XML_BYTES = 64 * 1024;

export class WechatXmlError extends Error {}

// A WeChat message is one <xml> element holding flat text fields, so this reads exactly that and refuses
// anything not well-formed. It replaced fast-xml-parser, whose general parser, validator and their four
// dependencies were about 20 KiB of the Worker's gzip bundle (a fifth of what it was over its 350 KiB target);
// the cases that library accepted and refused are kept in test/wechat/parse-wechat-xml.test.ts.
// Values stay strings (a MsgId is a 64-bit number that a JS number would round); plain text is trimmed, CDATA
// kept as is. Only XML's five predefined entities are decoded (others stay as written): a DOCTYPE, and so any
// entity it could declare, is refused before parsing.

/** <xml> and at most eight levels of elements inside it. */
const MAX_DEPTH = 9;
const NAME = /^[\p{L}_:][\p{L}\p{N}_:.\-\u00B7]*$/u;
const ATTRIBUTES = /^(?:\s+[\p{L}_:][\p{L}\p{N}_:.\-\u00B7]*\s*=\s*(?:"[^"]*"|'[^']*'))*\s*$/u;
/** Names that would reach an object's prototype. */
const REFUSED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const REFERENCE = /&(?:#\d+|#x[\da-fA-F]+|[\p{L}_][\p{L}\p{N}_.-]*);/uy;
const PREDEFINED = new Map([
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&amp;', '&'],
  ['&quot;', '"'],
  ['&apos;', "'"],
]);

/**
 * The flat fields of a WeChat `<xml>…</xml>` document (ToUserName, MsgType, Content, Encrypt…), as strings.
 * Nested elements (a template job's details, a menu's items), and a field that appears twice, are dropped:
 * Mingbai reads none of them.
 */
export function parseWechatXml(text: string): Record<string, string> {
  if (text.length > MAX_WECHAT_XML_BYTES) throw new WechatXmlError('message too large');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new WechatXmlError('DOCTYPE and entities are not accepted');
  return readFields(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
}

function readFields(xml: string): Record<string, string> {
  const open: string[] = [];
  // A field's text, or null once it has elements inside or appeared twice.
  const fields = new Map<string, string | null>();
  let field: { name: string; text: string; nested: boolean } | undefined;
  let rootSeen = false;
  const addText = (value: string) => {
    if (open.length === 0 && value.trim() !== '') throw new WechatXmlError('text outside the <xml> element');
    if (open.length === 2 && field) field.text += value;
  };
  const close = () => {
    const depth = open.length;
    open.pop();
    if (depth !== 2 || !field) return;
    fields.set(field.name, fields.has(field.name) || field.nested ? null : field.text);
    field = undefined;
  };

  let pos = 0;
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    addText(decodeText(xml.slice(pos, lt === -1 ? xml.length : lt)).trim());
    if (lt === -1) break;
    if (xml.startsWith('<?', lt)) {
      pos = endOf(xml, '?>', lt + 2);
    } else if (xml.startsWith('<!--', lt)) {
      pos = endOf(xml, '-->', lt + 4);
    } else if (xml.startsWith('<![CDATA[', lt)) {
      if (open.length === 0) throw new WechatXmlError('CDATA outside the <xml> element');
      pos = endOf(xml, ']]>', lt + 9);
      addText(xml.slice(lt + 9, pos - 3));
    } else if (xml.startsWith('<!', lt)) {
      throw new WechatXmlError('declarations are not accepted');
    } else {
      const gt = tagEnd(xml, lt + 1);
      const tag = xml.slice(lt + 1, gt);
      pos = gt + 1;
      if (tag.startsWith('/')) {
        if (tag.slice(1).trimEnd() !== open.at(-1)) throw new WechatXmlError(`unexpected </${tag.slice(1)}>`);
        close();
        continue;
      }
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const nameEnd = body.search(/\s|$/);
      const name = body.slice(0, nameEnd);
      if (!NAME.test(name) || !ATTRIBUTES.test(body.slice(nameEnd)))
        throw new WechatXmlError(`bad tag <${tag}>`);
      if (REFUSED_NAMES.has(name)) throw new WechatXmlError(`element <${name}> is not accepted`);
      if (open.length === 0) {
        if (rootSeen) throw new WechatXmlError('more than one root element');
        if (name !== 'xml') throw new WechatXmlError('no <xml> element');
        rootSeen = true;
      } else if (open.length === 1) {
        field = { name, text: '', nested: false };
      } else if (field) {
        field.nested = true;
      }
      open.push(name);
      if (open.length > MAX_DEPTH) throw new WechatXmlError('elements nested too deeply');
      if (selfClosing) close();
    }
  }
  if (open.length > 0) throw new WechatXmlError(`<${open.at(-1)}> is not closed`);
  if (fields.size === 0) throw new WechatXmlError('no fields in the <xml> element');
  const result: Record<string, string> = {};
  for (const [name, value] of fields) if (value !== null) result[name] = value;
  return result;
}

/** Just past `marker`, searched from `from`; an unterminated comment, CDATA or instruction is not XML. */
function endOf(xml: string, marker: string, from: number): number {
  const index = xml.indexOf(marker, from);
  if (index === -1) throw new WechatXmlError(`no closing ${marker}`);
  return index + marker.length;
}

/** Index of the `>` ending a tag, skipping any inside quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
    else if (c === '<') break;
  }
  throw new WechatXmlError('a tag is not closed');
}

/** Decodes the five predefined entities; any other `&` must start a well-formed reference, kept as written. */
function decodeText(raw: string): string {
  if (!raw.includes('&')) return raw;
  let out = '';
  let pos = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', pos)) {
    REFERENCE.lastIndex = amp;
    const match = REFERENCE.exec(raw);
    if (!match) throw new WechatXmlError('a bare & in text');
    const reference = match[0];
    out += raw.slice(pos, amp) + (PREDEFINED.get(reference) ?? reference);
    pos = amp + reference.length;
  }
  return out + raw.slice(pos);
}
