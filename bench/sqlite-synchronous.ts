import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

// The Node database runs with synchronous=FULL (an fsync per commit, so an acknowledged write survives a
// power cut). This prints what that costs next to NORMAL on this disk: single-row commits per second, the way
// Mingbai writes (one small transaction per chat turn or log-in), and the ratio between the two.
const COMMITS = Number(process.argv[2] ?? 2000);

function commitsPerSecond(synchronous: 'FULL' | 'NORMAL'): number {
  const dir = mkdtempSync(join(tmpdir(), 'mingbai-bench-'));
  try {
    const sqlite = new BetterSqlite3(join(dir, 'bench.db'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${synchronous}`);
    sqlite.exec('create table rows (id integer primary key, payload text not null)');
    const insert = sqlite.prepare('insert into rows (payload) values (?)');
    const commit = sqlite.transaction((payload: string) => insert.run(payload));
    const started = performance.now();
    for (let index = 0; index < COMMITS; index++) commit(`{"type":"text","text":"message ${index}"}`);
    const seconds = (performance.now() - started) / 1000;
    sqlite.close();
    return COMMITS / seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const normal = commitsPerSecond('NORMAL');
const full = commitsPerSecond('FULL');
console.log(`synchronous=NORMAL  ${normal.toFixed(0)} commits/s`);
console.log(`synchronous=FULL    ${full.toFixed(0)} commits/s`);
console.log(`FULL / NORMAL       ${(full / normal).toFixed(2)}`);
