import type { RosterTextEncoding } from './types.js';

export interface DecodedText {
  text: string;
  encoding: RosterTextEncoding;
  hadBom: boolean;
}

/**
 * Picks the encoding of a text file the way Chinese spreadsheets write them:
 * a BOM wins (Excel "CSV UTF-8" writes EF BB BF; "Unicode text" writes FF FE); else valid UTF-8 is
 * UTF-8; else GBK, which is what Excel on Chinese Windows writes for plain "CSV" (code page 936).
 */
export function detectEncoding(bytes: Uint8Array): { encoding: RosterTextEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: isValidUtf8(bytes) ? 'utf-8' : 'gbk', bomLength: 0 };
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes roster text bytes. GBK uses the platform's WHATWG decoder (label `gbk`, i.e. the GB18030
 * decoder, a superset of CP936): present in Node 20 (full ICU) and in workerd. Never throws: bytes that
 * are not valid in the chosen encoding become U+FFFD, which `looksBinary` then notices.
 */
export function decodeRosterText(bytes: Uint8Array): DecodedText {
  const { encoding, bomLength } = detectEncoding(bytes);
  const body = bytes.subarray(bomLength);
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  return { text, encoding, hadBom: bomLength > 0 };
}

/** True when decoded text is clearly not a spreadsheet export (NULs, many control or replacement chars). */
export function looksBinary(text: string): boolean {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  if (sample.length === 0) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad > 2 && bad / sample.length > 0.01;
}
