import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const MIGRATIONS = join(import.meta.dirname, '../../src/db/migrations');
const journal: { entries: { idx: number; tag: string }[] } = JSON.parse(
  readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8'),
);

/** Runs the committed migrations `from`..`to` (journal indexes) as the Node migrator and wrangler do. */
function migrate(db: Database.Database, from: number, to: number) {
  for (const entry of journal.entries.filter((row) => row.idx >= from && row.idx <= to)) {
    const sql = readFileSync(join(MIGRATIONS, `${entry.tag}.sql`), 'utf8');
    for (const statement of sql.split('--> statement-breakpoint')) {
      if (statement.trim()) db.exec(statement);
    }
  }
}

describe('migrations 0007–0009: wechat_identities folded into channel_identities', () => {
  it('keeps every LINE and WeChat identity, spelled as the other tables spell them', () => {
    const db = new Database(':memory:');
    migrate(db, 0, 6);
    db.exec(`insert into conversations (id, channel, channel_user_id, state, revision, created_at, updated_at) values
      ('c_line', 'line', 'U1234', '{}', 'r', 1, 1),
      ('c_oa', 'wechat', 'oa:oOpen1', '{}', 'r', 1, 1),
      ('c_wy', 'wechat', 'wy:contact9', '{}', 'r', 1, 1)`);
    db.exec(`insert into channel_identities (id, channel, external_id, conversation_id, created_at, unreachable_since)
      values ('ci_line', 'line', 'U1234', 'c_line', 10, 50)`);
    db.exec(`insert into wechat_identities (address, channel, account, external_id, conversation_id, following,
      last_inbound_at, created_at, updated_at) values
      ('oa:oOpen1', 'wechat_oa', 'wxAppId', 'oOpen1', 'c_oa', 1, 300, 20, 300),
      ('wy:contact9', 'wechaty', 'botSelf', 'contact9', 'c_wy', 0, 400, 30, 450)`);

    migrate(db, 7, 9);

    const rows = db
      .prepare(
        `select id, channel, address, external_id as externalId, account, conversation_id as conversationId,
        created_at as createdAt, last_inbound_at as lastInboundAt, unreachable_since as unreachableSince
        from channel_identities order by created_at`,
      )
      .all();
    expect(rows).toEqual([
      {
        id: 'ci_line',
        channel: 'line',
        address: 'U1234',
        externalId: 'U1234',
        account: null,
        conversationId: 'c_line',
        createdAt: 10,
        lastInboundAt: null,
        unreachableSince: 50,
      },
      {
        id: 'ci_wx_oa:oOpen1',
        channel: 'wechat',
        address: 'oa:oOpen1',
        externalId: 'oOpen1',
        account: 'wxAppId',
        conversationId: 'c_oa',
        createdAt: 20,
        lastInboundAt: 300,
        unreachableSince: null,
      },
      {
        // Unfollowed: unreachable since the unsubscribe was recorded.
        id: 'ci_wx_wy:contact9',
        channel: 'wechat',
        address: 'wy:contact9',
        externalId: 'contact9',
        account: 'botSelf',
        conversationId: 'c_wy',
        createdAt: 30,
        lastInboundAt: 400,
        unreachableSince: 450,
      },
    ]);
    const tables = db
      .prepare(
        `select name from sqlite_master where type = 'table' and name in ('wechat_identities', 'fold_identities_hold')`,
      )
      .all();
    expect(tables).toEqual([]);
    // The new unique index holds: one row per channel and address.
    expect(() =>
      db.exec(`insert into channel_identities (id, channel, address, external_id, conversation_id, created_at)
        values ('ci_again', 'wechat', 'oa:oOpen1', 'oOpen1', 'c_oa', 99)`),
    ).toThrow(/UNIQUE/);
    db.close();
  });

  it('runs on a database that never had an identity', () => {
    const db = new Database(':memory:');
    migrate(db, 0, 9);
    expect(db.prepare('select count(*) as n from channel_identities').get()).toEqual({ n: 0 });
    db.close();
  });
});
