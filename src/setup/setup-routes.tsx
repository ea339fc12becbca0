import { type Context, Hono } from 'hono';
import { audit } from '../audit/audit-log.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { notFound } from '../console/denied-page.js';
import {
  type FieldErrors,
  type FieldValues,
  fieldErrorsOf,
  TextField,
  typedValues,
} from '../console/form-fields.js';
import { Layout } from '../console/layout.js';
import { isWriteConflict } from '../db/write-guard.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps } from '../platform/ports.js';
import { SchoolFormFields, schoolFieldsSchema, schoolProblemKey } from '../schools/index.js';
import { rateLimiter } from '../util/rate-limit.js';
import { needsSetup } from './needs-setup.js';
import { setupFormSchema, setupProblemKey } from './setup-form.js';
import { firstRunStatements } from './setup-statements.js';
import { setupTokenMatches } from './setup-token.js';

const WRONG_TOKENS = { limit: 10, windowMs: 15 * 60_000 };

/**
 * First-run setup at /console/setup: only while the database has no staff account, and only with the setup
 * token (SETUP_TOKEN, or on Node the one printed in the log). Afterwards the page does not exist (404).
 */
export function setupRoutes(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();
  const wrongTokens = rateLimiter(deps, WRONG_TOKENS);

  routes.use(async (c, next) => {
    if (!(await needsSetup(deps))) return notFound(c);
    await next();
  });

  routes.get('/', (c) => c.html(<SetupPage c={c} configured={!!deps.config.SETUP_TOKEN} />));

  routes.post('/', async (c) => {
    const t = c.get('t');
    const ip = clientIp(c);
    const key = `setup-ip:${ip ?? 'unknown'}`;
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      return c.html(
        <SetupPage c={c} configured={!!deps.config.SETUP_TOKEN} banner={t('console.errors.bad_form')} />,
        400,
      );
    }
    const values = typedValues(body);
    const page = (errors: FieldErrors, status: 400 | 403 | 409 | 429, banner?: string) =>
      c.html(
        <SetupPage
          c={c}
          configured={!!deps.config.SETUP_TOKEN}
          values={values}
          errors={errors}
          banner={banner}
        />,
        status,
      );

    // Counted atomically before the token is compared, so a burst of guesses cannot get past the limit.
    const tried = await wrongTokens.attempt(key);
    if (!tried.allowed) return page({}, 429, t('setup.errors.too_many'));
    const typedToken = typeof body.token === 'string' ? body.token : '';
    if (!(await setupTokenMatches(deps.config.SETUP_TOKEN, typedToken))) {
      await audit(deps, { actorType: 'anonymous', action: 'setup.token_refused', ip });
      return page(
        { token: t(typedToken.trim() ? 'setup.errors.token_wrong' : 'setup.errors.token_missing') },
        403,
      );
    }
    const parsed = setupFormSchema.safeParse(body);
    const schoolWanted = typeof body.schoolName === 'string' && body.schoolName.trim() !== '';
    const school = schoolWanted ? schoolFieldsSchema.safeParse(body) : null;
    if (!parsed.success || (school && !school.success)) {
      const errors: FieldErrors = {
        ...(school && !school.success
          ? fieldErrorsOf(school.error, (field) => t(schoolProblemKey(field)))
          : {}),
        ...(parsed.success ? {} : fieldErrorsOf(parsed.error, (field) => t(setupProblemKey(field, body)))),
      };
      return page(errors, 400, t('forms.fix_below'));
    }
    const form = parsed.data;
    const { statements } = await firstRunStatements(
      deps,
      {
        districtName: form.districtName,
        username: form.username,
        displayName: form.displayName,
        password: form.password,
        school: school?.success ? school.data : null,
      },
      ip,
    );
    try {
      await deps.database.atomic(statements);
    } catch (error) {
      // Someone else finished setup a moment earlier.
      if (isWriteConflict(error)) return notFound(c);
      throw error;
    }
    await wrongTokens.clear(key);
    deps.logger.info('first-run setup complete', { username: form.username });
    return c.html(<DonePage c={c} username={form.username} withSchool={!!school?.success} />);
  });

  return routes;
}

function SetupPage({
  c,
  configured,
  values,
  errors,
  banner,
}: {
  c: Context<ConsoleEnv>;
  configured: boolean;
  values?: FieldValues;
  errors?: FieldErrors;
  banner?: string | undefined;
}) {
  const t = c.get('t');
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={null}
      title={t('setup.title')}
    >
      <p>{t('setup.intro')}</p>
      {!configured && <p class="banner">{t('setup.no_token_configured')}</p>}
      {banner && <p class="banner">{banner}</p>}
      <form method="post" action="/console/setup" class="card narrow" novalidate>
        <TextField
          name="token"
          label={t('setup.token')}
          hint={t('setup.token_hint')}
          values={values}
          errors={errors}
          autocomplete="off"
          required
        />
        <h2>{t('setup.district_heading')}</h2>
        <TextField
          name="districtName"
          label={t('setup.district_name')}
          placeholder={t('setup.district_example')}
          values={values}
          errors={errors}
          required
        />
        <h2>{t('setup.officer_heading')}</h2>
        <p class="muted">{t('setup.officer_hint')}</p>
        <TextField
          name="displayName"
          label={t('console.accounts.name')}
          values={values}
          errors={errors}
          required
        />
        <TextField
          name="username"
          label={t('console.accounts.username')}
          hint={t('forms.username_hint')}
          values={values}
          errors={errors}
          autocomplete="username"
          required
        />
        <TextField
          name="password"
          type="password"
          label={t('console.login.password')}
          hint={t('forms.password_hint')}
          errors={errors}
          autocomplete="new-password"
          required
        />
        <TextField
          name="passwordAgain"
          type="password"
          label={t('setup.password_again')}
          errors={errors}
          autocomplete="new-password"
          required
        />
        <h2>{t('setup.school_heading')}</h2>
        <p class="muted">{t('setup.school_hint')}</p>
        <SchoolFormFields t={t} values={values} errors={errors} optional />
        <p>
          <button type="submit">{t('setup.submit')}</button>
        </p>
      </form>
    </Layout>
  );
}

function DonePage({
  c,
  username,
  withSchool,
}: {
  c: Context<ConsoleEnv>;
  username: string;
  withSchool: boolean;
}) {
  const t = c.get('t');
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={null}
      title={t('setup.done_title')}
    >
      <p class="banner good" id="setup-done">
        {t('setup.done', { username })}
      </p>
      <ol>
        <li>{t('setup.next_login')}</li>
        {!withSchool && <li>{t('setup.next_school')}</li>}
        <li>{t('setup.next_accounts')}</li>
        <li>{t('setup.next_officer')}</li>
      </ol>
      <p>
        <a class="button" href="/console/login">
          {t('setup.to_login')}
        </a>
      </p>
    </Layout>
  );
}
