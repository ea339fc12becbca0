import { describe, expect, it } from 'vitest';
import { stripPhotoMetadata } from '../../src/documents/index.js';
import { stripPng } from '../../src/documents/strip-png.js';
import {
  ascii,
  decodedSize,
  exiftoolTags,
  fixture,
  hasExiftool,
  pngChunks,
  tiffTags,
} from './image-tools.js';

const MAX = 10 * 1024 * 1024;

// metadata.png: 16×8 from ImageMagick; exiftool added tEXt Author/Comment, iTXt XMP, eXIf with GPS and Orientation=6,
// tIME; a zTXt comment was added by hand (Python zlib) before IDAT.
describe('PNG metadata stripping', () => {
  const original = fixture('metadata.png');

  it('removes eXIf, tEXt, zTXt, iTXt and tIME, keeps the other chunks byte for byte, and keeps the orientation', () => {
    const before = pngChunks(original);
    expect(before.map((chunk) => chunk.type)).toEqual(
      expect.arrayContaining(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']),
    );
    const result = stripPhotoMetadata(original, { maxBytes: MAX });
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.orientation).toBe(6);
    const after = pngChunks(result.value.bytes);
    expect(after.map((chunk) => chunk.type)).toEqual([
      'IHDR',
      'gAMA',
      'cHRM',
      'bKGD',
      'eXIf',
      'IDAT',
      'IEND',
    ]);
    // Kept chunks are the original ones, CRC included.
    for (const chunk of after.filter((candidate) => candidate.type !== 'eXIf')) {
      const same = before.find((candidate) => candidate.type === chunk.type);
      expect(chunk.crc).toBe(same!.crc);
      expect(chunk.data).toEqual(same!.data);
    }
    expect(tiffTags(after.find((chunk) => chunk.type === 'eXIf')!.data)).toEqual([0x0112]);
    for (const secret of ['TestAuthor', 'TestCreator', 'secret', 'GPS'])
      expect(ascii(result.value.bytes)).not.toContain(secret);
    // ImageMagick checks every CRC, including the one we computed for the new eXIf.
    expect(decodedSize(result.value.bytes, 'png')).toBe('16x8');
  });

  it.runIf(hasExiftool)('leaves exiftool nothing to find but the orientation', () => {
    const result = stripPhotoMetadata(original, { maxBytes: MAX });
    if (!result.ok) throw new Error(result.reason);
    const tags = Object.keys(exiftoolTags(result.value.bytes, 'png')).filter(
      (key) => !key.startsWith('PNG:'),
    );
    expect(tags).toEqual(['IFD0:Orientation']);
  });

  it('refuses a truncated PNG, a chunk past the end, a missing IHDR or IEND', () => {
    expect(stripPng(original.subarray(0, original.length - 6))).toEqual({ ok: false, reason: 'truncated' });
    expect(stripPng(original.subarray(0, 100))).toEqual({ ok: false, reason: 'truncated' });
    const noIhdr = original.slice();
    noIhdr.set([0x61, 0x62, 0x63, 0x64], 12); // IHDR renamed "abcd"
    expect(stripPng(noIhdr)).toEqual({ ok: false, reason: 'malformed' });
    const hugeLength = original.slice();
    hugeLength.set([0x7f, 0xff, 0xff, 0xff], 8 + 25); // the chunk after IHDR claims 2 GB
    expect(stripPng(hugeLength)).toEqual({ ok: false, reason: 'truncated' });
  });

  it('never throws on any prefix or corrupted byte', () => {
    for (let length = 0; length < original.length; length++)
      expect(stripPng(original.subarray(0, length)).ok).toBe(false);
    for (let index = 0; index < original.length; index += 3) {
      const corrupted = original.slice();
      corrupted[index] = corrupted[index]! ^ 0xff;
      expect(() => stripPng(corrupted)).not.toThrow();
    }
  });
});
