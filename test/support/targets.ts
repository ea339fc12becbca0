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
  /** The process id of the running server (for memory readings), undefined when stopped. */
  pid(): number | undefined;
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

export interface TargetOptions {
  /** Wait for /healthz to say ok (default), or only for any answer at all (a target that is meant to be unwell). */
  expectHealthy?: boolean;
  /** SQL run once against the target's fresh database before its first start (after the migrations). */
  seedSql?: string;
  /** More node flags for the Node entry, e.g. `--cpu-prof` for a benchmark's profile. */
  nodeArgs?: readonly string[];
}

function processTarget(
  name: string,
  prepare: (dataDir: string, port: number, inspectorPort: number) => Launch,
  { expectHealthy = true }: TargetOptions = {},
): Target {
  const data = makeTempDir(name);
  let child: ChildProcess | undefined;
  let port = 0;
  let inspectorPort = 0;
  let log = '';
  const target: Target = {
    name,
    baseUrl: '',
    async start() {
      port = port || (await freePort());
      inspectorPort = inspectorPort || (await freePort());
      target.baseUrl = `http://127.0.0.1:${port}`;
      const launch = prepare(data.path, port, inspectorPort);
      child = spawn(launch.command, launch.args, {
        cwd: ROOT,
        env: { ...process.env, ...launch.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      child.stdout?.on('data', (chunk) => (log += chunk));
      child.stderr?.on('data', (chunk) => (log += chunk));
      await waitForHealth(target.baseUrl, child, () => log, expectHealthy);
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
    pid: () => (child && child.exitCode === null ? child.pid : undefined),
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

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string, healthy: boolean) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited early (${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok || (!healthy && response.status === 503)) return;
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

export function nodeTarget(env: Record<string, string> = {}, options: TargetOptions = {}): Target {
  let seeded = false;
  return processTarget(
    'node',
    (dataDir, port) => {
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
        // The bundle `npm start` runs, built once by the conformance project's globalSetup.
        args: ['--enable-source-maps', ...(options.nodeArgs ?? []), 'dist/node/server.mjs'],
        env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
      };
    },
    options,
  );
}

/** What `wrangler secret put BINDING_CODE_SECRET` provides in a deployment. */
export const WORKER_TEST_SECRET = 'conformance-only-binding-code-secret-0123';

export function workerTarget(
  vars: Record<string, string> = {},
  { migrate = true, ...options }: TargetOptions & { migrate?: boolean } = {},
): Target {
  let seeded = false;
  return processTarget(
    'worker',
    (dataDir, port, inspectorPort) => {
      // The same committed SQL migrations, applied by wrangler to the local D1 in this target's folder.
      if (migrate)
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
      const all = { LOG_LEVEL: 'info', BINDING_CODE_SECRET: WORKER_TEST_SECRET, ...vars };
      const varArgs = Object.entries(all).flatMap(([key, value]) => ['--var', `${key}:${value}`]);
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
          // Its own debugger port: the default 9229 is taken by the first of several runs on one machine.
          '--inspector-port',
          String(inspectorPort),
          '--show-interactive-dev-session=false',
          ...varArgs,
        ],
        env: { WRANGLER_SEND_METRICS: 'false', CI: 'true' },
      };
    },
    options,
  );
}
