import type { NoticeContent, ProgrammeRow } from './notice-content.js';

/** One difference between two sent versions, as locale key + parameters (rendered in the reader's language). */
export interface NoticeChange {
  key: string;
  params: Record<string, string>;
}

/**
 * What a guardian who signed the previous version should read first: amounts that changed, programmes added
 * or removed, a new deadline, changed questions or text. Pure.
 */
export function whatChanged(
  before: { title: string; content: NoticeContent },
  after: { title: string; content: NoticeContent },
  studentId?: string,
): NoticeChange[] {
  const changes: NoticeChange[] = [];
  if (before.title !== after.title)
    changes.push({ key: 'notices.changes.title', params: { to: after.title } });
  const oldProgrammes = new Map(before.content.programmes.map((row) => [row.name, row]));
  const newProgrammes = new Map(after.content.programmes.map((row) => [row.name, row]));
  for (const [name, row] of newProgrammes) {
    const old = oldProgrammes.get(name);
    if (!old) changes.push({ key: 'notices.changes.programme_added', params: { name } });
    else changes.push(...programmeChanges(old, row));
  }
  for (const name of oldProgrammes.keys()) {
    if (!newProgrammes.has(name))
      changes.push({ key: 'notices.changes.programme_removed', params: { name } });
  }
  if (studentId) {
    const oldRows = new Map((before.content.studentRows[studentId] ?? []).map((row) => [row.programme, row]));
    for (const row of after.content.studentRows[studentId] ?? []) {
      const old = oldRows.get(row.programme);
      if (!old)
        changes.push({
          key: 'notices.changes.funding_added',
          params: { name: row.programme, amount: row.amount },
        });
      else if (old.amount !== row.amount)
        changes.push({
          key: 'notices.changes.amount',
          params: { name: row.programme, from: old.amount, to: row.amount },
        });
      else if (old.paidOn !== row.paidOn)
        changes.push({
          key: 'notices.changes.paid_on',
          params: { name: row.programme, to: row.paidOn || '—' },
        });
    }
  }
  if (before.content.deadline !== after.content.deadline && after.content.deadline) {
    changes.push({ key: 'notices.changes.deadline', params: { to: after.content.deadline } });
  }
  if (before.content.body !== after.content.body) changes.push({ key: 'notices.changes.body', params: {} });
  if (
    before.content.consultPhone !== after.content.consultPhone ||
    before.content.reportPhone !== after.content.reportPhone
  ) {
    changes.push({ key: 'notices.changes.phones', params: {} });
  }
  if (JSON.stringify(before.content.check) !== JSON.stringify(after.content.check)) {
    changes.push({ key: 'notices.changes.check', params: {} });
  }
  return changes;
}

function programmeChanges(old: ProgrammeRow, row: ProgrammeRow): NoticeChange[] {
  const changes: NoticeChange[] = [];
  if (old.standard !== row.standard)
    changes.push({
      key: 'notices.changes.standard',
      params: { name: row.name, from: old.standard, to: row.standard },
    });
  if (old.application !== row.application || old.payment !== row.payment || old.target !== row.target)
    changes.push({ key: 'notices.changes.programme_details', params: { name: row.name } });
  return changes;
}
