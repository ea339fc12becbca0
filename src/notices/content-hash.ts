import { sha256Hex } from '../util/ids.js';
import type { Confirmation, NoticeContent } from './notice-content.js';

export interface HashedVersion {
  title: string;
  locale: string;
  confirmation: Confirmation;
  content: NoticeContent;
}

/** JSON with object keys sorted, so the same content always gives the same text (and the same hash). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, each]) => each !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, each]) => `${JSON.stringify(key)}:${canonicalJson(each)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash a sent version carries and every receipt quotes: what the guardian was shown and asked to sign. */
export async function contentHash(version: HashedVersion): Promise<string> {
  return sha256Hex(
    canonicalJson({
      title: version.title,
      locale: version.locale,
      confirmation: version.confirmation,
      content: version.content,
    }),
  );
}
