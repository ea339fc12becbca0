import { eq } from 'drizzle-orm';
import { students } from '../db/schema.js';
import { jobInsertStatements, outboxInsertStatements } from '../delivery/index.js';
import { surfaceOf } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { maskName } from '../util/mask.js';
import type { ApplicationRow } from './load-application.js';
import { programmeName } from './programme-name.js';
import type { ApplicationStatus } from './review-chain.js';
import { statusMessage } from './status-message.js';

/**
 * The guardian's chat message about a status change, as an outbox row and its delivery job, keyed by the
 * application and its new revision: a retried write or a job run twice sends it once. Only the guardian who
 * applied gets it: no class or school audience ever carries anything about an application.
 */
export async function guardianMessageStatements(
  deps: AppDeps,
  application: ApplicationRow,
  to: ApplicationStatus,
  revision: number,
  reason: string | null,
) {
  const [student] = await deps.database.db
    .select({ name: students.name })
    .from(students)
    .where(eq(students.id, application.studentId))
    .limit(1);
  const message = statusMessage({
    locale: application.locale,
    surface: surfaceOf(application.channel),
    status: to,
    programmeName: await programmeName(
      deps,
      application.catalogId,
      application.programmeId,
      application.locale,
    ),
    childLabel: maskName(student?.name ?? ''),
    reason,
  });
  const now = deps.clock.now();
  const groupId = `app:${application.id}:${revision}`;
  const address = application.channel === 'web' ? application.conversationId : application.identity;
  const outbox = outboxInsertStatements(deps, [
    {
      id: `ob_${application.id}_${revision}`,
      idempotencyKey: `application:${application.id}:${revision}:${application.channel}`,
      topic: 'application_status',
      groupId,
      subjectId: application.id,
      schoolId: application.schoolId,
      channel: application.channel,
      address,
      payload: JSON.stringify([message]),
      status: 'queued',
      createdAt: now,
      updatedAt: now,
    },
  ]);
  const job = jobInsertStatements(deps, [
    { job: { type: 'deliver_outbox', groupId }, idempotencyKey: `deliver_outbox:${groupId}` },
  ]);
  return { statements: [...outbox, ...job.statements], dispatched: job.dispatched };
}
