import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { StaffActor } from '../auth/staff-actor.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { CsrfField, Layout } from '../console/layout.js';
import type { Translate } from '../i18n/index.js';
import { APPLICATION_STATUSES, type ApplicationStatus, waitingFor } from './review-chain.js';
import type { QueueRow } from './review-queue.js';
import type { TierOption } from './tier-options.js';

/** What the application pages add to the console's style: the answers as a two-column list, photo thumbnails. */
const APPLICATION_STYLE = `.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;background:#fff;border-radius:8px;padding:12px 14px;margin:0 0 14px}
.facts dt{color:#4d5d55}.facts dd{margin:0;overflow-wrap:anywhere}
.facts form.inline{display:inline;margin-left:8px}
.photos{display:flex;flex-wrap:wrap;gap:8px}
.photos img{width:160px;height:160px;object-fit:cover;border-radius:6px;border:1px solid #d5ddd8;background:#fff}
.document h3{font-size:16px;margin:12px 0 6px}
@media (max-width:640px){.facts{grid-template-columns:1fr}.facts dt{margin-top:6px}.photos img{width:calc(50vw - 24px);height:calc(50vw - 24px)}}`;

/** A console page in the console's frame. */
export function Page({ c, title, children }: { c: Context<ConsoleEnv>; title: string; children?: unknown }) {
  return (
    <Layout
      t={c.get('t')}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={c.get('actor')}
      title={title}
    >
      <style>{raw(APPLICATION_STYLE)}</style>
      {children as never}
    </Layout>
  );
}

export function ApplicationsNav({ t, actor, current }: { t: Translate; actor: StaffActor; current: string }) {
  const items: [string, string][] = [['/console/applications', t('applications.console.queue_title')]];
  if (actor.role === 'school_officer') {
    items.push(['/console/applications/publicity', t('applications.console.publicity_title')]);
    items.push(['/console/applications/settings', t('applications.console.settings_title')]);
  }
  if (actor.role === 'school_officer' || actor.role === 'school_leader' || actor.role === 'principal')
    items.push(['/console/applications/ledger', t('applications.console.ledger_title')]);
  return (
    <nav class="tabs" aria-label={t('applications.console.sections')}>
      {items.map(([href, label]) => (
        <a href={href} aria-current={href === current ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

export function QueuePage(props: {
  c: Context<ConsoleEnv>;
  rows: QueueRow[];
  counts: Map<ApplicationStatus, number>;
  waiting: number;
  status: string;
  classId: string;
  classOptions: { id: string; name: string }[];
  programmeName: (id: string) => string;
  notice?: string;
}) {
  const { c, rows } = props;
  const t = c.get('t');
  const actor = c.get('actor')!;
  const canBatch = waitingFor(actor.role).some((status) =>
    ['submitted', 'teacher_approved', 'leader_approved'].includes(status),
  );
  const tab = (value: string, label: string, count: number) => (
    <a
      href={`/console/applications?status=${value}${props.classId ? `&class=${props.classId}` : ''}`}
      aria-current={props.status === value ? 'page' : undefined}
    >
      {label} ({count})
    </a>
  );
  const total = [...props.counts.values()].reduce((sum, each) => sum + each, 0);
  return (
    <Page c={c} title={t('applications.console.queue_title')}>
      <ApplicationsNav t={t} actor={actor} current="/console/applications" />
      {props.notice && (
        <p class="banner" role="status">
          {props.notice}
        </p>
      )}
      <nav class="tabs" aria-label={t('applications.console.filter_status')}>
        {tab('waiting', t('applications.console.waiting_for_me'), props.waiting)}
        {APPLICATION_STATUSES.filter(
          (status) => status !== 'draft' && (props.counts.get(status) ?? 0) > 0,
        ).map((status) => tab(status, t(`applications.status.${status}`), props.counts.get(status) ?? 0))}
        {tab('all', t('applications.console.all'), total)}
      </nav>
      <form method="get" action="/console/applications" class="filters">
        <input type="hidden" name="status" value={props.status} />
        <div class="field">
          <label for="class">{t('applications.console.class')}</label>
          <select id="class" name="class">
            <option value="">{t('applications.console.all_classes')}</option>
            {props.classOptions.map((option) => (
              <option value={option.id} selected={option.id === props.classId}>
                {option.name}
              </option>
            ))}
          </select>
        </div>
        <div class="buttons">
          <button type="submit" class="secondary">
            {t('applications.console.filter')}
          </button>
        </div>
      </form>
      {rows.length === 0 ? (
        <p>{t('applications.console.empty')}</p>
      ) : (
        <form method="post" action="/console/applications/batch-approve">
          <CsrfField actor={actor} />
          <table>
            <thead>
              <tr>
                {canBatch && <th>{t('applications.console.select')}</th>}
                <th>{t('applications.console.student')}</th>
                <th>{t('applications.console.class')}</th>
                <th>{t('applications.console.programme')}</th>
                <th>{t('applications.console.tier')}</th>
                <th>{t('applications.console.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  {canBatch && (
                    <td data-label={t('applications.console.select')}>
                      {waitingFor(actor.role).includes(row.status) && (
                        <input
                          type="checkbox"
                          name={`app_${row.id}`}
                          value="on"
                          aria-label={t('applications.console.select_one', { name: row.studentName })}
                        />
                      )}
                    </td>
                  )}
                  <td class="name" data-label={t('applications.console.student')}>
                    <a href={`/console/applications/${row.id}`}>{row.studentName}</a>
                  </td>
                  <td data-label={t('applications.console.class')}>{row.className}</td>
                  <td data-label={t('applications.console.programme')}>
                    {props.programmeName(row.programmeId)}
                  </td>
                  <td data-label={t('applications.console.tier')}>
                    {row.tier
                      ? `${row.tier} · ${t('applications.console.yuan', { amount: row.amount ?? 0 })}`
                      : '—'}
                  </td>
                  <td data-label={t('applications.console.status')}>
                    {t(`applications.status.${row.status}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canBatch && (
            <p>
              <button type="submit">{t('applications.console.batch_approve')}</button>
            </p>
          )}
        </form>
      )}
    </Page>
  );
}

export function TierForm({
  t,
  actor,
  id,
  options,
  current,
}: {
  t: Translate;
  actor: StaffActor;
  id: string;
  options: TierOption[];
  current: string | null;
}) {
  if (options.length === 0) return <p class="hint">{t('applications.console.no_tiers')}</p>;
  return (
    <form method="post" action={`/console/applications/${id}/tier`} class="row-form">
      <CsrfField actor={actor} />
      <div class="field">
        <label for="tier">{t('applications.console.tier')}</label>
        <select id="tier" name="tier">
          {options.map((option) => (
            <option value={option.id} selected={option.label === current}>
              {option.label} · {t('applications.console.yuan', { amount: option.amount })}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        {t('applications.console.assign_tier')}
      </button>
    </form>
  );
}
