import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { StaffActor } from '../auth/staff-actor.js';
import { LOCALES, type Locale, type Translate } from '../i18n/index.js';
import { CONSOLE_STYLE } from './console-style.js';

export interface PageProps {
  t: Translate;
  locale: Locale;
  actor: StaffActor | null;
  /**
   * Inbox threads with something unread, for the navigation (`c.get('inboxUnread')`); null for roles without an
   * inbox. Passed in rather than read from a request-wide store: hono/context-storage's AsyncLocalStorage would
   * turn promise hooks on for the whole process (src/platform/node/jsx-without-async-context.ts).
   */
  inboxUnread: number | null;
  title: string;
  children?: Child;
}

/** The console's frame: top bar with who is logged in, navigation for their role, and a language switch. */
export function Layout({ t, locale, actor, inboxUnread, title, children }: PageProps) {
  // The doctype keeps browsers in standards mode (without it, quirks mode changes box sizes and fonts).
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${inboxUnread ? `(${inboxUnread}) ` : ''}${title} · ${t('console.brand')}`}</title>
          <style>{raw(CONSOLE_STYLE)}</style>
        </head>
        <body>
          <header class="top no-print">
            <a class="brand" href="/console">
              {t('console.brand')}
            </a>
            {actor && (
              <nav>
                <a href="/console">{t('console.nav.classes')}</a>
                <a href="/console/notices">{t('notices.console.nav')}</a>
                {inboxUnread !== null && (
                  <a href="/console/inbox" data-nav="inbox">
                    {t('inbox.console.nav')}
                    {inboxUnread > 0 && (
                      <span class="badge" title={t('inbox.console.nav_unread', { count: inboxUnread })}>
                        {inboxUnread}
                      </span>
                    )}
                  </a>
                )}
                {(actor.schoolId !== null || actor.role === 'district_officer') && (
                  <a href="/console/applications">{t('applications.console.nav')}</a>
                )}
                {(actor.role === 'school_officer' || actor.role === 'class_teacher') && (
                  <a href="/console/import">{t('console.nav.import')}</a>
                )}
                {actor.role === 'district_officer' && (
                  <a href="/console/schools">{t('console.nav.schools')}</a>
                )}
                {actor.role === 'school_officer' && <a href="/console/admin">{t('console.nav.admin')}</a>}
                {(actor.role === 'school_officer' || actor.role === 'district_officer') && (
                  <a href="/console/accounts">{t('console.nav.accounts')}</a>
                )}
                {actor.role !== 'class_teacher' && <a href="/console/audit">{t('console.nav.audit')}</a>}
                {actor.role === 'district_officer' && <a href="/console/catalogs">{t('catalogs.nav')}</a>}
                <a href="/console/api-tokens">{t('staffApi.nav')}</a>
              </nav>
            )}
            <div class="who">
              {LOCALES.filter((each) => each !== locale).map((each) => (
                <a href={`?lang=${each}`}>{t(`console.locale.${each}`)}</a>
              ))}
              {actor && (
                <form method="post" action="/console/logout">
                  <input type="hidden" name="_csrf" value={actor.csrfToken} />
                  <span>
                    {actor.displayName} · {t(`console.role.${actor.role}`)}
                  </span>
                  <button type="submit">{t('console.logout')}</button>
                </form>
              )}
            </div>
          </header>
          <main>
            <h1>{title}</h1>
            {children}
          </main>
        </body>
      </html>
    </>
  );
}

export function CsrfField({ actor }: { actor: StaffActor }) {
  return <input type="hidden" name="_csrf" value={actor.csrfToken} />;
}
