import type { Orientation } from './exif-orientation.js';
import type { PhotoType } from './photo-result.js';

/**
 * A photo with its metadata removed. `orientation` is the Exif orientation the original carried (1 when none); when it
 * is not 1 the output keeps a minimal Exif block with only that tag, so the file shows upright on its own.
 * `removed` names what was taken out (for the audit log and tests), e.g. ['APP1 Exif', 'COM'].
 */
export type StrippedPhoto = {
  type: PhotoType;
  bytes: Uint8Array;
  orientation: Orientation;
  removed: string[];
};
