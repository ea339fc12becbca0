import type { Catalog, Citation, PolicyDocument, Programme } from '../catalog-schema.js';

export interface ResolvedCitation extends Citation {
  document: PolicyDocument;
}

const cache = new WeakMap<Programme, ResolvedCitation[]>();

/** Joins a programme's citations with the catalogue's documents, once per programme object. */
export function resolveCitations(catalog: Catalog, programme: Programme): ResolvedCitation[] {
  const cached = cache.get(programme);
  if (cached) return cached;
  const documents = new Map(catalog.documents.map((document) => [document.id, document]));
  const resolved: ResolvedCitation[] = [];
  for (const citation of programme.citations) {
    const document = documents.get(citation.documentId);
    // parseCatalog guarantees the reference; skipping keeps a hand-built catalogue from crashing.
    if (document) resolved.push({ ...citation, document });
  }
  cache.set(programme, resolved);
  return resolved;
}
