import type { Context } from 'hono';
import type { ConsoleEnv } from './console-env.js';
import { Layout } from './layout.js';

export function Denied({ c, message }: { c: Context<ConsoleEnv>; message: string }) {
  const t = c.get('t');
  return (
    <Layout
      t={t}
      locale={c.get('locale')}
      inboxUnread={c.get('inboxUnread')}
      actor={c.get('actor')}
      title={t('console.errors.denied_title')}
    >
      <p class="banner">{message}</p>
      <p>
        <a href="/console">{t('console.errors.back_home')}</a>
      </p>
    </Layout>
  );
}

/** 403 for a logged-in person asking for something outside their role, 404 for what does not exist. */
export function forbidden(c: Context<ConsoleEnv>) {
  return c.html(<Denied c={c} message={c.get('t')('console.errors.forbidden')} />, 403);
}

export function notFound(c: Context<ConsoleEnv>) {
  return c.html(<Denied c={c} message={c.get('t')('console.errors.not_found')} />, 404);
}
