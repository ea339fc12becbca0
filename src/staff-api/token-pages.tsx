import { type Context, Hono } from 'hono';
import * as z from 'zod';
import { canCreateApiToken } from '../auth/permissions.js';
import type { ConsoleEnv } from '../console/console-env.js';
import { forbidden, notFound } from '../console/denied-page.js';
import { CsrfField, Layout } from '../console/layout.js';
import { clientIp } from '../http/client-ip.js';
import type { AppDeps } from '../platform/ports.js';
import { formatLocalTime } from '../util/local-time.js';
import {
  type ApiTokenRow,
  createApiToken,
  listApiTokens,
  MAX_OPEN_TOKENS,
  revokeApiToken,
  TOKEN_LIFETIMES_DAYS,
} from './api-token-store.js';

const createForm = z.object({
  label: z.string().trim().min(1).max(60),
  days: z.coerce
    .number()
    .int()
    .refine((days): days is (typeof TOKEN_LIFETIMES_DAYS)[number] =>
      (TOKEN_LIFETIMES_DAYS as readonly number[]).includes(days),
    ),
});

type Message = { text: string; good: boolean };

/** /console/api-tokens: a staff member's own API tokens: make one (shown once), see when each was used, revoke. */
export function apiTokenPages(deps: AppDeps) {
  const routes = new Hono<ConsoleEnv>();

  routes.use(async (c, next) => {
    if (!canCreateApiToken(c.get('actor')!)) return forbidden(c);
    await next();
  });

  const render = async (
    c: Context<ConsoleEnv>,
    options: { message?: Message; created?: string } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const tokens = await listApiTokens(deps, c.get('actor')!.id);
    return c.html(
      <TokensPage
        c={c}
        tokens={tokens}
        now={deps.clock.now()}
        timeZone={deps.config.TIME_ZONE}
        {...options}
      />,
      status,
    );
  };

  routes.get('/', (c) => render(c));

  routes.post('/', async (c) => {
    const t = c.get('t');
    const parsed = createForm.safeParse(await c.req.parseBody());
    if (!parsed.success) return render(c, { message: { text: t('staffApi.invalid'), good: false } }, 400);
    const result = await createApiToken(deps, c.get('actor')!, parsed.data, clientIp(c));
    if (!result.ok) {
      const text = t('staffApi.too_many', { count: MAX_OPEN_TOKENS });
      return render(c, { message: { text, good: false } }, 409);
    }
    return render(c, { created: result.token });
  });

  routes.post('/:tokenId/revoke', async (c) => {
    const revoked = await revokeApiToken(deps, c.get('actor')!, c.req.param('tokenId'), clientIp(c));
    if (!revoked) return notFound(c);
    return c.redirect('/console/api-tokens', 303);
  });

  return routes;
}

function statusOf(token: ApiTokenRow, now: number): 'revoked' | 'expired' | 'open' {
  if (token.revokedAt !== null) return 'revoked';
  return token.expiresAt <= now ? 'expired' : 'open';
}

function TokensPage({
  c,
  tokens,
  now,
  timeZone,
  message,
  created,
}: {
  c: Context<ConsoleEnv>;
  tokens: ApiTokenRow[];
  now: number;
  timeZone: string;
  message?: Message;
  created?: string;
}) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const date = (ms: number | null) => (ms === null ? '—' : formatLocalTime(ms, timeZone));
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={actor}
      title={t('staffApi.title')}
    >
      {message && <p class={message.good ? 'banner good' : 'banner'}>{message.text}</p>}
      {created && (
        <div class="card">
          <p class="ok">{t('staffApi.created')}</p>
          <p>
            <code data-token={created} style="font-size:15px;word-break:break-all">
              {created}
            </code>
          </p>
          <p class="muted">{t('staffApi.created_once')}</p>
        </div>
      )}
      <p class="muted">{t('staffApi.intro', { role: t(`console.role.${actor.role}`) })}</p>
      <form method="post" action="/console/api-tokens" class="card">
        <CsrfField actor={actor} />
        <label for="label">{t('staffApi.label')}</label>
        <input
          type="text"
          id="label"
          name="label"
          maxlength={60}
          required
          placeholder={t('staffApi.label_hint')}
        />
        <label for="days">{t('staffApi.lifetime')}</label>
        <select id="days" name="days">
          {TOKEN_LIFETIMES_DAYS.map((days) => (
            <option value={String(days)} selected={days === 90}>
              {t('staffApi.days', { days })}
            </option>
          ))}
        </select>
        <p>
          <button type="submit">{t('staffApi.create')}</button>
        </p>
      </form>
      <h2>{t('staffApi.list')}</h2>
      {tokens.length === 0 ? (
        <p class="muted">{t('staffApi.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('staffApi.label')}</th>
              <th>{t('staffApi.hint')}</th>
              <th>{t('staffApi.role')}</th>
              <th>{t('staffApi.created_at')}</th>
              <th>{t('staffApi.expires_at')}</th>
              <th>{t('staffApi.last_used')}</th>
              <th>{t('staffApi.status')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const status = statusOf(token, now);
              return (
                <tr>
                  <td>{token.label}</td>
                  <td>
                    <code>{token.hint}…</code>
                  </td>
                  <td>{t(`console.role.${token.role}`)}</td>
                  <td>{date(token.createdAt)}</td>
                  <td>{date(token.expiresAt)}</td>
                  <td>{date(token.lastUsedAt)}</td>
                  <td>
                    {status === 'open' ? (
                      <form method="post" action={`/console/api-tokens/${token.id}/revoke`} class="inline">
                        <CsrfField actor={actor} />
                        <span class="ok">{t('staffApi.status_open')}</span>{' '}
                        <button type="submit" class="secondary">
                          {t('staffApi.revoke')}
                        </button>
                      </form>
                    ) : (
                      <span class="muted">{t(`staffApi.status_${status}`)}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
