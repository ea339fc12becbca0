import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { hashPassword } from '../src/auth/password.js';
import { ConsoleClient } from '../test/support/console-client.js';
import { familiesSql, familyRows, formFields, schoolSql, withFields } from '../test/support/notice-world.js';
import { nodeTarget } from '../test/support/targets.js';
import { makeTempDir } from '../test/support/temp-dir.js';

// A notice to 10,000 bound guardians on the Node entry (a real process, its SQLite file, its job worker):
// wall time from the officer's "send" until every recipient is recorded (notice_recipients + outbox) and until
// every card is delivered into its guardian's web chat. The peer, in the same run, is the floor for the same
// work: one prepared better-sqlite3 INSERT of 10,000 chat messages in one transaction.
//   npx tsx bench/notice-fanout.ts [count] [--cpu-prof DIR]   (DIR gets the server's .cpuprofile)

const args = process.argv.slice(2);
const profileAt = args.indexOf('--cpu-prof');
const profileDir = profileAt >= 0 ? args.splice(profileAt, 2)[1] : undefined;
const COUNT = Number(args[0] ?? 10_000);
const PASSWORD = 'bench-password-1';
const CLASSES = Array.from({ length: 20 }, (_, index) => `b${index}`);

const now = Date.now();
const rows = await familyRows({ count: COUNT, schoolId: 'sch1', classIds: CLASSES, now, prefix: 'b' });
const seedSql = `${schoolSql({ passwordHash: await hashPassword(PASSWORD), now, classIds: CLASSES })}\n${familiesSql(rows)}`;
const target = nodeTarget(
  { SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
  { seedSql, nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] },
);
await target.start();
const reader = new BetterSqlite3(join(target.dataDir, 'mingbai.db'), { readonly: true });
const count = (sql: string) => (reader.prepare(sql).get() as { n: number }).n;

try {
  const officer = new ConsoleClient((path, init) => fetch(`${target.baseUrl}${path}`, init), target.baseUrl);
  await officer.logIn('officer1', PASSWORD);
  const html = await (await officer.get('/console/notices/new?kind=policy_card')).text();
  const fields = withFields(formFields(html, '/console/notices'), { scope: 'school' });
  const created = await officer.rawPost(
    '/console/notices',
    new URLSearchParams([['_csrf', officer.csrf], ...fields]).toString(),
    'application/x-www-form-urlencoded',
  );
  const path = created.headers.get('location');
  if (!path) throw new Error(`the notice was not created: ${created.status}`);
  await officer.get(path);

  const started = performance.now();
  const sent = await officer.post(`${path}/send`);
  if (sent.status !== 303) throw new Error(`send failed: ${sent.status}`);
  let recordedAt = 0;
  let deliveredAt = 0;
  while (performance.now() - started < 120_000) {
    if (!recordedAt && count('select count(*) n from outbox') >= COUNT) recordedAt = performance.now();
    if (count(`select count(*) n from outbox where status = 'delivered'`) >= COUNT) {
      deliveredAt = performance.now();
      break;
    }
    // Each count scans the outbox: polling more often would take CPU from the server being measured.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (!deliveredAt) throw new Error('not every recipient was delivered within 120 s');
  const cards = count(`select count(*) n from chat_messages where payload like '%"/n/%'`);
  if (cards !== COUNT) throw new Error(`expected ${COUNT} cards, found ${cards}`);

  // The peer: just writing the same number of chat messages, as fast as SQLite can.
  const peerDir = makeTempDir('bench-peer');
  const peer = new BetterSqlite3(join(peerDir.path, 'peer.db'));
  peer.pragma('journal_mode = WAL');
  peer.exec(
    'create table chat_messages (seq integer primary key autoincrement, conversation_id text, direction text, payload text, created_at integer)',
  );
  const insert = peer.prepare(
    'insert into chat_messages (conversation_id, direction, payload, created_at) values (?, ?, ?, ?)',
  );
  const payload = reader
    .prepare(`select payload from chat_messages where payload like '%"/n/%' limit 1`)
    .get() as { payload: string };
  const peerStarted = performance.now();
  peer.transaction(() => {
    for (const family of rows.families) insert.run(family.conversationId, 'out', payload.payload, now);
  })();
  const peerMs = performance.now() - peerStarted;
  peer.close();
  peerDir.remove();

  const recordedMs = recordedAt - started;
  const deliveredMs = deliveredAt - started;
  const perSecond = (ms: number) => Math.round(COUNT / (ms / 1000)).toLocaleString('en');
  console.log(`notice fan-out to ${COUNT.toLocaleString('en')} bound guardians on the Node entry`);
  console.log(
    `  recorded  (recipients + outbox): ${recordedMs.toFixed(0)} ms, ${perSecond(recordedMs)} recipients/s`,
  );
  console.log(
    `  delivered (cards in their chats): ${deliveredMs.toFixed(0)} ms, ${perSecond(deliveredMs)} recipients/s (target ≥ 5,000/s)`,
  );
  console.log(`  peer (bare INSERT of ${COUNT.toLocaleString('en')} chat messages): ${peerMs.toFixed(0)} ms`);
  console.log(`  ratio: delivering costs ${(deliveredMs / peerMs).toFixed(1)}× the bare insert`);
  // The machine may be shared: a load above the core count stretches every wall time above.
  const load = loadavg().map((value) => value.toFixed(2));
  console.log(`  load average ${load.join(' / ')} (1 / 5 / 15 min) on ${availableParallelism()} cores`);
} finally {
  reader.close();
  await target.dispose();
}
