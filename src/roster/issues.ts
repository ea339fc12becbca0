import type { RosterFileErrorCode, RosterIssue, RosterIssueParams } from './types.js';
import { ROSTER_FIELDS, type RosterField } from './types.js';

/** Thrown inside the readers and caught at the edge (`readRosterFile`): public functions never throw. */
export class RosterFileError extends Error {
  readonly issue: RosterIssue<RosterFileErrorCode>;

  constructor(code: RosterFileErrorCode, params: RosterIssueParams = {}) {
    super(`roster file error: ${code}`);
    this.name = 'RosterFileError';
    this.issue = { code, params };
  }
}

export function issue<Code extends string>(
  code: Code,
  params: RosterIssueParams = {},
  field?: RosterField,
): RosterIssue<Code> {
  return field === undefined ? { code, params } : { code, params, field };
}

/** Locale key of an issue's message: `roster.issues.<code>`. */
export function rosterIssueKey(code: string): string {
  return `roster.issues.${code}`;
}

/** Locale key of a column's display name: `roster.fields.<field>`. */
export function rosterFieldKey(field: RosterField): string {
  return `roster.fields.${field}`;
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

function isField(value: string): value is RosterField {
  return (ROSTER_FIELDS as readonly string[]).includes(value);
}

/**
 * Renders an issue with the caller's translator (e.g. `translatorFor(locale)` from src/i18n).
 * Params `column` (one field) and `columns` (comma-separated fields) are shown as localised column names.
 */
export function formatRosterIssue(item: RosterIssue, translate: Translate): string {
  const params: Record<string, string | number> = { ...item.params };
  const column = params.column;
  if (typeof column === 'string' && isField(column)) params.column = translate(rosterFieldKey(column));
  const columns = params.columns;
  if (typeof columns === 'string') {
    params.columns = columns
      .split(',')
      .map((name) => (isField(name) ? translate(rosterFieldKey(name)) : name))
      .join(translate('roster.list_separator'));
  }
  return translate(rosterIssueKey(item.code), params);
}
