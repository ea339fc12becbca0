import type { CategoryId } from '../policy/index.js';

/** The document photos an application can carry; each is asked for by name in the chat and on /apply. */
export const DOCUMENT_KINDS = [
  'household_register',
  'poverty_record',
  'monitoring_proof',
  'subsistence_certificate',
  'extreme_poverty_certificate',
  'orphan_proof',
  'unsupported_child_proof',
  'disability_certificate',
  'martyr_certificate',
  'family_change_proof',
  'hardship_proof',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const BY_CATEGORY: Record<CategoryId, DocumentKind[]> = {
  poverty_alleviated: ['poverty_record'],
  monitored_at_risk: ['monitoring_proof'],
  subsistence_allowance: ['subsistence_certificate'],
  extreme_poverty_support: ['extreme_poverty_certificate'],
  orphan: ['orphan_proof'],
  de_facto_unsupported: ['unsupported_child_proof'],
  disabled_student: ['disability_certificate'],
  disabled_parent: ['disability_certificate'],
  martyr_child: ['martyr_certificate'],
  single_parent: ['family_change_proof'],
  parent_deceased: ['family_change_proof'],
  other_hardship: ['hardship_proof'],
};

/**
 * What a household category needs, per 教财〔2018〕16号 (no stamped poverty certificate: the family's own papers):
 * the 户口本 always, then each category's own proof (低保证, 残疾证, 脱贫户明白卡/扶贫手册, 孤儿证明 …), once each.
 */
export function requiredDocuments(categories: readonly string[]): DocumentKind[] {
  const kinds: DocumentKind[] = ['household_register'];
  for (const category of categories) {
    for (const kind of BY_CATEGORY[category as CategoryId] ?? []) if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds;
}

/** Categories where the 认定申请表 asks who lives in the household and what they do. */
const FAMILY_CATEGORIES = new Set([
  'other_hardship',
  'single_parent',
  'parent_deceased',
  'de_facto_unsupported',
  'monitored_at_risk',
]);

export function needsFamilyMembers(categories: readonly string[]): boolean {
  return categories.some((category) => FAMILY_CATEGORIES.has(category));
}

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}
