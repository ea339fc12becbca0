/** Why a document photo was refused. Stable codes: the API and the chat map them to messages. */
export type PhotoRefusal =
  | 'empty' // zero bytes
  | 'too_large' // over the configured maximum (checked before any parsing)
  | 'not_an_image' // PDF, text, a renamed executable…: not a raster photo at all
  | 'unsupported_type' // an image, but not one we accept (GIF, SVG, BMP, TIFF, AVIF…)
  | 'truncated' // a length or segment runs past the end of the file, or the end marker is missing
  | 'malformed'; // the structure is wrong in another way (bad marker, bad chunk order, impossible size)

/** The four photo types a guardian's phone produces. */
export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic';

export type PhotoResult<T> = { ok: true; value: T } | { ok: false; reason: PhotoRefusal };

export const refuse = (reason: PhotoRefusal): { ok: false; reason: PhotoRefusal } => ({ ok: false, reason });
