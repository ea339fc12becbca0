import { eq } from 'drizzle-orm';
import { noticeRecipients, notices, noticeVersions, schools } from '../db/schema.js';
import { jobInsertStatements, type NewOutboxRow, outboxInsertStatements } from '../delivery/index.js';
import { isLocale, type Locale } from '../i18n/index.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { newSecrets } from '../util/ids.js';
import { stableId } from '../util/stable-id.js';
import { audienceClasses } from './audience-classes.js';
import { audienceMembers, bindingsByStudent } from './audience-members.js';
import { noticeCard } from './notice-card.js';
import { audienceSchema } from './notice-content.js';

type NewRecipient = typeof noticeRecipients.$inferInsert;

/**
 * The notice_fanout job: records who a sent version is for (one recipient per guardian per student, one per
 * family no channel reaches) and an outbox row per recipient per channel, then stores the delivery job. Ids
 * and idempotency keys are derived from the version and the family, so a run repeated after a crash adds
 * nothing twice.
 */
export async function fanOutNotice(deps: AppDeps, versionId: string): Promise<{ recipients: number }> {
  const { db } = deps.database;
  const [found] = await db
    .select({ version: noticeVersions, notice: notices, schoolName: schools.name })
    .from(noticeVersions)
    .innerJoin(notices, eq(notices.id, noticeVersions.noticeId))
    .innerJoin(schools, eq(schools.id, notices.schoolId))
    .where(eq(noticeVersions.id, versionId))
    .limit(1);
  if (found?.version.status !== 'sent') return { recipients: 0 };
  const { version, notice } = found;
  const classList = await audienceClasses(
    deps,
    notice.schoolId,
    audienceSchema.parse(JSON.parse(notice.audience)),
  );
  const gradeOf = new Map(classList.map((row) => [row.id, row.grade]));
  const { pupils, bindings } = await audienceMembers(
    deps,
    classList.map((row) => row.id),
  );
  const byStudent = bindingsByStudent(bindings);

  const now = deps.clock.now();
  const recipients: NewRecipient[] = [];
  const outboxRows: NewOutboxRow[] = [];
  const fallbackLocale: Locale = deps.config.DEFAULT_LOCALE;
  // Enough links for every family and guardian; each is 24 random bytes.
  const tokens = newSecrets(pupils.length + bindings.length);
  const nextToken = () => tokens.pop()!;
  for (const pupil of pupils.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const base = {
      noticeId: notice.id,
      versionId,
      schoolId: notice.schoolId,
      classId: pupil.classId,
      grade: gradeOf.get(pupil.classId) ?? 0,
      studentId: pupil.id,
      createdAt: now,
      readAt: null,
      understoodAt: null,
      confirmedAt: null,
      signedAt: null,
    };
    const own = byStudent.get(pupil.id) ?? [];
    if (own.length === 0) {
      // A family no channel reaches still counts: one recipient, recorded as no_channel (paper is for them).
      const guardianKey = `family:${pupil.id}`;
      const id = stableId('nr_', `${versionId}|${pupil.id}|${guardianKey}`);
      recipients.push({
        ...base,
        id,
        guardianKey,
        guardianId: null,
        bindingId: null,
        relation: null,
        token: nextToken(),
      });
      outboxRows.push({
        id: stableId('ob_', `${id}|none`),
        idempotencyKey: `notice:${id}:none`,
        topic: 'notice',
        groupId: versionId,
        subjectId: id,
        schoolId: notice.schoolId,
        channel: 'none',
        address: null,
        payload: '[]',
        status: 'no_channel',
        createdAt: now,
        updatedAt: now,
      });
      continue;
    }
    const byGuardian = new Map<string, typeof own>();
    for (const binding of own) {
      const key = guardianKeyOf(binding);
      byGuardian.set(key, [...(byGuardian.get(key) ?? []), binding]);
    }
    for (const [guardianKey, list] of byGuardian) {
      const first = list[0]!;
      const id = stableId('nr_', `${versionId}|${pupil.id}|${guardianKey}`);
      const token = nextToken();
      recipients.push({
        ...base,
        id,
        guardianKey,
        guardianId: first.guardianId,
        bindingId: first.id,
        relation: first.relation,
        token,
      });
      // One guardian, one message: on the channel they can be reached on and used last, falling back to the
      // others in that order (src/delivery/deliver-outbox-group.ts writes the next row when one fails).
      const seen = new Set<string>();
      const attempts: { channel: (typeof list)[number]['channel']; address: string; payload: string }[] = [];
      for (const binding of [...list].sort(byPreference)) {
        const address = `${binding.channel}:${binding.identity}`;
        if (seen.has(address)) continue;
        seen.add(address);
        const locale = isLocale(binding.locale) ? binding.locale : fallbackLocale;
        const card = noticeCard({
          locale,
          title: version.title,
          schoolName: found.schoolName,
          studentName: pupil.name,
          confirmation: version.confirmation,
          revised: version.version > 1,
          token,
        });
        attempts.push({
          channel: binding.channel,
          address: binding.identity,
          payload: JSON.stringify([card]),
        });
      }
      const [preferred, ...rest] = attempts;
      if (!preferred) continue;
      outboxRows.push({
        id: stableId('ob_', `${id}|${preferred.channel}:${preferred.address}`),
        idempotencyKey: `notice:${id}:${preferred.channel}:${preferred.address}`,
        topic: 'notice',
        groupId: versionId,
        subjectId: id,
        schoolId: notice.schoolId,
        channel: preferred.channel,
        address: preferred.address,
        payload: preferred.payload,
        fallbacks: rest.length > 0 ? JSON.stringify(rest) : null,
        status: 'queued',
        createdAt: now,
        updatedAt: now,
      });
    }
  }

  const deliver = jobInsertStatements(deps, [
    { job: { type: 'deliver_outbox', groupId: versionId }, idempotencyKey: `deliver_outbox:${versionId}` },
  ]);
  await deps.database.atomic([
    ...recipientInserts(deps, recipients),
    ...outboxInsertStatements(deps, outboxRows),
    ...deliver.statements,
  ]);
  await deps.queue.dispatch(deliver.dispatched);
  return { recipients: recipients.length };
}

function recipientInserts(deps: AppDeps, rows: NewRecipient[]): AtomicStatement[] {
  return deps.database.insertRows(noticeRecipients, rows);
}

/**
 * Who a binding is, across channels: the roster guardian when the school's list names them, else the child's
 * father or mother by relation (a child has one of each, whichever app they bound from), else the binding alone
 * (two "other guardians" may be two people).
 */
function guardianKeyOf(binding: { id: string; guardianId: string | null; relation: string }): string {
  if (binding.guardianId) return binding.guardianId;
  if (binding.relation === 'father' || binding.relation === 'mother') return `relation:${binding.relation}`;
  return `binding:${binding.id}`;
}

const PUSH_CHANNELS = new Set(['line', 'wechat']);

/** Reachable first; then the one used most recently; on a tie an app that notifies the phone before web chat. */
function byPreference(
  a: { unreachableSince: number | null; activeAt: number | null; channel: string },
  b: { unreachableSince: number | null; activeAt: number | null; channel: string },
): number {
  const reachable = Number(a.unreachableSince !== null) - Number(b.unreachableSince !== null);
  if (reachable !== 0) return reachable;
  const recent = (b.activeAt ?? 0) - (a.activeAt ?? 0);
  if (recent !== 0) return recent;
  return Number(PUSH_CHANNELS.has(b.channel)) - Number(PUSH_CHANNELS.has(a.channel));
}
