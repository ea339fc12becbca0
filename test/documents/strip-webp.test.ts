import { describe, expect, it } from 'vitest';
import { stripPhotoMetadata } from '../../src/documents/index.js';
import { stripWebp } from '../../src/documents/strip-webp.js';
import {
  ascii,
  decodedSize,
  exiftoolTags,
  fixture,
  hasExiftool,
  tiffTags,
  webpChunks,
} from './image-tools.js';

const MAX = 10 * 1024 * 1024;
const riffSize = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);

// metadata.webp: 16×8 lossless WebP from ImageMagick; exiftool added EXIF (GPS, Make, Orientation=3) and XMP,
// turning it into an extended (VP8X) file.
describe('WebP metadata stripping', () => {
  const original = fixture('metadata.webp');

  it('removes the EXIF and XMP chunks, fixes the VP8X flags and the RIFF size, and keeps the orientation', () => {
    expect(webpChunks(original).map((chunk) => chunk.type)).toEqual(['VP8X', 'VP8L', 'EXIF', 'XMP ']);
    expect(webpChunks(original)[0]!.data[0]).toBe(0x0c); // EXIF and XMP flags
    const result = stripPhotoMetadata(original, { maxBytes: MAX });
    if (!result.ok) throw new Error(result.reason);
    const { bytes, orientation, removed } = result.value;
    expect(orientation).toBe(3);
    expect(removed).toEqual(['EXIF', 'XMP']);
    const chunks = webpChunks(bytes);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['VP8X', 'VP8L', 'EXIF']);
    expect(chunks[0]!.data[0]).toBe(0x08); // only the EXIF flag, for the orientation-only EXIF
    expect(tiffTags(chunks[2]!.data)).toEqual([0x0112]);
    expect(chunks[1]!.data).toEqual(webpChunks(original)[1]!.data);
    expect(riffSize(bytes)).toBe(bytes.length - 8);
    expect(ascii(bytes)).not.toContain('TestPhone');
    expect(decodedSize(bytes, 'webp')).toBe('16x8');
  });

  it('clears both flags when the photo is upright', () => {
    const upright = original.slice();
    const exif = webpChunks(upright).find((chunk) => chunk.type === 'EXIF')!.data;
    const at = ascii(exif).indexOf('\x01\x12\x00\x03'); // big-endian Orientation entry
    upright.set([0x00, 0x01], exif.byteOffset + at + 8);
    const result = stripWebp(upright);
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.orientation).toBe(1);
    expect(webpChunks(result.value.bytes).map((chunk) => chunk.type)).toEqual(['VP8X', 'VP8L']);
    expect(webpChunks(result.value.bytes)[0]!.data[0]).toBe(0x00);
    expect(decodedSize(result.value.bytes, 'webp')).toBe('16x8');
  });

  it.runIf(hasExiftool)('leaves exiftool nothing to find but the orientation', () => {
    const result = stripPhotoMetadata(original, { maxBytes: MAX });
    if (!result.ok) throw new Error(result.reason);
    const tags = Object.keys(exiftoolTags(result.value.bytes, 'webp')).filter(
      (key) => !key.startsWith('RIFF:'),
    );
    expect(tags).toEqual(['IFD0:Orientation']);
  });

  it('refuses a RIFF size past the end, an odd RIFF size, and a chunk past the RIFF size', () => {
    expect(stripWebp(original.subarray(0, original.length - 10))).toEqual({ ok: false, reason: 'truncated' });
    const odd = original.slice();
    new DataView(odd.buffer).setUint32(4, riffSize(original) - 1, true);
    expect(stripWebp(odd)).toEqual({ ok: false, reason: 'malformed' });
    const short = original.slice();
    new DataView(short.buffer).setUint32(4, 40, true); // RIFF ends inside the VP8L chunk
    expect(stripWebp(short)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('never throws on any prefix or corrupted byte', () => {
    for (let length = 0; length < original.length; length++)
      expect(stripWebp(original.subarray(0, length)).ok).toBe(false);
    for (let index = 0; index < 200; index++) {
      const corrupted = original.slice();
      corrupted[index] = corrupted[index]! ^ 0xff;
      expect(() => stripWebp(corrupted)).not.toThrow();
    }
  });
});
