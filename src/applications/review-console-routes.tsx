import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { audit } from '../audit/audit-log.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { ERROR_CODE_HEADER } from '../console/console-env.js';
import { Denied, notFound } from '../console/denied-page.js';
import {
  aidAwards,
  applicationDocuments,
  applicationTransitions,
  chatUploads,
  staffAccounts,
} from '../db/schema.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps } from '../platform/ports.js';
import { resolveCatalog } from '../policy-api/index.js';
import { newId } from '../util/ids.js';
import {
  canAssignTier,
  canRevealResidentId,
  canUseReviewQueue,
  canViewApplication,
  canViewDocuments,
} from './application-access.js';
import { applicationSettingsOf } from './application-settings.js';
import { applicationVault } from './application-vault.js';
import { assignTier } from './assign-tier.js';
import { DetailPage, PAYMENT_CHANNELS } from './detail-page.js';
import { signedDocumentLinks, verifyDocumentLink } from './document-link.js';
import { formatStaffTime } from './format-time.js';
import { type LoadedApplication, loadApplication } from './load-application.js';
import { localDay } from './publicity-period.js';
import { APPLICATION_STATUSES, type ApplicationStatus, type TransitionAction } from './review-chain.js';
import { QueuePage } from './review-pages.js';
import { reviewQueue } from './review-queue.js';
import { tierOptions } from './tier-options.js';
import { type TransitionRefusal, transitionApplication } from './transition-application.js';

const REFUSAL_STATUS: Record<TransitionRefusal, 400 | 403 | 404 | 409> = {
  not_found: 404,
  wrong_role: 403,
  wrong_state: 409,
  conflict: 409,
  reason_required: 400,
  fields_required: 400,
  tier_required: 400,
};

const ACTIONS: readonly TransitionAction[] = ['approve', 'return', 'reject', 'archive'];

