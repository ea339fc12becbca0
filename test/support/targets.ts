import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openSqliteDatabase } from '../../src/platform/node/sqlite-database.js';
import { freePort } from './free-port.js';
import { makeTempDir } from './temp-dir.js';

// The two runtimes the conformance suite runs against: the Node entry as a real process, and the Worker
// under `wrangler dev` (workerd with local D1/R2/Queues). Each keeps its data in a temp folder that survives
// restart() and is removed by dispose().

export interface Target {
  name: string;
  baseUrl: string;
  start(): Promise<void>;
  /** Stops gracefully (SIGTERM) and starts again on the same data. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
  /** Everything the process printed, for assertions on logs and for debugging failures. */
  output(): string;
  /** Kills the process at once (SIGKILL, as a power cut would), leaving its data as it was. */
  kill(): Promise<void>;
  /** The folder the target keeps its data in. */
  dataDir: string;
}

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'node_modules/.bin');

interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

function processTarget(name: string, prepare: (dataDir: string, port: number) => Launch): Target {
  const data = makeTempDir(name);
  let child: ChildProcess | undefined;
  let port = 0;
  let log = '';
  const target: Target = {
    name,
    baseUrl: '',
    async start() {
      port = port || (await freePort());
      target.baseUrl = `http://127.0.0.1:${port}`;
      const launch = prepare(data.path, port);
      child = spawn(launch.command, launch.args, {
        cwd: ROOT,
        env: { ...process.env, ...launch.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      child.stdout?.on('data', (chunk) => (log += chunk));
      child.stderr?.on('data', (chunk) => (log += chunk));
      await waitForHealth(target.baseUrl, child, () => log);
    },
    async restart() {
      await stop(child);
      await target.start();
    },
    async dispose() {
      await stop(child);
      data.remove();
    },
    output: () => log,
    async kill() {
      if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      const exited = new Promise((done) => child!.once('close', done));
      process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
    dataDir: data.path,
  };
  return target;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited early (${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`no healthy answer from ${baseUrl} within 90 s:\n${log()}`);
}

async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  // 'close' comes after the child's output has been read to the end ('exit' can come before).
  const exited = new Promise((done) => child.once('close', done));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

export interface TargetOptions {
  /** SQL run once against the target's fresh database before its first start (after the migrations). */
  seedSql?: string;
}

export function nodeTarget(env: Record<string, string> = {}, options: TargetOptions = {}): Target {
  let seeded = false;
  return processTarget('node', (dataDir, port) => {
    if (options.seedSql && !seeded) {
      seeded = true;
      const database = openSqliteDatabase(join(dataDir, 'mingbai.db'));
      database.close();
      const sqlite = new BetterSqlite3(join(dataDir, 'mingbai.db'));
      sqlite.exec(options.seedSql);
      sqlite.close();
    }
    return {
      command: process.execPath,
      args: ['--import', 'tsx', 'src/entry/node.ts'],
      env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    };
  });
}

export function workerTarget(vars: Record<string, string> = {}, options: TargetOptions = {}): Target {
  let seeded = false;
  return processTarget('worker', (dataDir, port) => {
    // The same committed SQL migrations, applied by wrangler to the local D1 in this target's folder.
    execFileSync(
      join(BIN, 'wrangler'),
      ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dataDir],
      {
        cwd: ROOT,
        env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
        stdio: 'pipe',
      },
    );
    if (options.seedSql && !seeded) {
      seeded = true;
      const file = join(dataDir, 'seed.sql');
      writeFileSync(file, options.seedSql);
      execFileSync(
        join(BIN, 'wrangler'),
        ['d1', 'execute', 'DB', '--local', '--persist-to', dataDir, '--file', file, '--yes'],
        { cwd: ROOT, env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' }, stdio: 'pipe' },
      );
    }
    const varArgs = Object.entries({ LOG_LEVEL: 'info', ...vars }).flatMap(([key, value]) => [
      '--var',
      `${key}:${value}`,
    ]);
    return {
      command: join(BIN, 'wrangler'),
      args: [
        'dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--persist-to',
        dataDir,
        '--show-interactive-dev-session=false',
        ...varArgs,
      ],
      env: { WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    };
  });
}
