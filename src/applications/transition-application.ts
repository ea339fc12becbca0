import { and, eq, inArray, isNull } from 'drizzle-orm';
import { auditStatement } from '../audit/audit-log.js';
import type { StaffActor } from '../auth/staff-actor.js';
import { applicationDocuments, applications, applicationTransitions } from '../db/schema.js';
import { abortUnlessChanged, isWriteConflict } from '../db/write-guard.js';
import type { AppDeps, AtomicStatement } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { canViewApplication } from './application-access.js';
import { guardianMessageStatements } from './guardian-message.js';
import type { ApplicationRow, LoadedApplication } from './load-application.js';
import { type ApplicationStatus, checkTransition, type TransitionAction } from './review-chain.js';

/** What a return may reopen: a form field, or one document's photos (`doc:<kind>`). */
const RETURNABLE = /^(resident_id|categories|situation|family|doc:[a-z_]{1,40})$/;

export type TransitionRefusal =
  | 'not_found' // not this person's to see (another school, another class): said as "no such application"
  | 'wrong_role' // this role never takes this step (a teacher approving as principal)
  | 'wrong_state' // not from where the application is now (approving twice)
  | 'conflict' // someone else moved it a moment ago
  | 'reason_required'
  | 'fields_required'
  | 'tier_required';

export type TransitionResult =
  | { ok: true; from: ApplicationStatus; to: ApplicationStatus }
  | { ok: false; reason: TransitionRefusal };

export interface TransitionRequest {
  action: TransitionAction;
  comment?: string | null;
  /** Return: the fields the guardian must fix (reopened in the flow). */
  fields?: readonly string[];
  /** Extra column changes committed with the transition (a payment's award, a publication's list). */
  statements?: AtomicStatement[];
  ip?: string | null;
}

/**
 * One step along the review chain by a staff member. The rules are checked first (scope, role, state, what the
 * step needs); then a single atomic write: the UPDATE only matches the status and revision that were read, a
 * guard aborts everything else if it matched nothing, and the history row, the audit entry and the guardian's
 * message (outbox + delivery job) go in the same write. So of any number of people pressing at once, one moves it.
 * Every refusal is audited too.
 */
export async function transitionApplication(
  deps: AppDeps,
  actor: StaffActor,
  loaded: LoadedApplication,
  request: TransitionRequest,
): Promise<TransitionResult> {
  const { application } = loaded;
  const refuse = async (reason: TransitionRefusal): Promise<TransitionResult> => {
    await auditStatement(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'application.transition_refused',
      targetType: 'application',
      targetId: application.id,
      // A refusal at another school is logged where the actor works, not in the other school's log.
      schoolId: reason === 'not_found' ? actor.schoolId : application.schoolId,
      details: { action: request.action, role: actor.role, status: application.status, reason },
      ip: request.ip ?? null,
    });
    return { ok: false, reason };
  };
  // A draft is the family's own until they send it: staff cannot see it, let alone move it.
  if (!canViewApplication(actor, loaded.scope) || application.status === 'draft') return refuse('not_found');
  if (actor.role === 'district_officer') return refuse('wrong_role');
  const check = checkTransition(application.status, request.action, actor.role);
  if (!check.ok) return refuse(check.reason);
  const comment = request.comment?.trim() || null;
  if ((request.action === 'return' || request.action === 'reject') && !comment)
    return refuse('reason_required');
  if (request.action === 'return' && (request.fields ?? []).length === 0) return refuse('fields_required');
  if ((request.fields ?? []).some((field) => !RETURNABLE.test(field))) return refuse('fields_required');
  if (check.to === 'principal_approved' && (application.tier === null || application.amount === null))
    return refuse('tier_required');

  const changes: Partial<ApplicationRow> = {};
  if (request.action === 'return') {
    changes.returnReason = comment;
    changes.returnFields = JSON.stringify(request.fields);
  }
  if (request.action === 'reject') changes.rejectReason = comment;
  const statements = await moveStatements(deps, application, check.to, changes, {
    action: request.action,
    actorType: 'staff',
    actorId: actor.id,
    role: actor.role,
    comment,
    ip: request.ip ?? null,
    reason: request.action === 'return' || request.action === 'reject' ? comment : null,
  });
  // A returned document's photos leave the application (kept on record), so the flow asks for new ones.
  const returnedKinds = (request.action === 'return' ? (request.fields ?? []) : [])
    .filter((field) => field.startsWith('doc:'))
    .map((field) => field.slice(4));
  const reopened =
    returnedKinds.length > 0
      ? [
          deps.database.db
            .update(applicationDocuments)
            .set({ removedAt: deps.clock.now() })
            .where(
              and(
                eq(applicationDocuments.applicationId, application.id),
                inArray(applicationDocuments.kind, returnedKinds),
                isNull(applicationDocuments.removedAt),
              ),
            ),
        ]
      : [];
  try {
    await deps.database.atomic([...statements.statements, ...reopened, ...(request.statements ?? [])]);
  } catch (error) {
    if (isWriteConflict(error)) return refuse('conflict');
    throw error;
  }
  await deps.queue.dispatch(statements.dispatched);
  return { ok: true, from: application.status, to: check.to };
}

export interface MoveMeta {
  action: TransitionAction;
  actorType: 'staff' | 'guardian' | 'system';
  actorId: string | null;
  role: string | null;
  comment: string | null;
  ip: string | null;
  /** Shown to the guardian with the status message (a return's or rejection's reason). */
  reason: string | null;
  /** False when the guardian is told in the reply itself (their own submit in the chat). */
  notify?: boolean;
}

/**
 * The statements of one status change: the guarded UPDATE, the abort guard, the history row, the audit entry and
 * the guardian's message. Used by staff transitions here and by the guardian's submit in the chat.
 */
export async function moveStatements(
  deps: AppDeps,
  application: ApplicationRow,
  to: ApplicationStatus,
  changes: Partial<ApplicationRow>,
  meta: MoveMeta,
) {
  const { db } = deps.database;
  const now = deps.clock.now();
  const revision = application.revision + 1;
  const message =
    meta.notify === false
      ? { statements: [], dispatched: [] }
      : await guardianMessageStatements(deps, { ...application, ...changes }, to, revision, meta.reason);
  return {
    statements: [
      db
        .update(applications)
        .set({ ...changes, status: to, revision, updatedAt: now })
        .where(
          and(
            eq(applications.id, application.id),
            eq(applications.status, application.status),
            eq(applications.revision, application.revision),
          ),
        ),
      abortUnlessChanged(db),
      db.insert(applicationTransitions).values({
        id: newId('at_'),
        applicationId: application.id,
        action: meta.action,
        fromStatus: application.status,
        toStatus: to,
        actorType: meta.actorType,
        actorId: meta.actorId,
        role: meta.role,
        comment: meta.comment,
        at: now,
      }),
      auditStatement(deps, {
        actorType: meta.actorType,
        actorId: meta.actorId,
        action: `application.${meta.action}`,
        targetType: 'application',
        targetId: application.id,
        schoolId: application.schoolId,
        details: { from: application.status, to, role: meta.role },
        ip: meta.ip,
      }),
      ...message.statements,
    ] as AtomicStatement[],
    dispatched: message.dispatched,
  };
}
