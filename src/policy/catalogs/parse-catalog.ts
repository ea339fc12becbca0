import type * as z from 'zod';
import { type Catalog, CatalogSchema } from '../catalog-schema.js';

export type ParseCatalogResult = { ok: true; catalog: Catalog } | { ok: false; errors: string[] };

/**
 * Validates untrusted catalogue JSON (e.g. a district officer's upload). Never throws:
 * errors are one readable line each, with the path to the offending field.
 */
export function parseCatalog(json: unknown): ParseCatalogResult {
  const parsed = CatalogSchema.safeParse(json);
  if (parsed.success) return { ok: true, catalog: parsed.data };
  return { ok: false, errors: parsed.error.issues.map(formatIssue) };
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? '(catalogue)' : formatPath(issue.path);
  return `${where}: ${issue.message}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      return index === 0 ? String(part) : `.${String(part)}`;
    })
    .join('');
}
