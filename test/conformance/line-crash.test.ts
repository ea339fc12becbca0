import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LineSimulator,
  lineEvents,
  sendWebhook,
  startLineSimulator,
  webhookBody,
} from '../../tools/line-sim/index.js';
import { nodeTarget, type Target } from '../support/targets.js';

// On Node a LINE event's job is claimed by the webhook's own commit and starts at once, without a claim of its
// own (src/delivery/job-store.ts enqueueJobs). Kill -9 the process while families are talking, start it again
// on the same file: every event it acknowledged is answered and its turn saved, and each family's messages are
// in the transcript in the order they were sent.

const SECRET = 'crash-line-secret';
const TOKEN = 'crash-line-token';
const USERS = 8;
const KILL_AFTER = 40;

describe('a Node process killed while answering LINE events', () => {
  let sim: LineSimulator;
  let target: Target;
  beforeAll(async () => {
    sim = await startLineSimulator({
      channelAccessToken: TOKEN,
      channelId: '1657000001',
      rateLimitPerSecond: 1e9,
    });
    target = nodeTarget({
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      PUBLIC_URL: 'https://mingbai.example.edu.cn',
      LINE_API_BASE_URL: sim.url,
      LINE_DATA_API_BASE_URL: sim.url,
    });
    await target.start();
  }, 120_000);
  afterAll(async () => {
    await target?.dispose();
    await sim?.close();
  });

  it('answers every acknowledged event after a restart and keeps each family in order', async () => {
    const users = Array.from({ length: USERS }, () => sim.addUser({ language: 'zh-CN' }));
    const acknowledged = new Map<string, { eventId: string; text: string }[]>();
    let count = 0;
    let killing: Promise<void> | null = null;
    // Each family sends one message after another (the next once the last was acknowledged), as LINE does.
    const talk = async (userId: string) => {
      for (let turn = 0; !killing; turn++) {
        const text = `第${turn}个问题`;
        const event = lineEvents.text(userId, text, { replyToken: sim.issueReplyToken(userId) });
        try {
          const response = await sendWebhook(`${target.baseUrl}/webhook/line`, SECRET, webhookBody([event]));
          if (response.status !== 200) return;
        } catch {
          return; // the process is gone
        }
        acknowledged.set(userId, [
          ...(acknowledged.get(userId) ?? []),
          { eventId: String(event.webhookEventId), text },
        ]);
        if (++count >= KILL_AFTER && !killing) killing = target.kill();
      }
    };
    await Promise.all(users.map((user) => talk(user.userId)));
    await killing;
    await target.start();

    const file = new BetterSqlite3(join(target.dataDir, 'mingbai.db'), { readonly: true });
    try {
      const replyRow = file.prepare('select status from outbox where idempotency_key = ?').pluck();
      const unanswered = () =>
        [...acknowledged.values()]
          .flat()
          .filter(({ eventId }) => replyRow.get(`line_reply:${eventId}`) !== 'sent');
      const unfinished = file.prepare("select count(*) from jobs where status <> 'done'").pluck();
      const deadline = Date.now() + 60_000;
      while ((unanswered().length > 0 || unfinished.get() !== 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(unanswered()).toEqual([]);
      const inbound = file.prepare(
        "select m.payload from chat_messages m join conversations c on c.id = m.conversation_id where c.channel = 'line' and c.channel_user_id = ? and m.direction = 'in' order by m.seq",
      );
      for (const user of users) {
        const saved = (inbound.pluck().all(user.userId) as string[]).map(
          (payload) => JSON.parse(payload).text,
        );
        const sent = (acknowledged.get(user.userId) ?? []).map((entry) => entry.text);
        // Every acknowledged message is in the transcript, in the order sent (a message sent as the process died,
        // never acknowledged, may or may not be there, after the others).
        expect(saved.slice(0, sent.length)).toEqual(sent);
        expect(sim.messagesTo(user.userId).length).toBeGreaterThanOrEqual(sent.length);
      }
      expect(unfinished.get()).toBe(0);
    } finally {
      file.close();
    }
  }, 180_000);
});
