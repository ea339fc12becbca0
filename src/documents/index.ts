/** Document photos (issue 11): type by content and lossless metadata removal, the same on Node and Workers. */
export { detectPhotoType } from './detect-photo-type.js';
export type { Orientation } from './exif-orientation.js';
export type { PhotoRefusal, PhotoResult, PhotoType } from './photo-result.js';
export { type StripPhotoOptions, stripPhotoMetadata } from './strip-photo-metadata.js';
export type { StrippedPhoto } from './stripped-photo.js';
