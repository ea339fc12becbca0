import { describe, expect, it } from 'vitest';
import { stripPhotoMetadata } from '../../src/documents/index.js';
import { stripHeic } from '../../src/documents/strip-heic.js';
import { ascii, decodedSize, exiftoolTags, fixture, hasExiftool } from './image-tools.js';

const MAX = 10 * 1024 * 1024;

// photo.heic: 64×64 HEIC from ImageMagick (libheif); exiftool added an Exif item with GPS and Make.
describe('HEIC metadata stripping', () => {
  const original = fixture('photo.heic');

  it('blanks the Exif item in place: same size, no GPS or camera, still decodes', () => {
    expect(ascii(original)).toContain('TestPhone');
    const result = stripPhotoMetadata(original, { maxBytes: MAX });
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.type).toBe('image/heic');
    expect(result.value.removed).toEqual(['Exif item']);
    expect(result.value.bytes.length).toBe(original.length);
    expect(ascii(result.value.bytes)).not.toContain('TestPhone');
    expect(decodedSize(result.value.bytes, 'heic')).toBe('64x64');
  });

  it.runIf(hasExiftool)('leaves exiftool no GPS or camera tags', () => {
    const result = stripPhotoMetadata(original, { maxBytes: MAX });
    if (!result.ok) throw new Error(result.reason);
    expect(exiftoolTags(original, 'heic')['IFD0:Make']).toBe('TestPhone');
    const keys = Object.keys(exiftoolTags(result.value.bytes, 'heic'));
    expect(keys.filter((key) => /^(GPS|IFD0|ExifIFD|XMP)/.test(key))).toEqual([]);
  });

  it('refuses a truncated file and never throws on corrupted bytes', () => {
    expect(stripHeic(original.subarray(0, 300))).toEqual({ ok: false, reason: 'truncated' });
    for (let length = 0; length < original.length; length += 5)
      expect(() => stripHeic(original.subarray(0, length))).not.toThrow();
    for (let index = 0; index < original.length; index += 2) {
      const corrupted = original.slice();
      corrupted[index] = corrupted[index]! ^ 0xff;
      expect(() => stripHeic(corrupted)).not.toThrow();
    }
  });
});
