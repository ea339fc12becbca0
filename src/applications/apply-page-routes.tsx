import { and, eq, isNull } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { auditStatement } from '../audit/audit-log.js';
import { countUpload } from '../chat/upload-quota.js';
import { applicationDocuments, applications, chatUploads } from '../db/schema.js';
import { stripPhotoMetadata } from '../documents/index.js';
import { clientIp } from '../http/client-ip.js';
import { surfaceOf, tOn, translatorFor } from '../i18n/index.js';
import type { AppDeps } from '../platform/ports.js';
import { newId, sha256Hex } from '../util/ids.js';
import { APPLY_PAGE_SCRIPT } from './apply-page-script.min.js';
import { currentDocuments, parseList } from './draft-store.js';
import type { ApplicationRow } from './load-application.js';
import { isDocumentKind, requiredDocuments } from './required-documents.js';
import { isEditableByGuardian } from './review-chain.js';

const STYLE = `body{margin:0;font:17px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f6f5;color:#1d2a24}
main{max-width:640px;margin:0 auto;padding:16px}
h1{font-size:22px;margin:6px 0 10px}
.doc{position:relative;background:#fff;border-radius:10px;padding:12px 14px;margin:10px 0;box-shadow:0 1px 2px #0000000f}
.doc label{display:block;font-weight:600;margin-bottom:6px}
.doc .count{color:#1f6f50;font-weight:600}
.doc.missing{border-left:4px solid #c77700}
input[type=file]{position:absolute;width:1px;height:1px;opacity:0;overflow:hidden}
.doc label.pick{display:inline-block;max-width:100%;box-sizing:border-box;margin:4px 0 0;padding:10px 18px;border:2px solid #1f6f50;border-radius:8px;background:#fff;color:#1f6f50;cursor:pointer}
input[type=file]:focus-visible+label.pick{outline:3px solid #1f6f50;outline-offset:2px}
.chosen{display:block;margin-top:6px;color:#1d2a24}
.chosen:empty{display:none}
.sent{list-style:none;margin:10px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:10px}
.sent:empty{display:none}
.sent li{width:112px}
.sent img{display:block;width:112px;height:112px;object-fit:cover;border-radius:6px;background:#e6ebe8}
.sent button{width:100%;margin-top:4px;padding:6px 4px;background:#fff;color:#9b2c2c;border:1px solid #9b2c2c;font-size:15px}
button{width:100%;font:inherit;font-weight:600;background:#1f6f50;color:#fff;border:0;border-radius:8px;padding:12px;margin-top:12px}
button:disabled{opacity:.6}
#status{white-space:pre-wrap;margin-top:12px;min-height:1.6em}
.hint{color:#4d5d55;font-size:15px}`;

