import { concatBytes } from './concat-bytes.js';
import { crc32 } from './crc32.js';
import {
  EXIF_HEADER,
  hasExifHeader,
  minimalExifTiff,
  type Orientation,
  readExifOrientation,
} from './exif-orientation.js';
import { type PhotoResult, refuse } from './photo-result.js';
import type { StrippedPhoto } from './stripped-photo.js';

const SIGNATURE_LENGTH = 8;

/**
 * Ancillary chunks that change how the picture looks, so they stay: transparency, colour, gamma, density, and the
 * APNG frame chunks. Every other ancillary chunk (lower-case first letter) goes: eXIf, tEXt, zTXt, iTXt, tIME, and
 * vendor chunks we do not know (C2PA 'caBX', Apple 'iDOT'…). Critical chunks (upper-case) are the image: all kept.
 */
const KEPT_ANCILLARY = new Set([
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'bKGD',
  'pHYs',
  'hIST',
  'sPLT',
  'cICP',
  'mDCV',
  'cLLI',
  'acTL',
  'fcTL',
  'fdAT',
]);

/**
 * Removes metadata from a PNG losslessly: kept chunks are copied whole, CRC included (so their CRCs are untouched),
 * and anything after IEND is dropped. As for JPEG, an orientation other than 1 is kept as a minimal eXIf chunk
 * (browsers honour eXIf orientation), written just before the first IDAT as the PNG specification requires.
 * Refuses a chunk running past the end, a missing IHDR or IEND, or a length over 2³¹−1.
 */
export function stripPng(bytes: Uint8Array): PhotoResult<StrippedPhoto> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [];
  const removed: string[] = [];
  let orientation: Orientation | undefined;
  let firstIdat = -1;
  let position = SIGNATURE_LENGTH;
  let sawEnd = false;
  while (!sawEnd) {
    if (position + 12 > bytes.length) return refuse('truncated');
    const length = view.getUint32(position);
    if (length > 0x7fffffff) return refuse('malformed');
    const type = String.fromCharCode(...bytes.subarray(position + 4, position + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) return refuse('malformed');
    if (kept.length === 0 && removed.length === 0 && type !== 'IHDR') return refuse('malformed');
    const end = position + 12 + length;
    if (end > bytes.length) return refuse('truncated');
    const isCritical = type[0]! >= 'A' && type[0]! <= 'Z';
    if (isCritical || KEPT_ANCILLARY.has(type)) {
      if (type === 'IDAT' && firstIdat < 0) firstIdat = kept.length;
      kept.push(bytes.subarray(position, end));
    } else {
      removed.push(type);
      if (type === 'eXIf' && orientation === undefined) {
        const data = bytes.subarray(position + 8, end - 4);
        orientation = readExifOrientation(hasExifHeader(data) ? data.subarray(EXIF_HEADER.length) : data);
      }
    }
    sawEnd = type === 'IEND';
    position = end;
  }
  if (firstIdat < 0) return refuse('malformed');
  if (position < bytes.length) removed.push('data after IEND');
  const finalOrientation = orientation ?? 1;
  if (finalOrientation !== 1) kept.splice(firstIdat, 0, chunk('eXIf', minimalExifTiff(finalOrientation)));
  return {
    ok: true,
    value: {
      type: 'image/png',
      bytes: concatBytes([bytes.subarray(0, SIGNATURE_LENGTH), ...kept]),
      orientation: finalOrientation,
      removed,
    },
  };
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(
    [...type].map((char) => char.charCodeAt(0)),
    4,
  );
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
