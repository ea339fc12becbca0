import type { Locale } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { resolveCatalog } from '../policy-api/index.js';

/** A programme's name in a language, from the catalogue the application was made under (its id if gone). */
export async function programmeName(
  deps: AppDeps,
  catalogId: string,
  programmeId: string,
  locale: Locale,
): Promise<string> {
  const resolved = await resolveCatalog(deps, catalogId);
  const programme = resolved?.catalog.programmes.find((item) => item.id === programmeId);
  return programme?.name[locale] ?? programmeId;
}
