import { hasMessage, type Translate } from '../i18n/index.js';
import { formatLocalTime } from '../util/local-time.js';
import type { AuditNames } from './audit-names.js';
import type { AuditRow } from './audit-query.js';

/** One audit row in words: what the page and the CSV export show. */
export interface AuditLine {
  time: string;
  actor: string;
  action: string;
  target: string;
  details: string;
  ip: string;
}

const known = (t: Translate, key: string, fallback: string) => (hasMessage(key) ? t(key) : fallback);

/** The label of an action (`class.view` → 查看班级名单); unknown actions keep their code. */
export function actionLabel(t: Translate, action: string): string {
  return known(t, `audit.action.${action.replace(/\./g, '_')}`, action);
}

function actorOf(row: AuditRow, names: AuditNames, t: Translate): string {
  switch (row.actorType) {
    case 'staff':
      return (row.actorId && names.staff.get(row.actorId)) || t('audit.actor.unknown_staff');
    case 'guardian': {
      const bound = row.actorId ? names.guardians.get(row.actorId) : undefined;
      return bound
        ? t('audit.actor.guardian_of', { student: bound.student, relation: t(`relation.${bound.relation}`) })
        : t('audit.actor.guardian');
    }
    case 'anonymous':
      return t('audit.actor.anonymous');
    default:
      return t('audit.actor.system');
  }
}

function targetOf(row: AuditRow, names: AuditNames, t: Translate): string {
  const id = row.targetId ?? '';
  switch (row.targetType) {
    case 'student':
      return id ? (names.students.get(id) ?? t('audit.target.removed')) : t('audit.target.students');
    case 'class':
      return names.classes.get(id) ?? t('audit.target.removed');
    case 'staff':
      return names.staff.get(id) ?? (id ? t('audit.target.removed') : '');
    case 'inbox_thread': {
      const about = names.threads.get(id);
      return about ? t('audit.target.thread_about', { student: about }) : t('audit.target.thread');
    }
    case 'roster_import':
      return t('audit.target.roster_import');
    case 'policy_catalog':
      return names.catalogs.get(id) ?? t('audit.target.catalog');
    default:
      return '';
  }
}

function detailValue(t: Translate, key: string, value: unknown): string {
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no');
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  if (key === 'role' || key === 'from' || key === 'to') return known(t, `console.role.${text}`, text);
  if (key === 'relation' || key === 'fromRelation' || key === 'toRelation')
    return known(t, `relation.${text}`, text);
  if (key === 'stage' || key === 'ownership' || key === 'residence')
    return known(t, `policy.${key}.${text}`, text);
  if (key === 'term') return known(t, `console.term.${text}`, text);
  if (key === 'reason') return known(t, `audit.reason.${text}`, text);
  if (key === 'audience') return known(t, `audit.audience.${text}`, text);
  return text;
}

/** Details as "key: value" pairs in words, never raw JSON. */
export function detailsOf(t: Translate, details: string | null): string {
  if (!details) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return '';
  }
  if (typeof parsed !== 'object' || parsed === null) return '';
  return Object.entries(parsed)
    .map(([key, value]) =>
      t('audit.pair', { key: known(t, `audit.detail.${key}`, key), value: detailValue(t, key, value) }),
    )
    .join(t('audit.separator'));
}

export function describeAuditEntry(
  row: AuditRow,
  names: AuditNames,
  t: Translate,
  timeZone: string,
): AuditLine {
  return {
    time: formatLocalTime(row.at, timeZone),
    actor: actorOf(row, names, t),
    action: actionLabel(t, row.action),
    target: targetOf(row, names, t),
    details: detailsOf(t, row.details),
    ip: row.ip ?? '',
  };
}
