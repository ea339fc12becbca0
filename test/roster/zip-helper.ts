import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/roster/crc32.js';

export interface TestZipEntry {
  name: string;
  data: Uint8Array | string;
  /** Compress with deflate (Node's zlib). */
  deflate?: boolean;
  /** Lie about the uncompressed size in the headers (zip-bomb tests). */
  declaredSize?: number;
}

/** A small ZIP writer for tests (deflate via node:zlib, which src/roster must not use). */
export function buildZip(entries: TestZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? enc.encode(entry.data) : entry.data;
    const body = entry.deflate ? new Uint8Array(deflateRawSync(raw)) : raw;
    const name = enc.encode(entry.name);
    const size = entry.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, entry.deflate ? 8 : 0, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const c = new Uint8Array(46 + name.length);
    const cv = new DataView(c.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, entry.deflate ? 8 : 0, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    c.set(name, 46);
    parts.push(local, body);
    central.push(c);
    offset += local.length + body.length;
  }
  const dirSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, eocd];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const part of all) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal workbook around the given sheet XML body (and optional shared strings), deflated. */
export function buildXlsx(
  sheetData: string,
  options: { sharedStrings?: string; prefix?: string; extra?: string } = {},
): Uint8Array {
  const px = options.prefix ? `${options.prefix}:` : '';
  const xmlns = options.prefix ? `xmlns:${options.prefix}="${NS}"` : `xmlns="${NS}"`;
  const entries: TestZipEntry[] = [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><${px}workbook ${xmlns} xmlns:r="${R}"><${px}sheets><${px}sheet name="名单" sheetId="1" r:id="rId1"/></${px}sheets></${px}workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      deflate: true,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><${px}worksheet ${xmlns}><${px}sheetData>${sheetData}</${px}sheetData>${options.extra ?? ''}</${px}worksheet>`,
      deflate: true,
    },
  ];
  if (options.sharedStrings !== undefined) {
    entries.push({
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0"?><sst xmlns="${NS}">${options.sharedStrings}</sst>`,
      deflate: true,
    });
  }
  return buildZip(entries);
}

/** An inline-string cell. */
export function is(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

/** The six template headers as inline strings on row `r`. */
export function headerRow(r = 1): string {
  const names = ['班级', '学号', '学生姓名', '监护人姓名', '与学生关系', '监护人手机号'];
  return `<row r="${r}">${names.map((n, i) => is(`${String.fromCharCode(65 + i)}${r}`, n)).join('')}</row>`;
}
