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

/** Chunks that make up the picture; everything else (EXIF, 'XMP ', unknown chunks) is dropped. */
const KEPT_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X']);
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

const fourCc = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));

/**
 * Removes metadata from a WebP losslessly: the RIFF chunks are copied or dropped, the VP8X flags for EXIF and XMP are
 * cleared (the EXIF flag set again when a minimal orientation-only EXIF chunk is kept, see stripJpeg for why), and the
 * RIFF size is recomputed. Refuses a RIFF size past the end of the file, an odd or too small RIFF size, a chunk running
 * past the RIFF size, or a first chunk that is not VP8/VP8L/VP8X. Bytes after the RIFF are dropped.
 */
export function stripWebp(bytes: Uint8Array): PhotoResult<StrippedPhoto> {
  if (bytes.length < 20) return refuse('truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffSize = view.getUint32(4, true);
  if (riffSize < 12 || riffSize % 2 !== 0) return refuse('malformed');
  const riffEnd = 8 + riffSize;
  if (riffEnd > bytes.length) return refuse('truncated');
  const kept: Uint8Array[] = [];
  const removed: string[] = [];
  let orientation: Orientation | undefined;
  let vp8x: Uint8Array | undefined;
  let position = 12;
  while (position < riffEnd) {
    if (position + 8 > riffEnd) return refuse('malformed');
    const type = fourCc(bytes, position);
    const size = view.getUint32(position + 4, true);
    const end = position + 8 + size + (size % 2);
    if (end > riffEnd) return riffEnd === bytes.length ? refuse('truncated') : refuse('malformed');
    if (kept.length === 0 && removed.length === 0 && !IMAGE_CHUNKS.has(type)) return refuse('malformed');
    if (KEPT_CHUNKS.has(type)) {
      const copy = bytes.slice(position, end); // a copy: VP8X's flags are edited below
      if (type === 'VP8X') {
        if (size < 10) return refuse('malformed');
        vp8x = copy;
      }
      kept.push(copy);
    } else {
      removed.push(type.trimEnd());
      if (type === 'EXIF' && orientation === undefined) {
        const data = bytes.subarray(position + 8, position + 8 + size);
        orientation = readExifOrientation(hasExifHeader(data) ? data.subarray(EXIF_HEADER.length) : data);
      }
    }
    position = end;
  }
  if (!kept.some((chunk) => IMAGE_CHUNKS.has(fourCc(chunk, 0)))) return refuse('malformed');
  if (riffEnd < bytes.length) removed.push('data after RIFF');
  // Without VP8X (a "simple" WebP) there is nowhere to declare an EXIF chunk, and no metadata to begin with.
  const finalOrientation = vp8x ? (orientation ?? 1) : 1;
  if (vp8x) {
    vp8x[8] = vp8x[8]! & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
    if (finalOrientation !== 1) {
      vp8x[8] = vp8x[8]! | VP8X_EXIF_FLAG;
      kept.push(exifChunk(finalOrientation)); // EXIF comes after the image data in the WebP container.
    }
  }
  const body = concatBytes(kept);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 4));
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  header.set(bytes.subarray(8, 12), 8);
  return {
    ok: true,
    value: { type: 'image/webp', bytes: concatBytes([header, body]), orientation: finalOrientation, removed },
  };
}

function exifChunk(orientation: Orientation): Uint8Array {
  const tiff = minimalExifTiff(orientation);
  const chunk = new Uint8Array(8 + tiff.length); // 26 bytes: even, no padding
  chunk.set([0x45, 0x58, 0x49, 0x46]); // "EXIF"
  new DataView(chunk.buffer).setUint32(4, tiff.length, true);
  chunk.set(tiff, 8);
  return chunk;
}
