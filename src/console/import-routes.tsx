import { and, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { audit } from '../audit/audit-log.js';
import { canImportRoster } from '../auth/permissions.js';
import { rosterImports } from '../db/schema.js';
import { isWriteConflict } from '../db/write-guard.js';
import { clientIp } from '../http/client-ip.js';
import { rosterCommitStatements } from '../people/commit-roster.js';
import { rosterContextFor } from '../people/roster-context.js';
import type { AppDeps } from '../platform/ports.js';
import {
  formatRosterIssue,
  previewRosterFile,
  ROSTER_MAX_FILE_BYTES,
  type RosterFilePreview,
  rosterTemplateCsv,
  rosterTemplateXlsx,
} from '../roster/index.js';
import { newId } from '../util/ids.js';
import { type ConsoleEnv, ERROR_CODE_HEADER } from './console-env.js';
import { forbidden, notFound } from './denied-page.js';
import { CsrfField, Layout } from './layout.js';

/**
 * Roster import: upload → preview with every bad row and its reason → confirm. Nothing touches the roster
 * before the confirm; the file waits in the blob store and is checked again against the data at confirm time.
 */
const SAMPLE_ROWS = 100;
const MAX_ROWS_SHOWN = 600;

export function importRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();

  const schoolOf = (c: Context<ConsoleEnv>) => {
    const actor = c.get('actor')!;
    return actor.schoolId && canImportRoster(actor, actor.schoolId) ? actor.schoolId : null;
  };

  routes.get('/', (c) => {
    if (!schoolOf(c)) return forbidden(c);
    return c.html(<UploadPage c={c} />);
  });

  routes.get('/template.csv', (c) => {
    if (!schoolOf(c)) return forbidden(c);
    return download(
      c,
      rosterTemplateCsv(),
      'text/csv; charset=utf-8',
      c.get('t')('roster.template.csv_file_name'),
    );
  });

  routes.get('/template.xlsx', (c) => {
    if (!schoolOf(c)) return forbidden(c);
    return download(
      c,
      rosterTemplateXlsx(),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      c.get('t')('roster.template.xlsx_file_name'),
    );
  });

  routes.post('/', async (c) => {
    const schoolId = schoolOf(c);
    if (!schoolId) return forbidden(c);
    const actor = c.get('actor')!;
    const t = c.get('t');
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.size === 0)
      return c.html(<UploadPage c={c} error={t('console.import.no_file')} />, 400);
    if (file.size > ROSTER_MAX_FILE_BYTES) {
      return c.html(<UploadPage c={c} error={t('roster.issues.file_too_large', { maxMb: 10 })} />, 413);
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { context } = await rosterContextFor(deps, actor, schoolId);
    const preview = await previewRosterFile(bytes, context);
    const importId = newId('imp_');
    const blobKey = `imports/${schoolId}/${importId}`;
    await deps.blobs.put(blobKey, bytes, file.type || 'application/octet-stream');
    await deps.database.db.insert(rosterImports).values({
      id: importId,
      schoolId,
      uploadedBy: actor.id,
      fileName: file.name.slice(0, 200),
      blobKey,
      status: 'pending',
      summary: JSON.stringify(preview.summary),
      createdAt: deps.clock.now(),
    });
    await audit(deps, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'roster.preview',
      targetType: 'roster_import',
      targetId: importId,
      schoolId,
      details: { rows: preview.summary.totalRows, rowsWithErrors: preview.summary.rowsWithErrors },
      ip: clientIp(c),
    });
    return c.html(<PreviewPage c={c} importId={importId} fileName={file.name} preview={preview} />);
  });

  routes.post('/:importId/confirm', async (c) => {
    const schoolId = schoolOf(c);
    if (!schoolId) return forbidden(c);
    const actor = c.get('actor')!;
    const t = c.get('t');
    const [pending] = await deps.database.db
      .select()
      .from(rosterImports)
      .where(and(eq(rosterImports.id, c.req.param('importId')), eq(rosterImports.schoolId, schoolId)))
      .limit(1);
    if (!pending || pending.uploadedBy !== actor.id) return notFound(c);
    if (pending.status === 'discarded') {
      return c.html(<UploadPage c={c} error={t('retention.preview_expired')} />, 410);
    }
    const alreadyDone = () => {
      c.header(ERROR_CODE_HEADER, 'import_already_confirmed');
      return c.html(<UploadPage c={c} error={t('console.import.already_done')} />, 409);
    };
    if (pending.status !== 'pending') return alreadyDone();
    const blob = await deps.blobs.get(pending.blobKey);
    if (!blob) return notFound(c);
    // Validate again: the roster may have changed since the preview.
    const current = await rosterContextFor(deps, actor, schoolId);
    const preview = await previewRosterFile(blob.bytes, current.context);
    if (!preview.summary.canImport) {
      return c.html(
        <PreviewPage c={c} importId={pending.id} fileName={pending.fileName} preview={preview} />,
        422,
      );
    }
    try {
      await deps.database.atomic(rosterCommitStatements(deps, actor, pending.id, schoolId, preview, current));
    } catch (error) {
      // Another confirm of the same import (a double click, a second tab) committed first: nothing was written.
      if (isWriteConflict(error)) return alreadyDone();
      throw error;
    }
    return c.html(<DonePage c={c} preview={preview} />);
  });

  return routes;
}

