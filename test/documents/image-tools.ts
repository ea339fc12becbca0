import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test helpers around the committed fixtures and the system's ImageMagick / exiftool (Node-side tests only). */

export const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/documents', name)));

const withTempFile = <T>(bytes: Uint8Array, extension: string, use: (path: string) => T): T => {
  const folder = mkdtempSync(join(tmpdir(), 'mingbai-documents-'));
  const path = join(folder, `photo.${extension}`);
  try {
    writeFileSync(path, bytes);
    return use(path);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

/** ImageMagick decodes the whole picture: "16x8" when it can, throws when it cannot. */
export const decodedSize = (bytes: Uint8Array, extension: string): string =>
  withTempFile(bytes, extension, (path) =>
    execFileSync('/usr/bin/identify', ['-regard-warnings', '-format', '%wx%h', path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim(),
  );

export const hasExiftool = existsSync('/usr/bin/exiftool');

/** Every tag exiftool finds, grouped by where it lives ("IFD0:Orientation", "GPS:GPSLatitude"…). */
export const exiftoolTags = (bytes: Uint8Array, extension: string): Record<string, unknown> =>
  withTempFile(bytes, extension, (path) => {
    const output = execFileSync('/usr/bin/exiftool', ['-j', '-a', '-G1', '-n', path], { encoding: 'utf8' });
    const [tags] = JSON.parse(output) as Record<string, unknown>[];
    const metadata: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(tags ?? {})) {
      if (/^(System|File|ExifTool|Composite|SourceFile)\b/.test(key)) continue;
      metadata[key] = value;
    }
    return metadata;
  });

export type JpegSegment = { marker: number; body: Uint8Array };

/** Our own independent reading of a JPEG's segments up to the first scan (what the tests assert on). */
export function jpegSegments(bytes: Uint8Array): JpegSegment[] {
  const segments: JpegSegment[] = [];
  let position = 2;
  while (position + 4 <= bytes.length) {
    const marker = bytes[position + 1]!;
    const length = (bytes[position + 2]! << 8) | bytes[position + 3]!;
    segments.push({ marker, body: bytes.subarray(position + 4, position + 2 + length) });
    if (marker === 0xda) break;
    position += 2 + length;
  }
  return segments;
}

export const ascii = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

export type Chunk = { type: string; data: Uint8Array; crc: number };

export function pngChunks(bytes: Uint8Array): Chunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  for (let position = 8; position + 12 <= bytes.length; ) {
    const length = view.getUint32(position);
    chunks.push({
      type: ascii(bytes.subarray(position + 4, position + 8)),
      data: bytes.subarray(position + 8, position + 8 + length),
      crc: view.getUint32(position + 8 + length),
    });
    position += 12 + length;
  }
  return chunks;
}

export function webpChunks(bytes: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: { type: string; data: Uint8Array }[] = [];
  for (let position = 12; position + 8 <= bytes.length; ) {
    const size = view.getUint32(position + 4, true);
    chunks.push({
      type: ascii(bytes.subarray(position, position + 4)),
      data: bytes.subarray(position + 8, position + 8 + size),
    });
    position += 8 + size + (size % 2);
  }
  return chunks;
}

/** The tag numbers in IFD0 of a TIFF structure, and whether it links to further IFDs. */
export function tiffTags(tiff: Uint8Array): number[] {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49;
  const ifd = view.getUint32(4, little);
  const count = view.getUint16(ifd, little);
  return Array.from({ length: count }, (_, index) => view.getUint16(ifd + 2 + index * 12, little));
}
