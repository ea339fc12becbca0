import type { Context } from 'hono';
import type { ConsoleEnv } from '../console/console-env.js';
import { CsrfField } from '../console/layout.js';
import type { applicationTransitions } from '../db/schema.js';
import { APPLICATION_FIELDS } from './chat-route.js';
import { parseList } from './draft-store.js';
import type { LoadedApplication } from './load-application.js';
import { needsFamilyMembers, requiredDocuments } from './required-documents.js';
import { REVIEW_STAGE } from './review-chain.js';
import { ApplicationsNav, Page, TierForm } from './review-pages.js';
import type { TierOption } from './tier-options.js';

export interface DetailProps {
  c: Context<ConsoleEnv>;
  loaded: LoadedApplication;
  programme: string;
  documents: { id: string; kind: string; url: string | null }[];
  photosHidden: boolean;
  canReveal: boolean;
  revealed?: string;
  canTier: boolean;
  tiers: TierOption[];
  history: (typeof applicationTransitions.$inferSelect)[];
  actorNames: Map<string, string>;
  formatTime: (ms: number) => string;
  notice?: string;
}

/** One application: the family's answers, the document viewer, the history and the actions of this role. */
export function DetailPage(props: DetailProps) {
  const { c, loaded } = props;
  const { application } = loaded;
  const t = c.get('t');
  const actor = c.get('actor')!;
  const categories = parseList(application.categories);
  const reviewing = REVIEW_STAGE[actor.role] === application.status;
  return (
    <Page c={c} title={t('applications.console.detail_title', { name: loaded.studentName })}>
      <ApplicationsNav t={t} actor={actor} current="" />
      {props.notice && (
        <p class="banner" role="status">
          {props.notice}
        </p>
      )}
      <dl class="facts">
        <dt>{t('applications.console.student')}</dt>
        <dd>
          {loaded.studentName}（{loaded.studentNumber}）
        </dd>
        <dt>{t('applications.console.class')}</dt>
        <dd>{loaded.className}</dd>
        <dt>{t('applications.console.programme')}</dt>
        <dd>{props.programme}</dd>
        <dt>{t('applications.console.status')}</dt>
        <dd>{t(`applications.status.${application.status}`)}</dd>
        <dt>{t('applications.field.resident_id')}</dt>
        <dd>
          {props.revealed ?? application.residentIdMasked ?? '—'}
          {props.canReveal && !props.revealed && application.residentIdEnc && (
            <form method="post" action={`/console/applications/${application.id}/reveal-id`} class="inline">
              <CsrfField actor={actor} />
              <button type="submit" class="secondary">
                {t('applications.console.reveal')}
              </button>
            </form>
          )}
        </dd>
        <dt>{t('applications.field.categories')}</dt>
        <dd>{categories.map((id) => t(`policy.category.${id}`)).join('、')}</dd>
        <dt>{t('applications.field.situation')}</dt>
        <dd class="prose">{application.situation}</dd>
        {needsFamilyMembers(categories) && (
          <>
            <dt>{t('applications.field.family')}</dt>
            <dd>
              {parseList(application.familyMembers).map((line) => (
                <div>{line}</div>
              ))}
            </dd>
          </>
        )}
        <dt>{t('applications.console.pledge')}</dt>
        <dd>{application.pledgedAt ? props.formatTime(application.pledgedAt) : '—'}</dd>
        <dt>{t('applications.console.tier')}</dt>
        <dd>
          {application.tier
            ? `${application.tier} · ${t('applications.console.yuan', { amount: application.amount ?? 0 })}`
            : '—'}
        </dd>
      </dl>
      {props.canTier && (
        <TierForm t={t} actor={actor} id={application.id} options={props.tiers} current={application.tier} />
      )}

      <h2>{t('applications.console.documents')}</h2>
      {props.photosHidden ? (
        <p class="hint">{t('applications.console.photos_hidden')}</p>
      ) : (
        requiredDocuments(categories).map((kind) => {
          const photos = props.documents.filter((document) => document.kind === kind);
          return (
            <section class="document">
              <h3>
                {t(`applications.document.${kind}`)}（{photos.length}）
              </h3>
              {photos.length === 0 && <p class="hint">{t('applications.console.document_missing')}</p>}
              <div class="photos">
                {photos.map((photo, index) =>
                  photo.url ? (
                    <a href={photo.url} target="_blank" rel="noopener">
                      <img
                        src={photo.url}
                        alt={t('applications.console.photo_alt', {
                          document: t(`applications.document.${kind}`),
                          n: index + 1,
                        })}
                        loading="lazy"
                      />
                    </a>
                  ) : null,
                )}
              </div>
            </section>
          );
        })
      )}

      {reviewing && (
        <section>
          <h2>{t('applications.console.decide')}</h2>
          <form method="post" action={`/console/applications/${application.id}/transition`}>
            <CsrfField actor={actor} />
            <div class="field">
              <label for="comment">{t('applications.console.comment')}</label>
              <textarea id="comment" name="comment" rows={3} maxlength={500} />
              <p class="hint">{t('applications.console.comment_hint')}</p>
            </div>
            <fieldset>
              <legend>{t('applications.console.return_fields')}</legend>
              {APPLICATION_FIELDS.filter((field) => field !== 'family' || needsFamilyMembers(categories)).map(
                (field) => (
                  <label class="check">
                    <input type="checkbox" name={`field_${field}`} value="on" />{' '}
                    {t(`applications.field.${field}`)}
                  </label>
                ),
              )}
              {requiredDocuments(categories).map((kind) => (
                <label class="check">
                  <input type="checkbox" name={`field_doc:${kind}`} value="on" />{' '}
                  {t(`applications.document.${kind}`)}
                </label>
              ))}
            </fieldset>
            <p class="row-form">
              <button type="submit" name="action" value="approve">
                {t('applications.console.approve')}
              </button>
              <button type="submit" name="action" value="return" class="secondary">
                {t('applications.console.return')}
              </button>
              <button type="submit" name="action" value="reject" class="secondary danger">
                {t('applications.console.reject')}
              </button>
            </p>
          </form>
        </section>
      )}
      {actor.role === 'school_officer' && application.status === 'reported' && (
        <section>
          <h2>{t('applications.console.pay_title')}</h2>
          <form method="post" action={`/console/applications/${application.id}/pay`} class="row-form">
            <CsrfField actor={actor} />
            <div class="field">
              <label for="paidOn">{t('applications.console.paid_on')}</label>
              <input id="paidOn" name="paidOn" type="date" required />
            </div>
            <div class="field">
              <label for="channel">{t('applications.console.payment_channel')}</label>
              <select id="channel" name="channel">
                {PAYMENT_CHANNELS.map((channel) => (
                  <option value={channel}>{t(`applications.payment.${channel}`)}</option>
                ))}
              </select>
            </div>
            <button type="submit">{t('applications.console.record_payment')}</button>
          </form>
        </section>
      )}
      {actor.role === 'school_officer' && application.status === 'paid' && (
        <form method="post" action={`/console/applications/${application.id}/transition`}>
          <CsrfField actor={actor} />
          <button type="submit" name="action" value="archive">
            {t('applications.console.archive')}
          </button>
        </form>
      )}

      <h2>{t('applications.console.history')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('applications.console.when')}</th>
            <th>{t('applications.console.who')}</th>
            <th>{t('applications.console.step')}</th>
            <th>{t('applications.console.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {props.history.map((row) => (
            <tr>
              <td data-label={t('applications.console.when')}>{props.formatTime(row.at)}</td>
              <td data-label={t('applications.console.who')}>
                {row.actorType === 'guardian'
                  ? t('applications.console.guardian')
                  : `${props.actorNames.get(row.actorId ?? '') ?? ''}${row.role ? ` · ${t(`console.role.${row.role}`)}` : ''}`}
              </td>
              <td data-label={t('applications.console.step')}>{t(`applications.status.${row.toStatus}`)}</td>
              <td data-label={t('applications.console.comment')}>{row.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}

export const PAYMENT_CHANNELS = ['social_security_card', 'bank_card', 'fee_waiver', 'in_kind'] as const;
