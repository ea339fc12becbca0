import { describe, expect, it } from 'vitest';
import { detectPhotoType, stripPhotoMetadata } from '../../src/documents/index.js';
import { fixture } from './image-tools.js';

const MAX = 10 * 1024 * 1024;
const text = (value: string) => new TextEncoder().encode(value);
/** An ISO-BMFF file: an 'ftyp' box with the given brands, then an empty 'mdat'. */
const isoBmff = (major: string, ...compatible: string[]) =>
  text(
    `\0\0\0${String.fromCharCode(16 + 4 * compatible.length)}ftyp${major}\0\0\0\0${compatible.join('')}\0\0\0\x08mdat`,
  );

describe('document photo refusals (the acceptance list of issue 11)', () => {
  it('refuses a PDF renamed .jpg: the name is never looked at, the bytes say PDF', () => {
    const pdf = text('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    expect(stripPhotoMetadata(pdf, { maxBytes: MAX })).toEqual({ ok: false, reason: 'not_an_image' });
  });

  it('refuses an SVG with script, with or without an XML declaration or BOM', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>';
    for (const file of [svg, `<?xml version="1.0"?>\n${svg}`, `\uFEFF  <!-- logo -->\n${svg}`])
      expect(stripPhotoMetadata(text(file), { maxBytes: MAX })).toEqual({
        ok: false,
        reason: 'unsupported_type',
      });
  });

  it('refuses an empty file', () => {
    expect(stripPhotoMetadata(new Uint8Array(0), { maxBytes: MAX })).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses a 30 MB file on its size alone, before parsing (these bytes would otherwise be "not an image")', () => {
    const huge = new Uint8Array(30 * 1024 * 1024);
    expect(stripPhotoMetadata(huge, { maxBytes: MAX })).toEqual({ ok: false, reason: 'too_large' });
    const photo = fixture('gps-orientation-6.jpg');
    expect(stripPhotoMetadata(photo, { maxBytes: photo.length - 1 })).toEqual({
      ok: false,
      reason: 'too_large',
    });
    expect(stripPhotoMetadata(photo, { maxBytes: photo.length }).ok).toBe(true);
  });

  it('refuses a truncated JPEG', () => {
    const photo = fixture('gps-orientation-6.jpg');
    expect(stripPhotoMetadata(photo.subarray(0, 1000), { maxBytes: MAX })).toEqual({
      ok: false,
      reason: 'truncated',
    });
    expect(stripPhotoMetadata(photo.subarray(0, 2), { maxBytes: MAX })).toEqual({
      ok: false,
      reason: 'truncated',
    });
  });

  it('refuses other image types as unsupported, and other files as not images', () => {
    expect(detectPhotoType(text('GIF89a\x01\0\x01\0'))).toEqual({ ok: false, reason: 'unsupported_type' });
    expect(detectPhotoType(new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]))).toEqual({
      ok: false,
      reason: 'unsupported_type',
    });
    expect(detectPhotoType(isoBmff('avif', 'mif1', 'miaf'))).toEqual({
      ok: false,
      reason: 'unsupported_type',
    });
    expect(detectPhotoType(isoBmff('mif1', 'avif', 'miaf'))).toEqual({
      ok: false,
      reason: 'unsupported_type',
    });
    expect(detectPhotoType(isoBmff('isom', 'mp41'))).toEqual({ ok: false, reason: 'not_an_image' });
    expect(detectPhotoType(text('PK\x03\x04 a zip'))).toEqual({ ok: false, reason: 'not_an_image' });
    expect(detectPhotoType(text('<html><body>hi</body></html>'))).toEqual({
      ok: false,
      reason: 'not_an_image',
    });
  });
});

describe('photo type detection', () => {
  it('recognises the four accepted types by content', () => {
    expect(detectPhotoType(fixture('gps-orientation-6.jpg'))).toEqual({ ok: true, value: 'image/jpeg' });
    expect(detectPhotoType(fixture('metadata.png'))).toEqual({ ok: true, value: 'image/png' });
    expect(detectPhotoType(fixture('metadata.webp'))).toEqual({ ok: true, value: 'image/webp' });
    expect(detectPhotoType(fixture('photo.heic'))).toEqual({ ok: true, value: 'image/heic' });
  });

  it('knows the HEIF brands phones write', () => {
    for (const major of ['heic', 'heix', 'hevc', 'heim', 'heis'])
      expect(detectPhotoType(isoBmff(major, 'mif1'))).toEqual({ ok: true, value: 'image/heic' });
    for (const major of ['mif1', 'msf1'])
      expect(detectPhotoType(isoBmff(major, 'heic'))).toEqual({ ok: true, value: 'image/heic' });
    expect(detectPhotoType(isoBmff('mif1', 'miaf'))).toEqual({ ok: true, value: 'image/heic' });
  });

  it('calls a file cut inside its signature truncated, and a bad ftyp box malformed', () => {
    expect(detectPhotoType(new Uint8Array([0xff, 0xd8]))).toEqual({ ok: false, reason: 'truncated' });
    expect(detectPhotoType(new Uint8Array([0x89, 0x50, 0x4e]))).toEqual({ ok: false, reason: 'truncated' });
    expect(detectPhotoType(text('\0\0\0\x18ftypheic'))).toEqual({ ok: false, reason: 'truncated' });
    expect(detectPhotoType(text('\0\0\0\x07ftypheic\0\0\0\0'))).toEqual({ ok: false, reason: 'malformed' });
  });
});
