/**
 * A minimal, non-validating XML scanner for the parts of an XLSX we read. Namespace prefixes are dropped
 * from element names (`x:row` → `row`), since some writers prefix the spreadsheetml namespace.
 */
export interface XmlHandler {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  text(value: string): void;
}

export function scanXml(xml: string, handler: XmlHandler): void {
  const len = xml.length;
  let pos = 0;
  while (pos < len) {
    const lt = xml.indexOf('<', pos);
    if (lt === -1) {
      if (pos < len) handler.text(decodeXmlText(xml.slice(pos)));
      return;
    }
    if (lt > pos) handler.text(decodeXmlText(xml.slice(pos, lt)));
    const next = xml.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      pos = endOf(xml, '?>', lt);
    } else if (next === 33 /* ! */) {
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        const stop = end === -1 ? len : end;
        handler.text(xml.slice(lt + 9, stop));
        pos = end === -1 ? len : end + 3;
      } else if (xml.startsWith('<!--', lt)) {
        pos = endOf(xml, '-->', lt);
      } else {
        pos = endOf(xml, '>', lt);
      }
    } else {
      const gt = findTagEnd(xml, lt + 1);
      if (gt === -1) return;
      const isClose = next === 47; /* / */
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const inner = xml.slice(isClose ? lt + 2 : lt + 1, selfClosing ? gt - 1 : gt);
      const nameEnd = firstSpace(inner);
      const qname = inner.slice(0, nameEnd);
      const colon = qname.indexOf(':');
      const name = colon === -1 ? qname : qname.slice(colon + 1);
      if (isClose) handler.close(name);
      else handler.open(name, inner.slice(nameEnd), selfClosing);
      pos = gt + 1;
    }
  }
}

function endOf(xml: string, marker: string, from: number): number {
  const i = xml.indexOf(marker, from);
  return i === -1 ? xml.length : i + marker.length;
}

/** Index of the `>` closing a tag, skipping `>` inside quoted attribute values. */
function findTagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

function firstSpace(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) return i;
  }
  return s.length;
}

/** Value of attribute `name` (prefix ignored, so `r:id` matches `id`), entity-decoded; null if absent. */
export function getAttr(attrs: string, name: string): string | null {
  const re = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(attrs); m !== null; m = re.exec(attrs)) {
    const key = m[1] ?? '';
    const local = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
    if (key === name || local === name) return decodeXmlText(m[2] ?? m[3] ?? '');
  }
  return null;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return safeCodePoint(Number.parseInt(ref.slice(2), 16)) ?? whole;
    if (ref.startsWith('#')) return safeCodePoint(Number.parseInt(ref.slice(1), 10)) ?? whole;
    return NAMED[ref] ?? whole;
  });
}

function safeCodePoint(n: number): string | null {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : null;
}

/** Undoes OOXML's `_xHHHH_` escapes (e.g. `_x000D_` for a carriage return, `_x005F_` for `_`). */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_whole, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => `&${c === '<' ? 'lt' : c === '>' ? 'gt' : c === '&' ? 'amp' : c === '"' ? 'quot' : 'apos'};`,
  );
}
