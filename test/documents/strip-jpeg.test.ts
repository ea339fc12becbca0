import { describe, expect, it } from 'vitest';
import { stripPhotoMetadata } from '../../src/documents/index.js';
import { stripJpeg } from '../../src/documents/strip-jpeg.js';
import {
  ascii,
  decodedSize,
  exiftoolTags,
  fixture,
  hasExiftool,
  jpegSegments,
  tiffTags,
} from './image-tools.js';

const MAX = 10 * 1024 * 1024;
const ORIENTATION_TAG = 0x0112;

// gps-orientation-6.jpg: 16×8, made with ImageMagick, then exiftool added GPS, Make/Model, DateTimeOriginal,
// Orientation=6, XMP dc:creator, IPTC By-line and a COM comment. le-orientation-8.jpg: little-endian Exif, Orientation=8.
describe('JPEG metadata stripping', () => {
  const original = fixture('gps-orientation-6.jpg');

  it('removes Exif, XMP, IPTC and COM and keeps only the orientation, upright', () => {
    const before = jpegSegments(original).map((segment) => segment.marker);
    expect(before).toEqual(expect.arrayContaining([0xe1, 0xed, 0xfe]));

    const result = stripPhotoMetadata(original, { maxBytes: MAX });
    if (!result.ok) throw new Error(result.reason);
    const { bytes, orientation, removed } = result.value;
    expect(orientation).toBe(6);
    expect(removed).toEqual(expect.arrayContaining(['APP1 Exif', 'APP1 XMP', 'APP13 IPTC/Photoshop', 'COM']));

    const segments = jpegSegments(bytes);
    expect(segments.some((segment) => segment.marker === 0xed || segment.marker === 0xfe)).toBe(false);
    const app1 = segments.filter((segment) => segment.marker === 0xe1);
    expect(app1).toHaveLength(1);
    expect(ascii(app1[0]!.body.subarray(0, 6))).toBe('Exif\0\0');
    // IFD0 holds the orientation and nothing else: no GPS or Exif sub-IFD pointer, no camera, no date.
    expect(tiffTags(app1[0]!.body.subarray(6))).toEqual([ORIENTATION_TAG]);
    const text = ascii(bytes);
    for (const secret of [
      'TestPhone',
      'TestModel',
      'TestCreator',
      'TestByline',
      'secret comment',
      '2026:09:01',
    ])
      expect(text).not.toContain(secret);

    // The compressed picture is untouched and still decodes.
    expect(decodedSize(bytes, 'jpg')).toBe('16x8');
    const scan = (jpeg: Uint8Array) => jpeg.subarray(ascii(jpeg).lastIndexOf('\xff\xda'));
    expect(scan(bytes)).toEqual(scan(original));
  });

  // exiftool (Debian libimage-exiftool-perl) is an independent second reader; where it is not installed the segment
  // assertions above carry the test alone.
  it.runIf(hasExiftool)('leaves exiftool nothing to find but the orientation', () => {
    const result = stripPhotoMetadata(original, { maxBytes: MAX });
    if (!result.ok) throw new Error(result.reason);
    expect(exiftoolTags(original, 'jpg')['GPS:GPSLatitude']).toBeCloseTo(28.19);
    const tags = exiftoolTags(result.value.bytes, 'jpg');
    expect(Object.keys(tags).filter((key) => !key.startsWith('JFIF:'))).toEqual(['IFD0:Orientation']);
    expect(tags['IFD0:Orientation']).toBe(6);
  });

  it('reads a little-endian orientation', () => {
    const result = stripPhotoMetadata(fixture('le-orientation-8.jpg'), { maxBytes: MAX });
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.orientation).toBe(8);
    expect(decodedSize(result.value.bytes, 'jpg')).toBe('16x8');
  });

  it('copies every scan of a progressive JPEG (tables and scan headers between scans)', () => {
    // progressive.jpg: 48×32 plasma, progressive (10 scans), with GPS, a comment and Orientation=3.
    const progressive = fixture('progressive.jpg');
    const result = stripPhotoMetadata(progressive, { maxBytes: MAX });
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.orientation).toBe(3);
    const scans = (jpeg: Uint8Array) => ascii(jpeg).split('\xff\xda').length - 1;
    expect(scans(result.value.bytes)).toBe(scans(progressive));
    expect(scans(progressive)).toBeGreaterThan(1);
    expect(decodedSize(result.value.bytes, 'jpg')).toBe('48x32');
  });

  it('writes no Exif at all when the photo is already upright', () => {
    const withoutOrientation = setOrientation(original, 1);
    const result = stripPhotoMetadata(withoutOrientation, { maxBytes: MAX });
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.orientation).toBe(1);
    expect(jpegSegments(result.value.bytes).some((segment) => segment.marker === 0xe1)).toBe(false);
  });

  it('drops what phones append after EOI (MPF previews carry their own Exif)', () => {
    const trailer = new TextEncoder().encode('\xff\xd8\xff\xe1 GPS of the preview');
    const result = stripJpeg(new Uint8Array([...original, ...trailer]));
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.removed).toContain('data after EOI');
    expect(ascii(result.value.bytes.subarray(-2))).toBe('\xff\xd9');
    expect(ascii(result.value.bytes)).not.toContain('preview');
  });

  it('refuses a truncated JPEG, a missing EOI, and a segment length past the end', () => {
    expect(stripPhotoMetadata(original.subarray(0, original.length / 2), { maxBytes: MAX })).toEqual({
      ok: false,
      reason: 'truncated',
    });
    expect(stripJpeg(original.subarray(0, original.length - 2))).toEqual({ ok: false, reason: 'truncated' });
    const longSegment = original.slice(0, 40);
    longSegment.set([0xff, 0xe1, 0xff, 0xff], 2);
    expect(stripJpeg(longSegment)).toEqual({ ok: false, reason: 'truncated' });
    expect(stripJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toEqual({ ok: false, reason: 'malformed' });
    expect(stripJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0, 0]))).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('never throws and never hangs on any prefix or any single corrupted byte', () => {
    for (let length = 0; length <= original.length; length++) {
      const result = stripJpeg(original.subarray(0, length));
      if (length < original.length - 2) expect(result.ok).toBe(false);
    }
    for (let index = 0; index < original.length; index += 7) {
      const corrupted = original.slice();
      corrupted[index] = corrupted[index]! ^ 0xff;
      expect(() => stripJpeg(corrupted)).not.toThrow();
    }
  });
});

/** A copy of the fixture with its Exif orientation value rewritten in place (big-endian Exif). */
function setOrientation(jpeg: Uint8Array, value: number): Uint8Array {
  const copy = jpeg.slice();
  const app1 = jpegSegments(copy).find(
    (segment) => segment.marker === 0xe1 && ascii(segment.body.subarray(0, 4)) === 'Exif',
  );
  const tiff = app1!.body.subarray(6);
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4);
  for (let index = 0; index < view.getUint16(ifd); index++) {
    const entry = ifd + 2 + index * 12;
    if (view.getUint16(entry) === ORIENTATION_TAG) view.setUint16(entry + 8, value);
  }
  return copy;
}
