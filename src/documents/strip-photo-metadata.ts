import { detectPhotoType } from './detect-photo-type.js';
import { type PhotoResult, refuse } from './photo-result.js';
import { stripHeic } from './strip-heic.js';
import { stripJpeg } from './strip-jpeg.js';
import { stripPng } from './strip-png.js';
import { stripWebp } from './strip-webp.js';
import type { StrippedPhoto } from './stripped-photo.js';

export type StripPhotoOptions = {
  /** The configured upload limit in bytes (e.g. config.MAX_UPLOAD_BYTES). */
  maxBytes: number;
};

/**
 * The document photo pipeline's core: size limit, type by content, then lossless metadata removal.
 * The size is checked before a single byte is parsed, so a 30 MB upload costs nothing; a caller that can, should also
 * check the declared size before reading the body at all. Pure and synchronous: the same on Node and Workers
 * (Uint8Array and DataView only). Never throws on any input; every refusal is a stable code.
 */
export function stripPhotoMetadata(
  bytes: Uint8Array,
  options: StripPhotoOptions,
): PhotoResult<StrippedPhoto> {
  if (bytes.length === 0) return refuse('empty');
  if (bytes.length > options.maxBytes) return refuse('too_large');
  const detected = detectPhotoType(bytes);
  if (!detected.ok) return detected;
  try {
    switch (detected.value) {
      case 'image/jpeg':
        return stripJpeg(bytes);
      case 'image/png':
        return stripPng(bytes);
      case 'image/webp':
        return stripWebp(bytes);
      case 'image/heic':
        return stripHeic(bytes);
    }
  } catch {
    // The parsers bounds-check every read; this is a last guard so that no upload can ever become a 500.
    return refuse('malformed');
  }
}
