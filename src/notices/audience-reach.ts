import type { AppDeps } from '../platform/ports.js';
import { maskName } from '../util/mask.js';
import { audienceClasses } from './audience-classes.js';
import { audienceMembers, bindingsByStudent } from './audience-members.js';
import type { Audience } from './notice-content.js';

export type ReachChannel = 'web' | 'line' | 'wechat';

/** A family (one per pupil) that no channel reaches: it gets a paper 明白卡 once the notice is sent. */
export interface UnreachedFamily {
  studentId: string;
  /** 王*明: the list is shown before anyone has opened the roster. */
  maskedName: string;
  classId: string;
  className: string;
}

export interface AudienceReach {
  families: number;
  /** Families at least one bound channel reaches. */
  reached: number;
  /** Families each channel reaches (a family bound on two channels counts in both). */
  byChannel: Record<ReachChannel, number>;
  unreached: UnreachedFamily[];
}

/**
 * Who a draft would reach if it were sent now: the same pupils and bindings the fan-out reads, counted by
 * family, so the teacher sees before pressing send how many families need a paper 明白卡.
 */
export async function audienceReach(
  deps: Pick<AppDeps, 'database'>,
  schoolId: string,
  audience: Audience,
): Promise<AudienceReach> {
  const classList = await audienceClasses(deps, schoolId, audience);
  const classOrder = new Map(classList.map((row, index) => [row.id, index]));
  const nameOf = new Map(classList.map((row) => [row.id, row.name]));
  const { pupils, bindings } = await audienceMembers(
    deps,
    classList.map((row) => row.id),
  );
  const byStudent = bindingsByStudent(bindings);
  const byChannel: Record<ReachChannel, number> = { web: 0, line: 0, wechat: 0 };
  const unreached: (UnreachedFamily & { studentNumber: string })[] = [];
  for (const pupil of pupils) {
    const own = byStudent.get(pupil.id) ?? [];
    for (const channel of new Set(own.map((binding) => binding.channel))) byChannel[channel] += 1;
    if (own.length === 0)
      unreached.push({
        studentId: pupil.id,
        maskedName: maskName(pupil.name),
        classId: pupil.classId,
        className: nameOf.get(pupil.classId) ?? '',
        studentNumber: pupil.studentNumber,
      });
  }
  unreached.sort(
    (a, b) =>
      (classOrder.get(a.classId) ?? 0) - (classOrder.get(b.classId) ?? 0) ||
      a.studentNumber.localeCompare(b.studentNumber),
  );
  return {
    families: pupils.length,
    reached: pupils.length - unreached.length,
    byChannel,
    unreached: unreached.map(({ studentNumber: _, ...family }) => family),
  };
}
