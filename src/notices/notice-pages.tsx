import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { StaffActor } from '../auth/staff-actor.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { CsrfField, Layout } from '../console/layout.js';
import { LOCALES } from '../i18n/index.js';
import type { AudienceClass } from './audience-classes.js';
import type { NoticeContent, NoticeKind } from './notice-content.js';
import type { NoticeProgress } from './notice-stats.js';
import { rate } from './notice-stats.js';
import type { NoticeDraft } from './notice-store.js';

export interface FormPageProps {
  c: Context<ConsoleEnv>;
  kind: NoticeKind;
  draft: NoticeDraft;
  classes: AudienceClass[];
  action: string;
  errors?: string[];
  /** Student numbers by id, to show 告知书 rows as the teacher typed them. */
  numberOf: ReadonlyMap<string, string>;
}

// The fields' size/cols suit a desktop; on a phone they shrink to the card instead of widening the page.
const FORM_STYLE = `
.notice-form input:not([type=radio]):not([type=checkbox]),.notice-form textarea,.notice-form select{max-width:100%;box-sizing:border-box}
.notice-form fieldset{min-width:0}
`;

/** The notice editor: template rows, audience, confirmation mode and the optional check. */
export function NoticeForm({ c, kind, draft, classes, action, errors, numberOf }: FormPageProps) {
  const t = c.get('t');
  const actor = c.get('actor') as StaffActor;
  const content: NoticeContent = draft.content;
  const grades = [...new Set(classes.map((row) => row.grade))];
  const audience = draft.audience;
  const rows = Object.entries(content.studentRows)
    .flatMap(([studentId, list]) =>
      list.map((row) =>
        [numberOf.get(studentId) ?? studentId, row.programme, row.amount, row.paidOn].join(','),
      ),
    )
    .join('\n');
  const programmes = [...content.programmes, ...(kind === 'policy_card' ? [undefined] : [])];
  return (
    <form method="post" action={action} class="card notice-form">
      <style>{raw(FORM_STYLE)}</style>
      <CsrfField actor={actor} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="stage" value={content.stage ?? ''} />
      <input type="hidden" name="antiFraud" value={content.antiFraud} />
      {errors && errors.length > 0 && (
        <p class="banner">
          {t('notices.console.invalid')} {errors.join(', ')}
        </p>
      )}
      <p>
        <label>
          {t('notices.console.title_field')}
          <br />
          <input name="title" value={draft.title} size={50} required maxlength={200} />
        </label>{' '}
        <select name="noticeLocale">
          {LOCALES.map((each) => (
            <option value={each} selected={draft.locale === each}>
              {t(`console.locale.${each}`)}
            </option>
          ))}
        </select>
      </p>
      <fieldset>
        <legend>{t('notices.console.audience')}</legend>
        {actor.role === 'school_officer' && (
          <>
            <label>
              <input type="radio" name="scope" value="school" checked={audience.scope === 'school'} />{' '}
              {t('notices.console.audience_school')}
            </label>{' '}
            <label>
              <input type="radio" name="scope" value="grades" checked={audience.scope === 'grades'} />{' '}
              {t('notices.console.audience_grades')}
            </label>{' '}
            {grades.map((grade) => (
              <label>
                <input
                  type="checkbox"
                  name="grades"
                  value={String(grade)}
                  checked={audience.scope === 'grades' && audience.grades.includes(grade)}
                />
                {t('notices.console.grade_n', { grade })}{' '}
              </label>
            ))}
            <br />
          </>
        )}
        <label>
          <input type="radio" name="scope" value="classes" checked={audience.scope === 'classes'} />{' '}
          {t('notices.console.audience_classes')}
        </label>{' '}
        {classes.map((row) => (
          <label>
            <input
              type="checkbox"
              name="classIds"
              value={row.id}
              checked={audience.scope === 'classes' && audience.classIds.includes(row.id)}
            />
            {row.name}{' '}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('notices.console.confirmation')}</legend>
        {(['read', 'confirm', 'sign'] as const).map((mode) => (
          <label>
            <input type="radio" name="confirmation" value={mode} checked={draft.confirmation === mode} />{' '}
            {t(`notices.console.confirmation_${mode}`)}{' '}
          </label>
        ))}
      </fieldset>
      <p>
        <label>
          {t('notices.console.body')}
          <br />
          <textarea name="body" rows={5} cols={80} maxlength={8000}>
            {content.body}
          </textarea>
        </label>
      </p>
      {kind === 'policy_card' && (
        <>
          <h2>{t('notices.console.programmes')}</h2>
          {programmes.map((row, index) => (
            <div class="programme-row">
              <input type="hidden" name={`p${index}_id`} value={row?.programmeId ?? ''} />
              <input
                name={`p${index}_name`}
                value={row?.name ?? ''}
                placeholder={t('notices.page.programmes')}
                size={30}
              />{' '}
              <input
                name={`p${index}_standard`}
                value={row?.standard ?? ''}
                placeholder={t('notices.page.standard')}
                size={40}
              />{' '}
              <select name={`p${index}_application`}>
                <option value="required" selected={row?.application === 'required'}>
                  {t('notices.page.application_required')}
                </option>
                <option value="not_required" selected={row?.application !== 'required'}>
                  {t('notices.page.application_not_required')}
                </option>
              </select>
              <br />
              <textarea name={`p${index}_target`} rows={2} cols={60} placeholder={t('notices.page.target')}>
                {row?.target ?? ''}
              </textarea>{' '}
              <textarea name={`p${index}_payment`} rows={2} cols={40} placeholder={t('notices.page.payment')}>
                {row?.payment ?? ''}
              </textarea>
            </div>
          ))}
        </>
      )}
      {kind === 'funding_notice' && (
        <p>
          <label>
            {t('notices.console.rows')}
            <br />
            <textarea name="rows" rows={8} cols={80}>
              {rows}
            </textarea>
          </label>
        </p>
      )}
      <p>
        <label>
          {t('notices.console.deadline')} <input type="date" name="deadline" value={content.deadline} />
        </label>{' '}
        <label>
          {t('notices.console.consult_phone')}{' '}
          <input name="consultPhone" value={content.consultPhone} required />
        </label>{' '}
        <label>
          {t('notices.console.report_phone')} <input name="reportPhone" value={content.reportPhone} />
        </label>
      </p>
      <h2>{t('notices.console.check')}</h2>
      {[0, 1, 2].map((index) => {
        const question = content.check[index];
        return (
          <div class="check-row">
            <input
              name={`q${index}_question`}
              value={question?.question ?? ''}
              placeholder={t('notices.console.question', { n: index + 1 })}
              size={50}
            />{' '}
            <label>
              {t('notices.console.answer')}{' '}
              <input
                name={`q${index}_answer`}
                type="number"
                min={1}
                max={4}
                value={String((question?.answer ?? 0) + 1)}
              />
            </label>
            <br />
            <textarea
              name={`q${index}_options`}
              rows={3}
              cols={50}
              placeholder={t('notices.console.options')}
            >
              {question?.options.join('\n') ?? ''}
            </textarea>{' '}
            <input
              name={`q${index}_explanation`}
              value={question?.explanation ?? ''}
              placeholder={t('notices.console.explanation')}
              size={40}
            />
          </div>
        );
      })}
      <p>
        <button type="submit">{t('notices.console.save')}</button>
      </p>
    </form>
  );
}

export function ProgressTable({
  c,
  rows,
}: {
  c: Context<ConsoleEnv>;
  rows: { label: string; progress: NoticeProgress }[];
}) {
  const t = c.get('t');
  const columns = [
    'delivered',
    'read',
    'understood',
    'confirmed',
    'signed',
    'noChannel',
    'failed',
    'queued',
  ] as const;
  return (
    <table class="progress">
      <thead>
        <tr>
          <th />
          <th>{t('notices.console.total')}</th>
          {columns.map((column) => (
            <th>{t(`notices.console.${column === 'noChannel' ? 'no_channel' : column}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td>{row.label}</td>
            <td>{row.progress.total}</td>
            {columns.map((column) => (
              <td data-stat={column}>
                {row.progress[column]}
                {['delivered', 'read', 'understood', 'confirmed', 'signed'].includes(column) && (
                  <small class="muted"> ({rate(row.progress[column], row.progress.total)}%)</small>
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function NoticeLayout({
  c,
  title,
  children,
}: {
  c: Context<ConsoleEnv>;
  title: string;
  children?: unknown;
}) {
  return (
    <Layout
      t={c.get('t')}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={c.get('actor')}
      title={title}
    >
      {children as never}
    </Layout>
  );
}
