import type { RosterTextEncoding } from './types.js';

export interface DecodedText {
  text: string;
  encoding: RosterTextEncoding;
  hadBom: boolean;
}

/**
 * Picks the encoding of a text file the way Chinese spreadsheets write them:
 * a BOM wins (Excel "CSV UTF-8" writes EF BB BF; "Unicode text" writes FF FE); else valid UTF-8 is
 * UTF-8; else the legacy code page: GB18030 (a superset of GBK / code page 936, what Excel on Simplified-Chinese
 * Windows writes for plain "CSV") or Big5 (code page 950, Traditional-Chinese Windows).
 */
export function detectEncoding(bytes: Uint8Array): { encoding: RosterTextEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: isValidUtf8(bytes) ? 'utf-8' : legacyChineseEncoding(bytes), bomLength: 0 };
}

/**
 * Characters a roster is full of, in both scripts: header words (班级/班級, 学号/學號, 姓名, 监护人/監護人,
 * 关系/關係, 手机/手機), relations (父亲/父親, 母亲/母親…), grade numerals and the commonest surnames.
 * Big5 bytes read as GB18030 (and the other way round) give rare characters instead, so counting these
 * tells the two apart on any real roster.
 */
const ROSTER_CHARACTERS = new Set(
  '班级級学學号號生姓名监監护護人与與关關系係手机機电電话話父亲親母爷爺奶外公婆祖年一二三四五六七八九十初高' +
    '王李张張刘劉陈陳杨楊黄黃赵趙周吴吳徐孙孫马馬朱胡郭何林高罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖田董袁潘蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧明华華文国國伟偉芳丽麗强強军軍小大',
);

function rosterScore(text: string): number {
  let score = 0;
  for (const ch of text) if (ROSTER_CHARACTERS.has(ch)) score++;
  return score;
}

function decodesCleanly(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** GB18030 unless the bytes only make sense, or make much more sense, as Big5. */
export function legacyChineseEncoding(bytes: Uint8Array): 'gb18030' | 'big5' {
  const sample = bytes.length > 65_536 ? bytes.subarray(0, 65_536) : bytes;
  const big5 = decodesCleanly('big5', sample);
  if (big5 === null) return 'gb18030';
  const gb = decodesCleanly('gb18030', sample);
  if (gb === null) return 'big5';
  return rosterScore(big5) > rosterScore(gb) ? 'big5' : 'gb18030';
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
 * Decodes roster text bytes with the platform's WHATWG decoder. The label is `gb18030`, never `gbk`: Node 20's
 * `gbk` decoder turns GB18030's 4-byte sequences (rare name characters such as 䶮 or 𠀾) into U+FFFD.
 * Both labels and `big5` work in Node 20 (full ICU) and in workerd. Never throws: bytes that are not valid in
 * the chosen encoding become U+FFFD, which `looksBinary` then notices.
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
