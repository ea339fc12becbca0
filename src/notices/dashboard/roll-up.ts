import { addProgress, emptyProgress, type NoticeProgress } from '../notice-stats.js';

export interface ProgressRow {
  key: string;
  label: string;
  progress: NoticeProgress;
}

/** Adds rows up by a key (classes into grades, grades into schools), keeping the order keys first appear in. */
export function rollUp<T extends { progress: NoticeProgress }>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  labelOf: (row: T) => string,
): ProgressRow[] {
  const groups = new Map<string, ProgressRow>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key) ?? { key, label: labelOf(row), progress: emptyProgress() };
    group.progress = addProgress(group.progress, row.progress);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The four steps the dashboard shows, in order. */
export const AWARENESS_STEPS = ['delivered', 'read', 'understood', 'signed'] as const;
export type AwarenessStep = (typeof AWARENESS_STEPS)[number];
