import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RosterClass, RosterPreviewRow } from '../../src/roster/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/roster/', import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

export const CLASSES: RosterClass[] = [
  { id: 'c31', name: '三年级(1)班' },
  { id: 'c32', name: '三年级(2)班' },
  { id: 'c41', name: '四年级(1)班' },
];

/** `line → [codes]` for rows with errors (or warnings), for compact assertions. */
export function codesByLine(rows: RosterPreviewRow[], kind: 'errors' | 'warnings'): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const row of rows) {
    if (row[kind].length > 0) out[row.line] = row[kind].map((x) => x.code);
  }
  return out;
}

export function csvBytes(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

export const HEADER = '班级,学号,学生姓名,监护人姓名,与学生关系,监护人手机号';
