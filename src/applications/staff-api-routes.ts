import type { Context, Hono } from 'hono';
import * as z from 'zod';
import type { StaffActor } from '../auth/staff-actor.js';
import { jsonResponse, operation } from '../openapi/index.js';
import type { AppDeps } from '../platform/ports.js';
import { canUseReviewQueue, canViewApplication, canViewDocuments } from './application-access.js';
import { applicationSettingsOf } from './application-settings.js';
import { assignTier } from './assign-tier.js';
import { signedDocumentLinks } from './document-link.js';
import { parseList } from './draft-store.js';
import { loadApplication } from './load-application.js';
import { APPLICATION_STATUSES } from './review-chain.js';
import { reviewQueue } from './review-queue.js';
import { type TransitionRefusal, transitionApplication } from './transition-application.js';

// Request schemas, once: the same zod objects validate the requests and can feed hono-openapi's documents.
export const queueQuerySchema = z
  .object({
    status: z.enum([...APPLICATION_STATUSES, 'waiting', 'all']).default('waiting'),
    classId: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/)
      .optional(),
    programmeId: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/)
      .optional(),
  })
  .strict();
const returnField = z.string().regex(/^(resident_id|categories|situation|family|doc:[a-z_]{1,40})$/);
export const transitionBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve'), comment: z.string().max(500).optional() }).strict(),
  z
    .object({
      action: z.literal('return'),
      comment: z.string().trim().min(1).max(500),
      fields: z.array(returnField).min(1).max(20),
    })
    .strict(),
  z.object({ action: z.literal('reject'), comment: z.string().trim().min(1).max(500) }).strict(),
  z.object({ action: z.literal('archive') }).strict(),
]);
export const batchApproveBodySchema = z
  .object({
    ids: z
      .array(z.string().regex(/^[a-z0-9_]{1,64}$/))
      .min(1)
      .max(200),
  })
  .strict();
export const tierBodySchema = z.object({ tier: z.string().min(1).max(100) }).strict();

const QueueResponseSchema = z
  .object({
    applications: z.array(z.record(z.string(), z.unknown())).describe('Names masked; newest first.'),
    counts: z.record(z.string(), z.number().int()),
    waiting: z.number().int().describe('Applications waiting for this person’s step.'),
  })
  .meta({ id: 'ApplicationQueue' });
const ApplicationDetailSchema = z
  .object({
    id: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    student: z.object({ name: z.string(), studentNumber: z.string(), className: z.string() }),
    programmeId: z.string(),
    categories: z.array(z.string()),
    situation: z.string().nullable(),
    familyMembers: z.array(z.string()),
    residentId: z.string().nullable().describe('Masked (4301**********1234); never the full number here.'),
    tier: z.string().nullable(),
    amount: z.number().nullable(),
    returnReason: z.string().nullable(),
    rejectReason: z.string().nullable(),
    documents: z
      .array(z.object({ id: z.string(), kind: z.string(), url: z.string().describe('Signed, short-lived.') }))
      .nullable()
      .describe('Null when this role may not see the photos (a class teacher, unless the school allows it).'),
  })
  .meta({ id: 'ApplicationDetail' });
const TransitionResultSchema = z.object({ id: z.string(), from: z.string(), to: z.string() });
const BatchResultSchema = z.object({
  approved: z.number().int(),
  results: z.array(z.object({ id: z.string(), ok: z.boolean(), reason: z.string().optional() })),
});
const TierResultSchema = z.object({ id: z.string(), tier: z.string(), amount: z.number().nullable() });
const tags = ['staff', 'applications'];

/** How the caller's bearer token (or session) becomes a staff member; null means not authenticated. */
export type ResolveStaff = (c: Context) => Promise<StaffActor | null>;

const REFUSAL_STATUS: Record<TransitionRefusal, 400 | 403 | 404 | 409> = {
  not_found: 404,
  wrong_role: 403,
  wrong_state: 409,
  conflict: 409,
  reason_required: 400,
  fields_required: 400,
  tier_required: 409,
};

const error = (c: Context, status: 400 | 401 | 403 | 404 | 409, code: string, message: string) =>
  c.json({ error: { code, message } }, status);

async function jsonBody<T extends z.ZodType>(c: Context, schema: T) {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return { ok: false as const, response: error(c, 400, 'invalid_json', 'The body is not JSON.') };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false as const,
      response: error(c, 400, 'invalid_body', parsed.error.issues[0]?.message ?? ''),
    };
  return { ok: true as const, value: parsed.data as z.infer<T> };
}

/**
 * The application actions of the staff JSON API, registered on `app` under `base` (e.g. `/api/staff`): the
 * review queue, one application, a transition, batch approval, tier assignment. Authentication is the caller's
 * (`resolveStaff`); authorization is the same permission functions and guarded writes as the console's.
 */
