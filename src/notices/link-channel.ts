import { and, eq, inArray } from 'drizzle-orm';
import { outbox } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

/**
 * The channel a receipt is given through when no channel proved it otherwise (LINE proves it with a LIFF
 * session): `wechat` when WeChat is where this family's notice link was delivered (the link is theirs alone,
 * and the WeChat notice page has no sign-in of its own), else `web`.
 */
export async function linkChannel(
  deps: Pick<AppDeps, 'database'>,
  recipientId: string,
): Promise<'web' | 'wechat'> {
  const [row] = await deps.database.db
    .select({ channel: outbox.channel })
    .from(outbox)
    .where(
      and(
        eq(outbox.subjectId, recipientId),
        eq(outbox.topic, 'notice'),
        eq(outbox.channel, 'wechat'),
        inArray(outbox.status, ['sent', 'delivered']),
      ),
    )
    .limit(1);
  return row ? 'wechat' : 'web';
}
