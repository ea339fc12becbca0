import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { LOCALES, type Locale, type Translate } from '../i18n/index.js';
import { maskName } from '../util/mask.js';
import { formatLocalDate, formatLocalTime } from './format-time.js';
import { FundingTable } from './funding-table.js';
import { GUARDIAN_PAGE_SCRIPT } from './guardian-page-script.min.js';
import { GUARDIAN_PAGE_STYLE } from './guardian-page-style.min.js';
import type { RecipientView } from './recipient-access.js';
import type { NoticeChange } from './what-changed.js';

export interface GuardianPageProps {
  t: Translate;
  locale: Locale;
  view: RecipientView;
  changes: NoticeChange[];
  /** Which step: the notice with its questions, or the signing pad after the questions were answered. */
  step: 'read' | 'sign';
  wrong?: number[];
  answers?: (number | null)[];
  error?: string;
  path: string;
  /** TIME_ZONE: the dates and times on the page. */
  timeZone: string;
}

function Shell({
  t,
  locale,
  view,
  path,
  children,
  withPad,
}: GuardianPageProps & { children: Child; withPad?: boolean }) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${view.version.title} · ${t('notices.page.title')}`}</title>
        <style>{raw(GUARDIAN_PAGE_STYLE)}</style>
      </head>
      <body>
        <header>
          <span class="school">{view.schoolName}</span>
          <button type="button" id="large">
            {t('notices.page.large_text')}
          </button>
          {LOCALES.filter((each) => each !== locale).map((each) => (
            <a href={`${path}?lang=${each}`} lang={each}>
              {t(`console.locale.${each}`)}
            </a>
          ))}
        </header>
        <main>{children}</main>
        {withPad && <script src="/n/assets/signature_pad.js" />}
        <script>{raw(GUARDIAN_PAGE_SCRIPT)}</script>
      </body>
    </html>
  );
}

/** The notice as a guardian reads it: what changed first, the text, the check, and the confirm button. */
export function GuardianNoticePage(props: GuardianPageProps) {
  const { t, view, changes } = props;
  const { version, content, receipt } = view;
  const date = formatLocalDate(version.sentAt ?? version.createdAt, props.timeZone);
  const rows = content.studentRows[view.recipient.studentId] ?? [];
  const needsAction = version.confirmation !== 'read' && !receipt;
  return (
    <Shell {...props}>
      <h1 data-speak>{version.title}</h1>
      <p class="meta">
        {t('notices.page.for_student', { student: maskName(view.studentName), className: view.className })}
        <br />
        {t('notices.page.version', { version: version.version, date })}
      </p>
      <button
        type="button"
        id="speak"
        class="secondary"
        hidden
        data-lang={version.locale}
        data-start={t('notices.page.read_aloud')}
        data-stop={t('notices.page.stop_reading')}
      >
        {t('notices.page.read_aloud')}
      </button>
      {changes.length > 0 && (
        <section class="box changed" data-speak>
          <h2>{t('notices.page.what_changed')}</h2>
          <ul>
            {changes.map((change) => (
              <li>{t(change.key, change.params)}</li>
            ))}
          </ul>
        </section>
      )}
      {receipt && (
        <p class="box done" id="done">
          {t(receipt.signedAt ? 'notices.page.done_sign' : 'notices.page.done_confirm')}
          <br />
          {t('notices.page.done_at', {
            time: formatLocalTime(receipt.confirmedAt, props.timeZone),
          })}
        </p>
      )}
      {content.body && (
        <section class="box body" data-speak>
          {content.body}
        </section>
      )}
      {content.programmes.length > 0 && (
        <section data-speak>
          <h2>{t('notices.page.programmes')}</h2>
          {content.programmes.map((row) => (
            <div class="box programme">
              <h3>{row.name}</h3>
              <dl>
                <dt>{t('notices.page.target')}</dt>
                <dd>{row.target}</dd>
                <dt>{t('notices.page.standard')}</dt>
                <dd>{row.standard}</dd>
                <dt>{t('notices.page.application')}</dt>
                <dd>{t(`notices.page.application_${row.application}`)}</dd>
                <dt>{t('notices.page.payment')}</dt>
                <dd>{row.payment}</dd>
              </dl>
            </div>
          ))}
        </section>
      )}
      {rows.length > 0 && (
        <section class="box" data-speak>
          <h2>{t('notices.page.funding')}</h2>
          <FundingTable t={t} rows={rows} />
        </section>
      )}
      {content.deadline && <p class="box">{t('notices.page.deadline', { date: content.deadline })}</p>}
      <section class="box fraud" data-speak>
        <h2>{t('notices.page.antifraud_title')}</h2>
        <p>{content.antiFraud}</p>
        <p>
          {t('notices.page.consult', { phone: content.consultPhone })}
          {content.reportPhone && (
            <>
              <br />
              {t('notices.page.report', { phone: content.reportPhone })}
            </>
          )}
        </p>
      </section>
      {props.error && <p class="error">{props.error}</p>}
      {needsAction && (
        <form method="post" action={props.path} class="box">
          {content.check.length > 0 && <h2>{t('notices.page.check_title')}</h2>}
          {content.check.map((question, index) => (
            <fieldset>
              <legend>{question.question}</legend>
              {question.options.map((option, choice) => (
                <label class="option">
                  <input
                    type="radio"
                    name={`q${index}`}
                    value={String(choice)}
                    required
                    checked={props.answers?.[index] === choice}
                  />
                  <span>{option}</span>
                </label>
              ))}
              {props.wrong?.includes(index) && (
                <p class="wrong">{question.explanation || t('notices.page.check_wrong')}</p>
              )}
            </fieldset>
          ))}
          <button type="submit" class="primary" id="confirm">
            {t(version.confirmation === 'sign' ? 'notices.page.confirm_sign' : 'notices.page.confirm')}
          </button>
        </form>
      )}
      {version.confirmation === 'read' && <p class="box done">{t('notices.page.done_read')}</p>}
    </Shell>
  );
}

/** Step two for notices that need a signature: the pad, after the questions were answered rightly. */
export function GuardianSignPage(props: GuardianPageProps) {
  const { t, view } = props;
  return (
    <Shell {...props} withPad>
      <h1>{view.version.title}</h1>
      <p class="meta">
        {t('notices.page.for_student', { student: maskName(view.studentName), className: view.className })}
      </p>
      <form
        id="sign-form"
        class="box"
        method="post"
        action={`${props.path}/signature`}
        data-answers={JSON.stringify(props.answers ?? [])}
        data-done={props.path}
        data-empty={t('notices.page.sign_empty')}
        data-error={t('notices.page.error')}
      >
        <h2>{t('notices.page.sign_title')}</h2>
        <p class="meta">{t('notices.page.sign_hint')}</p>
        <div class="pad">
          <canvas id="signature" />
        </div>
        <p class="error" id="sign-status" role="status" />
        <div class="row">
          <button type="button" class="secondary" id="clear">
            {t('notices.page.sign_clear')}
          </button>
        </div>
        <button type="submit" class="primary">
          {t('notices.page.sign_submit')}
        </button>
      </form>
    </Shell>
  );
}

export function GuardianMessagePage({
  locale,
  message,
  title,
}: {
  locale: Locale;
  message: string;
  title: string;
}) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style>{raw(GUARDIAN_PAGE_STYLE)}</style>
      </head>
      <body>
        <main>
          <p class="box">{message}</p>
        </main>
      </body>
    </html>
  );
}