export function registerApplicationStaffApi(
  // biome-ignore lint/suspicious/noExplicitAny: any env: mounted in the staff API's app and in tests' own
  app: Hono<any>,
  deps: AppDeps,
  resolveStaff: ResolveStaff,
  base = '/api/staff',
) {
  const withStaff = async (c: Context) => {
    const actor = await resolveStaff(c);
    return actor;
  };

  app.get(
    `${base}/applications`,
    operation({
      summary: 'The review queue for this token’s role, with counts per status',
      tags,
      responses: { '200': jsonResponse('The queue', QueueResponseSchema) },
    }),
    async (c) => {
      const actor = await withStaff(c);
      if (!actor) return error(c, 401, 'missing_token', 'Authenticate as a staff member.');
      if (!canUseReviewQueue(actor)) return error(c, 403, 'forbidden', 'Not for this role.');
      const query = queueQuerySchema.safeParse(c.req.query());
      if (!query.success) return error(c, 400, 'invalid_query', query.error.issues[0]?.message ?? '');
      const queue = await reviewQueue(deps, actor, query.data);
      return c.json({
        applications: queue.rows.map((row) => ({
          ...row,
          submittedAt: row.submittedAt ? new Date(row.submittedAt).toISOString() : null,
        })),
        counts: Object.fromEntries(queue.counts),
        waiting: queue.waiting,
      });
    },
  );

  app.get(
    `${base}/applications/:id`,
    operation({
      summary: 'One application (ID number masked; photos as short-lived signed links where allowed)',
      tags,
      responses: { '200': jsonResponse('The application', ApplicationDetailSchema) },
    }),
    async (c) => {
      const actor = await withStaff(c);
      if (!actor) return error(c, 401, 'missing_token', 'Authenticate as a staff member.');
      const loaded = await loadApplication(deps, c.req.param('id'));
      if (!loaded || loaded.application.status === 'draft' || !canViewApplication(actor, loaded.scope))
        return error(c, 404, 'application_not_found', 'No such application.');
      const { application } = loaded;
      const settings = await applicationSettingsOf(deps, application.schoolId);
      const documents = canViewDocuments(actor, loaded.scope, settings)
        ? await signedDocumentLinks(deps, application.id, actor.id)
        : null;
      return c.json({
        id: application.id,
        status: application.status,
        student: {
          name: loaded.studentName,
          studentNumber: loaded.studentNumber,
          className: loaded.className,
        },
        programmeId: application.programmeId,
        categories: parseList(application.categories),
        situation: application.situation,
        familyMembers: parseList(application.familyMembers),
        residentId: application.residentIdMasked,
        tier: application.tier,
        amount: application.amount,
        returnReason: application.returnReason,
        rejectReason: application.rejectReason,
        documents,
      });
    },
  );

  app.post(
    `${base}/applications/:id/transitions`,
    operation({
      summary: 'Approve, return (with the fields to fix), reject or archive, at this role’s step',
      tags,
      responses: {
        '200': jsonResponse('The move made', TransitionResultSchema),
        '409': jsonResponse('wrong_state, conflict or tier_required', TransitionResultSchema.partial()),
      },
    }),
    async (c) => {
      const actor = await withStaff(c);
      if (!actor) return error(c, 401, 'missing_token', 'Authenticate as a staff member.');
      const body = await jsonBody(c, transitionBodySchema);
      if (!body.ok) return body.response;
      const loaded = await loadApplication(deps, c.req.param('id'));
      if (!loaded) return error(c, 404, 'application_not_found', 'No such application.');
      const request = body.value;
      const result = await transitionApplication(deps, actor, loaded, {
        action: request.action,
        comment: 'comment' in request ? request.comment : null,
        fields: 'fields' in request ? request.fields : [],
      });
      if (!result.ok)
        return error(c, REFUSAL_STATUS[result.reason], result.reason, 'The transition was refused.');
      return c.json({ id: loaded.application.id, from: result.from, to: result.to });
    },
  );

  app.post(
    `${base}/applications/batch-approve`,
    operation({
      summary: 'Approves several applications at this role’s step; 403 when none could be',
      tags,
      responses: { '200': jsonResponse('What moved and what did not', BatchResultSchema) },
    }),
    async (c) => {
      const actor = await withStaff(c);
      if (!actor) return error(c, 401, 'missing_token', 'Authenticate as a staff member.');
      const body = await jsonBody(c, batchApproveBodySchema);
      if (!body.ok) return body.response;
      const results: { id: string; ok: boolean; reason?: string }[] = [];
      for (const id of new Set(body.value.ids)) {
        const loaded = await loadApplication(deps, id);
        const result = loaded
          ? await transitionApplication(deps, actor, loaded, { action: 'approve' })
          : { ok: false as const, reason: 'not_found' as const };
        results.push(result.ok ? { id, ok: true } : { id, ok: false, reason: result.reason });
      }
      const approved = results.filter((item) => item.ok).length;
      // As in the console: nothing moved means none was at this person's step (or theirs to see).
      if (approved === 0) return error(c, 403, 'forbidden', 'None of these is at your step.');
      return c.json({ approved, results });
    },
  );

  app.put(
    `${base}/applications/:id/tier`,
    operation({
      summary: 'Sets the 档次 (tier) and its amount from the catalogue',
      tags,
      responses: { '200': jsonResponse('The tier set', TierResultSchema) },
    }),
    async (c) => {
      const actor = await withStaff(c);
      if (!actor) return error(c, 401, 'missing_token', 'Authenticate as a staff member.');
      const body = await jsonBody(c, tierBodySchema);
      if (!body.ok) return body.response;
      const loaded = await loadApplication(deps, c.req.param('id'));
      if (!loaded) return error(c, 404, 'application_not_found', 'No such application.');
      const result = await assignTier(deps, actor, loaded, body.value.tier, null);
      if (!result.ok) {
        const status = { not_found: 404, forbidden: 403, unknown_tier: 400, conflict: 409 } as const;
        return error(c, status[result.reason], result.reason, 'The tier was not set.');
      }
      return c.json({ id: loaded.application.id, tier: result.tier, amount: result.amount });
    },
  );
}
