import { type PhotoResult, refuse } from './photo-result.js';
import type { StrippedPhoto } from './stripped-photo.js';

type Box = { type: string; start: number; body: number; end: number };
type Extent = { offset: number; length: number };

/** An Exif item holding an empty TIFF: 4-byte offset to the TIFF header (0), "MM", 42, IFD0 at 8, no entries. */
const EMPTY_EXIF_ITEM = [0, 0, 0, 0, 0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0] as const;

/**
 * Removes metadata from a HEIC/HEIF losslessly and in place: the Exif item and the XMP item ('mime' item of type
 * application/rdf+xml) are overwritten (Exif with an empty TIFF, XMP with spaces), so no box size or offset changes.
 * Orientation needs no care here: HEIF readers rotate by the 'irot'/'imir' item properties, which are kept, and ignore
 * the Exif tag. Refuses boxes that run past the end, and item extents outside the file.
 */
export function stripHeic(bytes: Uint8Array): PhotoResult<StrippedPhoto> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = readBoxes(view, 0, bytes.length);
  if (!top) return refuse('truncated');
  const meta = top.find((box) => box.type === 'meta');
  if (!meta) return refuse('malformed');
  const children = readBoxes(view, meta.body + 4, meta.end);
  if (!children) return refuse('malformed');
  const iinf = children.find((box) => box.type === 'iinf');
  const iloc = children.find((box) => box.type === 'iloc');
  const idat = children.find((box) => box.type === 'idat');
  const out = bytes.slice();
  const removed: string[] = [];
  if (iinf && iloc) {
    const targets = metadataItems(view, iinf);
    const locations = itemLocations(view, iloc, idat);
    if (!targets || !locations) return refuse('malformed');
    for (const [itemId, kind] of targets) {
      const extents = locations.get(itemId);
      if (extents === undefined) continue; // declared but without data: nothing to remove
      // Stored somewhere we do not rewrite (another file, or constructed from other items): refuse, never keep it.
      if (extents === null) return refuse('malformed');
      if (extents.some((extent) => extent.length === 0 || extent.offset + extent.length > bytes.length))
        return refuse('truncated');
      extents.forEach((extent, index) => {
        out.fill(kind === 'Exif' ? 0 : 0x20, extent.offset, extent.offset + extent.length);
        if (kind === 'Exif' && index === 0 && extent.length >= EMPTY_EXIF_ITEM.length)
          out.set(EMPTY_EXIF_ITEM, extent.offset);
      });
      removed.push(`${kind} item`);
    }
  }
  return { ok: true, value: { type: 'image/heic', bytes: out, orientation: 1, removed } };
}

function readBoxes(view: DataView, from: number, to: number): Box[] | undefined {
  const boxes: Box[] = [];
  let position = from;
  while (position < to) {
    if (position + 8 > to) return undefined;
    let size = view.getUint32(position);
    const type = String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + position + 4, 4));
    let body = position + 8;
    if (size === 1) {
      if (position + 16 > to) return undefined;
      size = Number(view.getBigUint64(position + 8));
      body = position + 16;
    } else if (size === 0) {
      size = to - position;
    }
    if (size < body - position || position + size > to) return undefined;
    boxes.push({ type, start: position, body, end: position + size });
    position += size;
  }
  return boxes;
}

/** Item ids of the Exif and XMP items, from the 'infe' entries (version 2 and 3) of 'iinf'. */
function metadataItems(view: DataView, iinf: Box): Map<number, 'Exif' | 'XMP'> | undefined {
  const version = view.getUint8(iinf.body);
  const entries = readBoxes(view, iinf.body + (version === 0 ? 6 : 8), iinf.end);
  if (!entries) return undefined;
  const items = new Map<number, 'Exif' | 'XMP'>();
  for (const entry of entries) {
    if (entry.type !== 'infe' || entry.end - entry.body < 12) continue;
    const infeVersion = view.getUint8(entry.body);
    if (infeVersion < 2) continue;
    const idSize = infeVersion === 2 ? 2 : 4;
    const itemId = idSize === 2 ? view.getUint16(entry.body + 4) : view.getUint32(entry.body + 4);
    const typeAt = entry.body + 4 + idSize + 2;
    if (typeAt + 4 > entry.end) return undefined;
    const itemType = String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + typeAt, 4));
    if (itemType === 'Exif') items.set(itemId, 'Exif');
    if (itemType === 'mime') {
      const strings = new TextDecoder().decode(
        new Uint8Array(view.buffer, view.byteOffset + typeAt + 4, entry.end - typeAt - 4),
      );
      const contentType = strings.split('\0')[1] ?? '';
      if (contentType.trim() === 'application/rdf+xml') items.set(itemId, 'XMP');
    }
  }
  return items;
}

/** Where each item's bytes are ('iloc', versions 0–2), as absolute file offsets; null when not in this file's bytes. */
function itemLocations(
  view: DataView,
  iloc: Box,
  idat: Box | undefined,
): Map<number, Extent[] | null> | undefined {
  let position = iloc.body;
  const need = (count: number) => position + count <= iloc.end;
  const read = (size: number): number | undefined => {
    if (!need(size)) return undefined;
    const value =
      size === 0
        ? 0
        : size === 2
          ? view.getUint16(position)
          : size === 4
            ? view.getUint32(position)
            : size === 8
              ? Number(view.getBigUint64(position))
              : undefined;
    position += size;
    return value;
  };
  const versionAndFlags = read(4);
  if (versionAndFlags === undefined) return undefined;
  const version = versionAndFlags >>> 24;
  if (version > 2 || !need(2)) return undefined;
  const sizes = view.getUint16(position);
  position += 2;
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 0xf;
  const baseOffsetSize = (sizes >> 4) & 0xf;
  const indexSize = version === 0 ? 0 : sizes & 0xf;
  const itemCount = read(version < 2 ? 2 : 4);
  if (itemCount === undefined) return undefined;
  const locations = new Map<number, Extent[] | null>();
  for (let item = 0; item < itemCount; item++) {
    const itemId = read(version < 2 ? 2 : 4);
    const method = version === 0 ? 0 : (read(2) ?? -1) & 0xf;
    const dataReference = read(2);
    const baseOffset = read(baseOffsetSize);
    const extentCount = read(2);
    if (
      itemId === undefined ||
      dataReference === undefined ||
      baseOffset === undefined ||
      extentCount === undefined
    )
      return undefined;
    const origin = method === 1 ? idat?.body : method === 0 ? 0 : undefined;
    const extents: Extent[] = [];
    for (let index = 0; index < extentCount; index++) {
      if (read(indexSize) === undefined) return undefined;
      const offset = read(offsetSize);
      const length = read(lengthSize);
      if (offset === undefined || length === undefined) return undefined;
      if (origin !== undefined) extents.push({ offset: origin + baseOffset + offset, length });
    }
    locations.set(itemId, origin !== undefined && dataReference === 0 ? extents : null);
  }
  return locations;
}