/** The guardian's multi-photo page, /apply/<token>, opened from the link the chat sends. */
export function applyPageRoutes(deps: AppDeps) {
  const routes = new Hono();

  const applicationFor = async (token: string): Promise<ApplicationRow | null> => {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
    const [row] = await deps.database.db
      .select()
      .from(applications)
      .where(eq(applications.uploadTokenHash, await sha256Hex(token)))
      .limit(1);
    return row && isEditableByGuardian(row.status) ? row : null;
  };

  const photoCount = async (applicationId: string, kind: string) =>
    (
      await deps.database.db
        .select({ id: applicationDocuments.id })
        .from(applicationDocuments)
        .where(
          and(
            eq(applicationDocuments.applicationId, applicationId),
            eq(applicationDocuments.kind, kind),
            isNull(applicationDocuments.removedAt),
          ),
        )
    ).length;

  const refuse = (c: Context, status: 400 | 404 | 413 | 415 | 422 | 429, code: string, message: string) =>
    c.json({ error: { code, message } }, status);

  routes.get('/:token', async (c) => {
    const application = await applicationFor(c.req.param('token'));
    if (!application) {
      const t = translatorFor(deps.config.DEFAULT_LOCALE);
      return c.html(
        `<!doctype html><html lang="${deps.config.DEFAULT_LOCALE}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('applications.page.gone')}</title><style>${STYLE}</style></head><body><main><p>${t('applications.page.gone')}</p></main></body></html>`,
        404,
      );
    }
    const t = translatorFor(application.locale);
    const documents = await currentDocuments(deps, application.id);
    const kinds = requiredDocuments(parseList(application.categories));
    return c.html(
      <>
        {raw('<!doctype html>')}
        <html lang={application.locale}>
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="robots" content="noindex" />
            <title>{t('applications.page.title')}</title>
            <style>{raw(STYLE)}</style>
          </head>
          <body>
            <main>
              <h1>{t('applications.page.title')}</h1>
              <p class="hint">{t('applications.page.intro')}</p>
              <form
                id="photos"
                method="post"
                action={`/apply/${c.req.param('token')}/photos`}
                data-none={t('applications.page.none_chosen')}
                data-sending={t('applications.page.sending')}
                // What to do back in the chat: tap the button, or (WeChat) reply with it.
                data-done={tOn(surfaceOf(application.channel), application.locale, 'applications.page.done')}
                data-refused={t('applications.page.refused')}
                data-chosen={t('applications.page.chosen')}
                data-remove={t('applications.page.remove')}
                data-removed={t('applications.page.removed')}
                data-photo={t('applications.page.sent_photo')}
              >
                {kinds.map((kind) => {
                  const count = documents.filter((row) => row.kind === kind).length;
                  return (
                    <div class={count === 0 ? 'doc missing' : 'doc'}>
                      <label for={`file-${kind}`}>{t(`applications.document.${kind}`)}</label>
                      <p class="hint">
                        {t('applications.page.have')}{' '}
                        <span class="count" data-count={kind}>
                          {count}
                        </span>
                      </p>
                      <input id={`file-${kind}`} type="file" name={kind} accept="image/*" multiple />
                      {/* The browser's own file button speaks the browser's language; this one the guardian's. */}
                      <label class="pick" for={`file-${kind}`}>
                        {t('applications.page.choose')}
                      </label>
                      <span class="chosen" data-chosen={kind} />
                      <ul class="sent" data-sent={kind} />
                    </div>
                  );
                })}
                <button type="submit">{t('applications.page.send')}</button>
                <p id="status" role="status" aria-live="polite" />
              </form>
              <p class="hint">{t('applications.page.back_to_chat')}</p>
            </main>
            <script>{raw(APPLY_PAGE_SCRIPT)}</script>
          </body>
        </html>
      </>,
    );
  });

  // One photo per request (the page sends them one after another): the same checks as the chat's photo step.
  routes.post('/:token/photos', async (c) => {
    const application = await applicationFor(c.req.param('token'));
    if (!application) return refuse(c, 404, 'application_not_found', 'This upload link no longer works.');
    const t = translatorFor(application.locale);
    if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data'))
      return refuse(c, 415, 'unsupported_media_type', t('applications.photo_refused.not_an_image'));
    const used = await countUpload(deps, `apply_upload:${application.id}`);
    if (used > deps.config.CHAT_UPLOADS_PER_CONVERSATION_HOUR * 3)
      return refuse(c, 429, 'upload_quota_exceeded', t('limits.upload_quota'));
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      return refuse(c, 400, 'bad_request', t('applications.photo_refused.truncated'));
    }
    const kind = form.kind;
    const file = form.file;
    if (!isDocumentKind(kind) || !requiredDocuments(parseList(application.categories)).includes(kind))
      return refuse(c, 400, 'bad_request', t('applications.page.unknown_document'));
    if (!(file instanceof File)) return refuse(c, 400, 'bad_request', t('applications.photo_refused.empty'));
    if (file.size > deps.config.MAX_UPLOAD_BYTES)
      return refuse(c, 413, 'photo_refused', t('applications.photo_refused.too_large'));
    const stripped = stripPhotoMetadata(new Uint8Array(await file.arrayBuffer()), {
      maxBytes: deps.config.MAX_UPLOAD_BYTES,
    });
    if (!stripped.ok)
      return refuse(
        c,
        stripped.reason === 'too_large' ? 413 : 422,
        'photo_refused',
        t(`applications.photo_refused.${stripped.reason}`),
      );
    const uploadId = newId('up_');
    const documentId = newId('ad_');
    const blobKey = `applications/${application.id}/${uploadId}`;
    const now = deps.clock.now();
    await deps.blobs.put(blobKey, stripped.value.bytes, stripped.value.type);
    const { db } = deps.database;
    await deps.database.atomic([
      db.insert(chatUploads).values({
        id: uploadId,
        conversationId: application.conversationId,
        blobKey,
        contentType: stripped.value.type,
        size: stripped.value.bytes.byteLength,
        createdAt: now,
      }),
      db.insert(applicationDocuments).values({
        id: documentId,
        applicationId: application.id,
        kind,
        uploadId,
        removed: JSON.stringify(stripped.value.removed),
        createdAt: now,
      }),
      db.update(applications).set({ updatedAt: now }).where(eq(applications.id, application.id)),
      auditStatement(deps, {
        actorType: 'guardian',
        actorId: application.identity,
        action: 'application.document_add',
        targetType: 'application',
        targetId: application.id,
        schoolId: application.schoolId,
        details: { kind, removed: stripped.value.removed, via: 'page' },
        ip: clientIp(c),
      }),
    ]);
    return c.json({ ok: true, id: documentId, kind, count: await photoCount(application.id, kind) }, 201);
  });

  // A photo sent from this page by mistake: off the application, as "replace" does in the chat (the row stays
  // for the record, marked removed). Only photos of this application that are still on it.
  routes.delete('/:token/photos/:documentId', async (c) => {
    const application = await applicationFor(c.req.param('token'));
    if (!application) return refuse(c, 404, 'application_not_found', 'This upload link no longer works.');
    const t = translatorFor(application.locale);
    const { db } = deps.database;
    const current = and(
      eq(applicationDocuments.id, c.req.param('documentId')),
      eq(applicationDocuments.applicationId, application.id),
      isNull(applicationDocuments.removedAt),
    );
    const [row] = await db.select().from(applicationDocuments).where(current).limit(1);
    if (!row) return refuse(c, 404, 'upload_not_found', t('applications.page.photo_gone'));
    const now = deps.clock.now();
    await deps.database.atomic([
      db.update(applicationDocuments).set({ removedAt: now }).where(current),
      db.update(applications).set({ updatedAt: now }).where(eq(applications.id, application.id)),
      auditStatement(deps, {
        actorType: 'guardian',
        actorId: application.identity,
        action: 'application.document_remove',
        targetType: 'application',
        targetId: application.id,
        schoolId: application.schoolId,
        details: { kind: row.kind, via: 'page' },
        ip: clientIp(c),
      }),
    ]);
    return c.json({ ok: true, kind: row.kind, count: await photoCount(application.id, row.kind) });
  });

  return routes;
}
