import { type PhotoResult, type PhotoType, refuse } from './photo-result.js';

// Brands of HEIF still images coded with HEVC (what iPhones and most Android phones write).
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
// Generic HEIF brands: they say "HEIF container", not which codec.
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1', 'heif']);
// Same container, other codecs: recognised so the guardian hears "this type is not accepted", not "not a photo".
const OTHER_IMAGE_BRANDS = new Set(['avif', 'avis', 'avci', 'j2ki', 'jxl ']);

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  signature.every((byte, index) => bytes[index] === byte);

/**
 * Tells a document photo's type from its bytes; the file name and the browser's claimed type are not trusted.
 * Only the signature is checked here; the strippers check the structure.
 */
export function detectPhotoType(bytes: Uint8Array): PhotoResult<PhotoType> {
  if (bytes.length === 0) return refuse('empty');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, value: 'image/jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { ok: true, value: 'image/png' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { ok: true, value: 'image/webp' };
  if (ascii(bytes, 4, 8) === 'ftyp') return detectIsoBmff(bytes);
  if (isOtherImage(bytes)) return refuse('unsupported_type');
  // A file cut short inside a signature is still recognisably a (broken) photo.
  if (bytes.length < 12 && isPrefixOfSignature(bytes)) return refuse('truncated');
  return refuse('not_an_image');
}

function detectIsoBmff(bytes: Uint8Array): PhotoResult<PhotoType> {
  if (bytes.length < 16) return refuse('truncated');
  const boxSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (boxSize < 16 || boxSize % 4 !== 0) return refuse('malformed');
  if (boxSize > bytes.length) return refuse('truncated');
  const major = ascii(bytes, 8, 12);
  const compatible: string[] = [];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) compatible.push(ascii(bytes, offset, offset + 4));
  if (HEVC_BRANDS.has(major)) return { ok: true, value: 'image/heic' };
  if (OTHER_IMAGE_BRANDS.has(major)) return refuse('unsupported_type');
  if (GENERIC_HEIF_BRANDS.has(major)) {
    // An AVIF may carry the generic 'mif1' as major brand; its compatible brands give the codec away.
    if (compatible.some((brand) => HEVC_BRANDS.has(brand))) return { ok: true, value: 'image/heic' };
    if (compatible.some((brand) => OTHER_IMAGE_BRANDS.has(brand))) return refuse('unsupported_type');
    return { ok: true, value: 'image/heic' };
  }
  // MP4/MOV video and other ISO-BMFF files.
  return refuse('not_an_image');
}

function isOtherImage(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 0, 6);
  if (head === 'GIF87a' || head === 'GIF89a') return true;
  if (head.startsWith('BM') && bytes.length > 14 && bytes.subarray(6, 10).every((byte) => byte === 0))
    return true; // BMP
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return true; // TIFF
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return true; // ICO
  if (startsWith(bytes, [0xff, 0x0a]) || startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20]))
    return true; // JPEG XL
  return looksLikeSvg(bytes);
}

/** SVG is an image type, but it is a document that can run script: never accepted. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (!text.startsWith('<')) return false;
  return text.includes('<svg');
}

const SIGNATURES: readonly (readonly number[])[] = [
  [0xff, 0xd8, 0xff],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0x52, 0x49, 0x46, 0x46], // RIFF
];

function isPrefixOfSignature(bytes: Uint8Array): boolean {
  return SIGNATURES.some(
    (signature) => bytes.length < signature.length && startsWith(bytes, signature.slice(0, bytes.length)),
  );
}
