import { createApp } from '../../src/app.js';
import { makeTestDeps } from '../support/test-deps.js';

export const HOTLINE = '0371-66668888';

/** The real app on a temporary database, with a known hotline. */
export function makePolicyApp(overrides: Record<string, string> = {}) {
  const harness = makeTestDeps({ AID_HOTLINE: HOTLINE, ...overrides });
  const app = createApp(harness.deps);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { ...harness, app, post };
}

export interface ProgrammeResult {
  programId: string;
  verdict: string;
  amount: { text: string; options: { label: string; text: string; verification: string }[] } | null;
  reasons: string[];
  missing: { field: string; affects: string; question: string }[];
  materials: string[];
  howToApply: string;
  citations: { documentId: string; verification: string }[];
  needsLocalConfirmation: boolean;
  sources: {
    effective?: { from: string; label: string };
    verification: string;
    summary: string;
    documents: { documentId: string; text: string }[];
  } | null;
  text: string;
}

export interface EligibilityBody {
  catalog: { id: string; version: string };
  asOf: string;
  results: ProgrammeResult[];
}

export const byId = (body: EligibilityBody, id: string) => {
  const found = body.results.find((result) => result.programId === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
};