/** The review chain in the console, mounted at /console/applications by the console shell. */
export function reviewConsoleRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const form = async (c: Context<ConsoleEnv>) => (await c.req.parseBody()) as Record<string, unknown>;
  const field = (value: unknown) => (typeof value === 'string' ? value : '');

  const programmeNames = async (locale: 'zh-CN' | 'zh-TW' | 'en') => {
    const resolved = await resolveCatalog(deps);
    const names = new Map(resolved?.catalog.programmes.map((item) => [item.id, item.name[locale]]) ?? []);
    return (id: string) => names.get(id) ?? id;
  };

  const refused = (c: Context<ConsoleEnv>, reason: TransitionRefusal | 'forbidden' | 'bad_request') => {
    c.header(ERROR_CODE_HEADER, reason);
    const status = reason === 'forbidden' ? 403 : reason === 'bad_request' ? 400 : REFUSAL_STATUS[reason];
    return c.html(<Denied c={c} message={c.get('t')(`applications.console.refused.${reason}`)} />, status);
  };

  /** The application if this person may see it; a 404 otherwise (its existence is not confirmed). */
  const visible = async (c: Context<ConsoleEnv>) => {
    const loaded = await loadApplication(deps, c.req.param('id') ?? '');
    if (
      !loaded ||
      !canViewApplication(c.get('actor')!, loaded.scope) ||
      loaded.application.status === 'draft'
    )
      return null;
    return loaded;
  };

  routes.get('/', async (c) => {
    const actor = c.get('actor')!;
    if (!canUseReviewQueue(actor)) return refused(c, 'forbidden');
    const asked = c.req.query('status') ?? 'waiting';
    const status =
      asked === 'all' || asked === 'waiting' || (APPLICATION_STATUSES as readonly string[]).includes(asked)
        ? (asked as ApplicationStatus | 'waiting' | 'all')
        : 'waiting';
    const classId = c.req.query('class') ?? '';
    const queue = await reviewQueue(deps, actor, { status, classId: classId || undefined });
    const done = c.req.query('done');
    const failed = c.req.query('failed');
    return c.html(
      <QueuePage
        c={c}
        {...queue}
        status={status}
        classId={classId}
        programmeName={await programmeNames(c.get('locale'))}
        notice={
          done !== undefined
            ? c.get('t')('applications.console.batch_result', {
                done: Number(done) || 0,
                failed: Number(failed) || 0,
              })
            : undefined
        }
      />,
    );
  });

  routes.post('/batch-approve', async (c) => {
    const actor = c.get('actor')!;
    const ids = Object.keys(await form(c))
      .filter((key) => key.startsWith('app_'))
      .map((key) => key.slice(4))
      .slice(0, 200);
    if (ids.length === 0) return refused(c, 'bad_request');
    let done = 0;
    let failed = 0;
    for (const id of ids) {
      const loaded = await loadApplication(deps, id);
      const result = loaded
        ? await transitionApplication(deps, actor, loaded, { action: 'approve', ip: clientIp(c) })
        : { ok: false as const };
      if (result.ok) done++;
      else failed++;
    }
    // Nothing moved: none of them was at this person's step (or theirs to see).
    if (done === 0) return refused(c, 'forbidden');
    return c.redirect(`/console/applications?done=${done}&failed=${failed}`, 303);
  });

  const detail = async (
    c: Context<ConsoleEnv>,
    loaded: LoadedApplication,
    extra: { revealed?: string } = {},
  ) => {
    const actor = c.get('actor')!;
    const { application } = loaded;
    const settings = await applicationSettingsOf(deps, application.schoolId);
    const photosAllowed = canViewDocuments(actor, loaded.scope, settings);
    const now = deps.clock.now();
    const documents = photosAllowed ? await signedDocumentLinks(deps, application.id, actor.id) : [];
    const history = await deps.database.db
      .select()
      .from(applicationTransitions)
      .where(eq(applicationTransitions.applicationId, application.id))
      .orderBy(applicationTransitions.at);
    const staffIds = [...new Set(history.map((row) => row.actorId).filter((id): id is string => !!id))];
    const names =
      staffIds.length > 0
        ? await deps.database.db
            .select({ id: staffAccounts.id, name: staffAccounts.displayName })
            .from(staffAccounts)
            .where(inArray(staffAccounts.id, staffIds))
        : [];
    const resolved = await resolveCatalog(deps, application.catalogId);
    const locale = c.get('locale');
    const programme = resolved?.catalog.programmes.find((item) => item.id === application.programmeId);
    const notice = c.req.query('notice');
    return c.html(
      <DetailPage
        c={c}
        loaded={loaded}
        programme={programme?.name[locale] ?? application.programmeId}
        documents={documents}
        photosHidden={!photosAllowed}
        canReveal={canRevealResidentId(actor, loaded.scope)}
        revealed={extra.revealed}
        canTier={canAssignTier(actor, loaded.scope, application.status)}
        tiers={
          resolved
            ? tierOptions(
                resolved.catalog,
                application.programmeId,
                localDay(now, deps.config.TIME_ZONE).date,
                locale,
              )
            : []
        }
        history={history}
        actorNames={new Map(names.map((row) => [row.id, row.name]))}
        formatTime={(ms) => formatStaffTime(ms, deps.config.TIME_ZONE)}
        notice={
          notice ? c.get('t')(`applications.console.notice.${notice.replace(/[^a-z_]/g, '')}`) : undefined
        }
      />,
    );
  };

  routes.get('/:id', async (c) => {
    const loaded = await visible(c);
    if (!loaded) return notFound(c);
    const actor = c.get('actor')!;
    await audit(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'application.view',
      targetType: 'application',
      targetId: loaded.application.id,
      schoolId: loaded.application.schoolId,
      ip: clientIp(c),
    });
    return detail(c, loaded);
  });

  routes.post('/:id/transition', async (c) => {
    const actor = c.get('actor')!;
    const loaded = await loadApplication(deps, c.req.param('id'));
    if (!loaded) return refused(c, 'not_found');
    const body = await form(c);
    const action = field(body.action) as TransitionAction;
    if (!ACTIONS.includes(action)) return refused(c, 'bad_request');
    const fields = Object.keys(body)
      .filter((key) => key.startsWith('field_'))
      .map((key) => key.slice(6));
    const result = await transitionApplication(deps, actor, loaded, {
      action,
      comment: field(body.comment).slice(0, 500),
      fields,
      ip: clientIp(c),
    });
    if (!result.ok) return refused(c, result.reason);
    return c.redirect(`/console/applications/${loaded.application.id}?notice=${action}`, 303);
  });

  routes.post('/:id/tier', async (c) => {
    const loaded = await loadApplication(deps, c.req.param('id'));
    if (!loaded) return refused(c, 'not_found');
    const result = await assignTier(deps, c.get('actor')!, loaded, field((await form(c)).tier), clientIp(c));
    if (!result.ok) return refused(c, result.reason === 'unknown_tier' ? 'bad_request' : result.reason);
    return c.redirect(`/console/applications/${loaded.application.id}?notice=tier`, 303);
  });

  routes.post('/:id/reveal-id', async (c) => {
    const actor = c.get('actor')!;
    const loaded = await visible(c);
    if (!loaded) return refused(c, 'not_found');
    const { application } = loaded;
    const allowed = canRevealResidentId(actor, loaded.scope) && application.residentIdEnc !== null;
    await audit(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: allowed ? 'application.reveal_id' : 'application.reveal_id_refused',
      targetType: 'application',
      targetId: application.id,
      schoolId: application.schoolId,
      details: { role: actor.role },
      ip: clientIp(c),
    });
    if (!allowed) return refused(c, 'forbidden');
    const vault = await applicationVault(deps.config);
    const revealed = await vault.decrypt(application.residentIdEnc!, application.id);
    return detail(c, loaded, { revealed });
  });

  routes.get('/:id/documents/:documentId', async (c) => {
    const actor = c.get('actor')!;
    const loaded = await visible(c);
    if (!loaded) return notFound(c);
    const documentId = c.req.param('documentId');
    const settings = await applicationSettingsOf(deps, loaded.application.schoolId);
    const signed = await verifyDocumentLink(deps.config, deps.clock.now(), {
      documentId,
      staffId: actor.id,
      exp: c.req.query('exp'),
      sig: c.req.query('sig'),
    });
    if (!signed || !canViewDocuments(actor, loaded.scope, settings)) {
      await audit(deps, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'application.document_view_refused',
        targetType: 'application_document',
        targetId: documentId,
        schoolId: loaded.application.schoolId,
        details: { reason: signed ? 'role' : 'link' },
        ip: clientIp(c),
      });
      return c.html(<Denied c={c} message={c.get('t')('applications.console.refused.link')} />, 403);
    }
    const [row] = await deps.database.db
      .select({ blobKey: chatUploads.blobKey, kind: applicationDocuments.kind })
      .from(applicationDocuments)
      .innerJoin(chatUploads, eq(chatUploads.id, applicationDocuments.uploadId))
      .where(
        and(
          eq(applicationDocuments.id, documentId),
          eq(applicationDocuments.applicationId, loaded.application.id),
          isNull(applicationDocuments.removedAt),
        ),
      )
      .limit(1);
    const blob = row ? await deps.blobs.get(row.blobKey) : null;
    if (!row || !blob) return notFound(c);
    await audit(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'application.document_view',
      targetType: 'application_document',
      targetId: documentId,
      schoolId: loaded.application.schoolId,
      details: { applicationId: loaded.application.id, kind: row.kind },
      ip: clientIp(c),
    });
    return c.body(blob.bytes, 200, {
      'content-type': blob.contentType,
      'cache-control': 'private, no-store',
      'content-disposition': 'inline',
    });
  });

  routes.post('/:id/pay', async (c) => {
    const actor = c.get('actor')!;
    const loaded = await loadApplication(deps, c.req.param('id'));
    if (!loaded) return refused(c, 'not_found');
    const body = await form(c);
    const paidOn = field(body.paidOn);
    const channel = field(body.channel);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn) || !(PAYMENT_CHANNELS as readonly string[]).includes(channel))
      return refused(c, 'bad_request');
    const { application } = loaded;
    const result = await transitionApplication(deps, actor, loaded, {
      action: 'pay',
      ip: clientIp(c),
      statements: [
        deps.database.db.insert(aidAwards).values({
          id: newId('aw_'),
          applicationId: application.id,
          schoolId: application.schoolId,
          termKey: application.termKey,
          programmeId: application.programmeId,
          tier: application.tier ?? '',
          amount: application.amount ?? 0,
          paidOn,
          paymentChannel: channel,
          recordedBy: actor.id,
          createdAt: deps.clock.now(),
        }),
      ],
    });
    if (!result.ok) return refused(c, result.reason);
    return c.redirect(`/console/applications/${application.id}?notice=pay`, 303);
  });

  return routes;
}
