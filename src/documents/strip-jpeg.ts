import { concatBytes } from './concat-bytes.js';
import {
  EXIF_HEADER,
  hasExifHeader,
  minimalExifTiff,
  type Orientation,
  readExifOrientation,
} from './exif-orientation.js';
import { type PhotoResult, refuse } from './photo-result.js';
import type { StrippedPhoto } from './stripped-photo.js';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

const startsWithAscii = (bytes: Uint8Array, text: string): boolean =>
  [...text].every((char, index) => bytes[index] === char.charCodeAt(0));

/**
 * Which marker segments survive. A whitelist, so a vendor's APPn block we have never heard of is dropped too:
 * APP0 JFIF (density), APP2 ICC_PROFILE (colours) and APP14 Adobe (colour transform) are needed to show the picture
 * as taken; every other APPn (APP1 Exif/XMP, APP2 MPF previews, APP12 Ducky, APP13 IPTC/Photoshop…) and COM goes.
 * Non-APP segments (quantisation and Huffman tables, frame and scan headers) are the image itself and are kept.
 */
function keeps(marker: number, body: Uint8Array): boolean {
  if (marker === COM) return false;
  if (marker < APP0 || marker > 0xef) return true;
  if (marker === APP0) return startsWithAscii(body, 'JFIF\0');
  if (marker === APP2) return startsWithAscii(body, 'ICC_PROFILE\0');
  if (marker === APP14) return startsWithAscii(body, 'Adobe');
  return false;
}

function describe(marker: number, body: Uint8Array): string {
  if (marker === COM) return 'COM';
  if (marker === APP1 && hasExifHeader(body)) return 'APP1 Exif';
  if (marker === APP1 && startsWithAscii(body, 'http://ns.adobe.com/')) return 'APP1 XMP';
  if (marker === 0xed) return 'APP13 IPTC/Photoshop';
  if (marker === APP2 && startsWithAscii(body, 'MPF\0')) return 'APP2 MPF';
  return `APP${marker - APP0}`;
}

/**
 * Removes metadata from a JPEG losslessly: segments are copied or dropped, the compressed image data is copied
 * byte for byte, nothing is decoded. Anything after EOI (phones append MPF preview images and vendor trailers there,
 * with their own Exif) is dropped.
 *
 * Orientation: we keep a minimal Exif segment holding only the Orientation tag (and also return the value). The
 * alternative, returning the value and dropping all Exif, would need every viewer, download and export to rotate
 * the picture itself; with the tag kept, browsers and image viewers show the file upright with no extra code, and
 * the tag says nothing about who, where or when.
 *
 * Refuses (never throws, never loops: every step moves forward) when a segment length runs past the end, the SOI
 * or EOI is missing, a marker is not where one must be, or there is no frame or scan.
 */
export function stripJpeg(bytes: Uint8Array): PhotoResult<StrippedPhoto> {
  if (bytes.length < 4) return refuse('truncated');
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return refuse('malformed');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [];
  const removed: string[] = [];
  let orientation: Orientation | undefined;
  let sawFrame = false;
  let sawScan = false;
  let position = 2;
  for (;;) {
    if (position >= bytes.length) return refuse('truncated');
    if (bytes[position] !== 0xff) return refuse('malformed');
    // Any number of 0xFF fill bytes may precede a marker.
    while (position < bytes.length && bytes[position] === 0xff) position++;
    if (position >= bytes.length) return refuse('truncated');
    const marker = bytes[position]!;
    const markerStart = position - 1;
    position++;
    if (marker === EOI) {
      if (!sawFrame || !sawScan) return refuse('malformed');
      break;
    }
    if (marker === SOI || marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01)
      return refuse('malformed');
    if (position + 2 > bytes.length) return refuse('truncated');
    const length = view.getUint16(position);
    if (length < 2) return refuse('malformed');
    const end = position + length;
    if (end > bytes.length) return refuse('truncated');
    const body = bytes.subarray(position + 2, end);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      sawFrame = true;
    if (keeps(marker, body)) {
      kept.push(bytes.subarray(markerStart, end));
    } else {
      removed.push(describe(marker, body));
      if (marker === APP1 && hasExifHeader(body) && orientation === undefined)
        orientation = readExifOrientation(body.subarray(EXIF_HEADER.length));
    }
    position = end;
    if (marker === SOS) {
      if (!sawFrame) return refuse('malformed');
      sawScan = true;
      const scanEnd = endOfEntropyCodedData(bytes, position);
      if (scanEnd === undefined) return refuse('truncated');
      kept.push(bytes.subarray(position, scanEnd));
      position = scanEnd;
    }
  }
  if (position < bytes.length) removed.push('data after EOI');
  const finalOrientation = orientation ?? 1;
  const exif = finalOrientation === 1 ? [] : [exifSegment(finalOrientation)];
  // JFIF wants its APP0 first; the Exif segment goes right after it (or right after SOI).
  const afterApp0 = kept[0] !== undefined && kept[0][1] === APP0 ? 1 : 0;
  const parts = [
    new Uint8Array([0xff, SOI]),
    ...kept.slice(0, afterApp0),
    ...exif,
    ...kept.slice(afterApp0),
    new Uint8Array([0xff, EOI]),
  ];
  return {
    ok: true,
    value: { type: 'image/jpeg', bytes: concatBytes(parts), orientation: finalOrientation, removed },
  };
}

/**
 * Scans compressed data after a scan header up to the next marker. Inside it 0xFF is followed by 0x00 (a stuffed
 * byte), by 0xD0–0xD7 (restart markers) or by more 0xFF fill; any other byte after 0xFF is the next marker.
 * Returns undefined when the file ends first.
 */
function endOfEntropyCodedData(bytes: Uint8Array, from: number): number | undefined {
  let position = from;
  while (position < bytes.length) {
    if (bytes[position] !== 0xff) {
      position++;
      continue;
    }
    let next = position + 1;
    while (next < bytes.length && bytes[next] === 0xff) next++;
    if (next >= bytes.length) return undefined;
    const byte = bytes[next]!;
    if (byte === 0x00 || (byte >= 0xd0 && byte <= 0xd7)) {
      position = next + 1;
      continue;
    }
    return position;
  }
  return undefined;
}

function exifSegment(orientation: Orientation): Uint8Array {
  const tiff = minimalExifTiff(orientation);
  const length = 2 + EXIF_HEADER.length + tiff.length;
  const segment = new Uint8Array(2 + length);
  segment.set([0xff, APP1, length >> 8, length & 0xff, ...EXIF_HEADER]);
  segment.set(tiff, 4 + EXIF_HEADER.length);
  return segment;
}
