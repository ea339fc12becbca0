import type { AppDeps } from '../platform/ports.js';
import { latestActiveUploadId } from './catalog-store.js';

// Which upload of a catalogue is in force changes only when an officer uploads or switches a version, yet every
// answer needs it. Keep it per database (tests run many in one process) for a short while: on Node the one
// process forgets it the moment it writes a change; on Workers another isolate may answer from the previous
// version for at most TTL_MS after a change.
const TTL_MS = 10_000;

interface Entry {
  uploadId: string | null;
  until: number;
}

const byDatabase = new WeakMap<object, Map<string, Entry>>();

function entriesFor(deps: AppDeps): Map<string, Entry> {
  let entries = byDatabase.get(deps.database);
  if (!entries) {
    entries = new Map();
    byDatabase.set(deps.database, entries);
  }
  return entries;
}

/** latestActiveUploadId, read at most once per TTL per catalogue. */
export async function activeUploadId(deps: AppDeps, catalogId: string): Promise<string | null> {
  const entries = entriesFor(deps);
  const now = deps.clock.now();
  const cached = entries.get(catalogId);
  if (cached && cached.until > now) return cached.uploadId;
  const uploadId = await latestActiveUploadId(deps, catalogId);
  entries.set(catalogId, { uploadId, until: now + TTL_MS });
  return uploadId;
}

/** Called after any write to policy_catalogs, so this process answers from the new state at once. */
export function forgetActiveUploads(deps: AppDeps): void {
  byDatabase.delete(deps.database);
}
