import type { Context } from 'hono';
import type { ConsoleEnv } from './console-env.js';
import { Layout } from './layout.js';

export function LoginPage({
  c,
  error,
  username,
}: {
  c: Context<ConsoleEnv>;
  error?: string;
  username?: string;
}) {
  const t = c.get('t');
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={null}
      title={t('console.login.title')}
    >
      <form method="post" action="/console/login" class="card" style="max-width:420px">
        {error && <p class="error">{error}</p>}
        <label for="username">{t('console.login.username')}</label>
        <input
          type="text"
          id="username"
          name="username"
          value={username ?? ''}
          autocomplete="username"
          required
        />
        <label for="password">{t('console.login.password')}</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <p>
          <button type="submit">{t('console.login.submit')}</button>
        </p>
      </form>
    </Layout>
  );
}
