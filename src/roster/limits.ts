/** Hard limits for one roster upload. Exceeding one gives a file-level error, never a crash. */

/** Largest accepted upload (CSV or XLSX), in bytes. */
export const ROSTER_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Most data rows (header excluded, blank rows not counted) in one file. */
export const ROSTER_MAX_ROWS = 20_000;

/** Longest accepted cell, in characters. Longer usually means a broken CSV (an unclosed quote). */
export const ROSTER_MAX_CELL_CHARS = 1_000;

/** Columns past this one are ignored (a roster has 6; a school export may have a few dozen). */
export const ROSTER_MAX_COLUMNS = 200;

/** The header row is looked for in the first rows, so a title row above it is fine. */
export const ROSTER_HEADER_SEARCH_ROWS = 10;

/** Largest uncompressed part read from an XLSX (sheet XML, shared strings): guards against zip bombs. */
export const ROSTER_MAX_XLSX_PART_BYTES = 64 * 1024 * 1024;

/** Longest student or guardian name, in characters. */
export const ROSTER_MAX_NAME_CHARS = 50;

/** Longest student number (学号 / 学籍号), in characters. */
export const ROSTER_MAX_STUDENT_NUMBER_CHARS = 32;
