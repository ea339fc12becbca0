import { type RosterFileInfo, readRosterFile } from './read-file.js';
import type { RosterPreview, RosterValidationContext } from './types.js';
import { emptySummary, validateRoster } from './validate.js';

export interface RosterFilePreview extends RosterPreview {
  /** What was read; null when the file could not be read at all. */
  file: RosterFileInfo | null;
}

/** Reads and validates an upload in one call: what the console's preview endpoint needs. Never throws. */
export async function previewRosterFile(
  input: Uint8Array | ArrayBuffer,
  context: RosterValidationContext,
): Promise<RosterFilePreview> {
  const read = await readRosterFile(input);
  if (!read.ok) {
    return {
      file: null,
      fileErrors: [read.error],
      fileWarnings: read.warnings,
      rows: [],
      students: [],
      summary: emptySummary(0),
    };
  }
  const preview = validateRoster(read.rows, context);
  // Don't say twice what a missing column already says.
  const missing = String(
    read.warnings.find((w) => w.code === 'guardian_columns_missing')?.params.columns ?? '',
  );
  const validationWarnings = preview.fileWarnings.filter(
    (w) =>
      !(w.code === 'no_guardians' && missing.includes('guardianName')) &&
      !(w.code === 'relations_missing' && missing.includes('relation')),
  );
  return { ...preview, file: read.file, fileWarnings: [...read.warnings, ...validationWarnings] };
}