function download(c: Context<ConsoleEnv>, bytes: Uint8Array, type: string, name: string) {
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': type,
    'content-disposition': `attachment; filename="roster-template${name.slice(name.lastIndexOf('.'))}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
}

function UploadPage({ c, error }: { c: Context<ConsoleEnv>; error?: string }) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={t('console.import.title')}
    >
      <div class="card">
        <p>{t('roster.template.hint')}</p>
        <p>
          <a class="button" href="/console/import/template.xlsx">
            {t('console.import.template_xlsx')}
          </a>{' '}
          <a class="button" href="/console/import/template.csv">
            {t('console.import.template_csv')}
          </a>
        </p>
        {actor.role === 'class_teacher' && <p class="muted">{t('console.import.teacher_scope')}</p>}
      </div>
      <form method="post" action="/console/import" enctype="multipart/form-data" class="card">
        {error && <p class="error">{error}</p>}
        <CsrfField actor={actor} />
        <label for="file">{t('console.import.file')}</label>
        <input type="file" id="file" name="file" accept=".csv,.xlsx,text/csv" required />{' '}
        <button type="submit">{t('console.import.preview')}</button>
      </form>
    </Layout>
  );
}

function PreviewPage({
  c,
  importId,
  fileName,
  preview,
}: {
  c: Context<ConsoleEnv>;
  importId: string;
  fileName: string;
  preview: RosterFilePreview;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const { summary } = preview;
  // Every row with a problem, plus the first rows as a sample of what will be imported.
  const shown = preview.rows
    .filter((row, index) => index < SAMPLE_ROWS || row.errors.length > 0 || row.warnings.length > 0)
    .slice(0, MAX_ROWS_SHOWN);
  const hidden = preview.rows.length - shown.length;
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={t('console.import.preview_title', { file: fileName })}
    >
      {preview.fileErrors.map((issue) => (
        <p class="banner file-error">{formatRosterIssue(issue, t)}</p>
      ))}
      {preview.fileWarnings.map((issue) => (
        <p class="banner">{formatRosterIssue(issue, t)}</p>
      ))}
      {/* A file that could not be read has no rows to count: say what is wrong, not "0 行有错误". */}
      {preview.fileErrors.length > 0 ? (
        <div class="card" id="summary">
          <p class="error">{t('console.import.file_unusable')}</p>
          <a href="/console/import">{t('console.import.try_again')}</a>
        </div>
      ) : (
        <div class="card" id="summary">
          <div>{t('roster.summary.total_rows', { count: summary.totalRows })}</div>
          <div>{t('roster.summary.students_to_create', { count: summary.studentsToCreate })}</div>
          <div>{t('roster.summary.students_to_update', { count: summary.studentsToUpdate })}</div>
          <div>{t('roster.summary.students_unchanged', { count: summary.studentsUnchanged })}</div>
          <div>{t('roster.summary.guardians_to_add', { count: summary.guardiansToAdd })}</div>
          <div>{t('roster.summary.guardians_to_update', { count: summary.guardiansToUpdate })}</div>
          <div class={summary.rowsWithErrors > 0 ? 'error' : ''}>
            {t('roster.summary.rows_with_errors', { count: summary.rowsWithErrors })}
          </div>
          <p class={summary.canImport ? 'ok' : 'error'}>
            {t(summary.canImport ? 'roster.summary.can_import' : 'roster.summary.cannot_import')}
          </p>
          {summary.canImport ? (
            <form method="post" action={`/console/import/${importId}/confirm`}>
              <CsrfField actor={actor} />
              <button type="submit" id="confirm-import">
                {t('console.import.confirm')}
              </button>
            </form>
          ) : (
            <a href="/console/import">{t('console.import.try_again')}</a>
          )}
        </div>
      )}
      {shown.length > 0 && (
        <table id="rows">
          <thead>
            <tr>
              <th>{t('console.import.line')}</th>
              <th>{t('roster.fields.className')}</th>
              <th>{t('roster.fields.studentNumber')}</th>
              <th>{t('roster.fields.studentName')}</th>
              <th>{t('roster.fields.guardianName')}</th>
              <th>{t('roster.fields.guardianPhone')}</th>
              <th>{t('console.import.problems')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr data-line={row.line} class={row.errors.length > 0 ? 'has-error' : undefined}>
                <td data-label={t('console.import.line')}>{row.line}</td>
                <td data-label={t('roster.fields.className')}>{row.raw.className}</td>
                <td data-label={t('roster.fields.studentNumber')}>{row.raw.studentNumber}</td>
                <td data-label={t('roster.fields.studentName')} class="name">
                  {row.raw.studentName}
                </td>
                <td data-label={t('roster.fields.guardianName')}>
                  {row.raw.guardianName} {row.raw.relation}
                </td>
                <td data-label={t('roster.fields.guardianPhone')}>{row.raw.guardianPhone}</td>
                <td data-label={t('console.import.problems')}>
                  {row.errors.map((issue) => (
                    <div class="error">{formatRosterIssue(issue, t)}</div>
                  ))}
                  {row.warnings.map((issue) => (
                    <div class="warn">{formatRosterIssue(issue, t)}</div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hidden > 0 && <p class="muted">{t('console.import.more_rows', { count: hidden })}</p>}
    </Layout>
  );
}

function DonePage({ c, preview }: { c: Context<ConsoleEnv>; preview: RosterFilePreview }) {
  const t = c.get('t');
  const { summary } = preview;
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={c.get('actor')}
      title={t('console.import.done_title')}
    >
      <p class="banner good" id="import-done">
        {t('console.import.done', {
          created: summary.studentsToCreate,
          updated: summary.studentsToUpdate,
          guardians: summary.guardiansToAdd,
        })}
      </p>
      <p>
        <a href="/console">{t('console.import.to_classes')}</a>
      </p>
    </Layout>
  );
}
