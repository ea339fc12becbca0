import type { Vars } from '../conversation/conversation-state.js';
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { currentDocuments, parseList } from './draft-store.js';
import type { ApplicationRow } from './load-application.js';
import { type DocumentKind, needsFamilyMembers, requiredDocuments } from './required-documents.js';

/** The fields a guardian fills in, in the order the flow asks them; a return names some of them. */
export const APPLICATION_FIELDS = ['resident_id', 'categories', 'situation', 'family'] as const;
export type ApplicationField = (typeof APPLICATION_FIELDS)[number];

/** The flow step that asks each field. */
export const FIELD_STEPS: Record<ApplicationField, string> = {
  resident_id: 'ask_resident_id',
  categories: 'ask_categories',
  situation: 'ask_situation',
  family: 'ask_family',
};

export function documentLabel(locale: Locale, kind: string): string {
  return t(locale, `applications.document.${kind}`);
}

/** The required documents that have no photo yet. */
export async function missingDocuments(deps: AppDeps, application: ApplicationRow): Promise<DocumentKind[]> {
  const present = new Set((await currentDocuments(deps, application.id)).map((row) => row.kind));
  return requiredDocuments(parseList(application.categories)).filter((kind) => !present.has(kind));
}

/**
 * Where the flow goes next for an application: the first thing still missing (or, for a returned application,
 * the first field the school asked to fix), then the documents without photos, the pledge, the consent, and
 * finally the summary. Computed from the stored application, so a guardian who stops anywhere and comes back
 * (after a restart, from the menu) lands on the right question.
 */
export async function routeNext(
  deps: AppDeps,
  application: ApplicationRow,
  vars: Vars,
  locale: Locale,
): Promise<{ next: string; vars: Vars }> {
  const fix = application.status === 'returned' ? parseList(application.returnFields) : null;
  const categories = parseList(application.categories);
  const out: Vars = { applicationId: application.id };
  if (application.status === 'draft' && vars.studentConfirmed !== 'yes')
    return { next: 'confirm_student', vars: out };
  const needs = (field: ApplicationField, present: boolean) => (fix ? fix.includes(field) : !present);
  if (needs('resident_id', application.residentIdEnc !== null)) return { next: 'ask_resident_id', vars: out };
  const categoriesAsked = vars.categoriesAsked === true;
  if (needs('categories', categories.length > 0 && (categoriesAsked || application.status !== 'draft'))) {
    out.categoryKeep =
      categories.length > 0
        ? [
            {
              value: 'keep',
              label: t(locale, 'flows.apply.categories_keep', {
                categories: categories.map((id) => t(locale, `policy.category.${id}`)).join('、'),
              }),
            },
          ]
        : [];
    return { next: 'ask_categories', vars: out };
  }
  if (needs('situation', application.situation !== null)) return { next: 'ask_situation', vars: out };
  if (needsFamilyMembers(categories) && needs('family', application.familyMembers !== null))
    return { next: 'ask_family', vars: out };
  const missing = await missingDocuments(deps, application);
  if (missing.length > 0) {
    const kind = missing[0]!;
    return { next: 'doc_photo', vars: { ...out, ...documentVars(locale, kind, missing) } };
  }
  if (application.pledgedAt === null) return { next: 'ask_pledge', vars: out };
  if (application.consentedAt === null) return { next: 'ask_consent', vars: out };
  return { next: 'summary', vars: out };
}

/** What the photo prompt says: this document, and every one still missing. */
export function documentVars(locale: Locale, kind: string, missing: readonly string[]): Vars {
  return {
    docKind: kind,
    docLabel: documentLabel(locale, kind),
    docMissing:
      missing.length > 0
        ? missing.map((item) => documentLabel(locale, item)).join('、')
        : t(locale, 'flows.apply.doc_none_missing'),
  };
}
