import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../test/support/free-port.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunningServer {
  baseUrl: string;
  /** Milliseconds from spawn to the first healthy answer. */
  readyMs: number;
  /** The server's process id, e.g. to read the CPU time it used from /proc. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a server process on a free loopback port and waits for it to answer `healthPath`.
 * Its output is read and dropped, as a log shipper would read it.
 */
export async function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  healthPath = '/healthz',
): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', () => {});
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const readyMs = await waitUntilAnswering(`${baseUrl}${healthPath}`, child, started, () => output);
  return {
    baseUrl,
    readyMs,
    pid: child.pid ?? 0,
    stop: () => stopProcess(child),
  };
}

/**
 * The Node entry exactly as `npm start` runs it, on a fresh temporary data folder. BENCH_NODE_FLAGS adds flags
 * for this process only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, which NODE_OPTIONS does not allow).
 */
export async function startNodeEntry(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mingbai-bench-'));
  const flags = process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const server = await startProcess(process.execPath, [...flags, join(ROOT, 'dist/node/server.mjs')], {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...env,
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilAnswering(url: string, child: ChildProcess, started: number, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 5));
  }
  throw new Error(`no answer from ${url} within 60 s:\n${output()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('close', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}
