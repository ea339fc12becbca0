/**
 * Exif Orientation (tag 0x0112): 1 = upright, 3 = upside down, 6 = turn 90° clockwise to view, 8 = 90° anticlockwise;
 * 2, 4, 5, 7 are the mirrored variants. Phones store the sensor's pixels and this tag instead of rotating them.
 */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const ORIENTATION_TAG = 0x0112;
const TYPE_SHORT = 3;

const isOrientation = (value: number): value is Orientation =>
  Number.isInteger(value) && value >= 1 && value <= 8;

/**
 * Reads the orientation from a TIFF structure (the body of a JPEG "Exif\0\0" segment, a PNG eXIf chunk, a WebP
 * EXIF chunk). Returns undefined when absent or unreadable: a damaged Exif block is dropped anyway, so it is no reason
 * to refuse the photo. Every read is bounds-checked; only IFD0 is visited, so there is no offset chain to loop on.
 */
export function readExifOrientation(tiff: Uint8Array): Orientation | undefined {
  if (tiff.length < 8) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0]!, tiff[1]!);
  if (order !== 'II' && order !== 'MM') return undefined;
  const little = order === 'II';
  if (view.getUint16(2, little) !== 42) return undefined;
  const ifd = view.getUint32(4, little);
  if (ifd < 8 || ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let index = 0; index < count; index++) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    if (view.getUint16(entry + 2, little) !== TYPE_SHORT || view.getUint32(entry + 4, little) !== 1)
      return undefined;
    const value = view.getUint16(entry + 8, little);
    return isOrientation(value) ? value : undefined;
  }
  return undefined;
}

/**
 * A TIFF structure holding nothing but the orientation: big-endian header, IFD0 with one SHORT entry, no next IFD.
 * 26 bytes; no camera, no time, no place.
 */
export function minimalExifTiff(orientation: Orientation): Uint8Array {
  const tiff = new Uint8Array(26);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0x00, 0x2a]); // "MM", 42
  view.setUint32(4, 8); // IFD0 right after the header
  view.setUint16(8, 1); // one entry
  view.setUint16(10, ORIENTATION_TAG);
  view.setUint16(12, TYPE_SHORT);
  view.setUint32(14, 1); // count
  view.setUint16(18, orientation); // value, left-justified in the 4-byte field
  view.setUint32(22, 0); // no IFD1 (so no thumbnail)
  return tiff;
}

/** "Exif\0\0": the header in front of the TIFF structure in a JPEG APP1 segment (some writers also put it in WebP). */
export const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00] as const;

export const hasExifHeader = (bytes: Uint8Array): boolean =>
  EXIF_HEADER.every((byte, index) => bytes[index] === byte);
