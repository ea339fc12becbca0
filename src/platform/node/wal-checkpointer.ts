import nodeModule from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  /** Counts one committed group; every `groupsPerCheckpoint` groups, a checkpoint is asked for. */
  committed(): void;
  /** A promise while groups must wait (the last few pages are being copied), else undefined. */
  holding(): Promise<void> | undefined;
  /** Lets the worker close its connection and end; nothing is asked of it afterwards. */
  close(): void;
}

// The worker's own connection to the same file: a PASSIVE checkpoint copies what the log holds into the
// database file and syncs both, beside the main connection's readers and writer (WAL allows that), which it
// never blocks. It answers once it is done.
// Whichever connection closes last checkpoints what is left and removes the log, as SQLite does.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
parentPort.on('message', (message) => {
  try {
    if (message === 'close') {
      db.close();
      parentPort.close();
      return;
    }
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({});
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
});
`;

// The worker loads the same driver as this module (`createRequire` by its own name would clash with the Node
// bundle's banner, which defines one).
const driver = nodeModule.createRequire(import.meta.url).resolve('better-sqlite3');

/** Longest that groups wait for the last pass; past it they go on (the log is then reset a cycle later). */
const MAX_HOLD_MS = 1_000;

/**
 * Checkpoints of a WAL database on a worker thread, for a connection opened with `wal_autocheckpoint = 0`: run
 * by SQLite itself, a checkpoint happens inside a COMMIT on the event loop, and its copying and fsyncs stalled
 * every request for 5–20 ms every thousand pages or so.
 *
 * The log can only start again from its beginning (instead of growing) once every frame in it has been copied,
 * and writes go on while the worker copies. So when a pass leaves frames behind, groups wait (the event loop
 * serves everything else meanwhile) for one more pass over the few frames written during the first; the next
 * group then starts the log afresh. The worker starts with the first checkpoint (a database that writes little
 * never needs one before it closes). Should it fail, `onFailure` runs once (the caller turns SQLite's own
 * checkpoints back on).
 */
export function createWalCheckpointer(
  databasePath: string,
  { groupsPerCheckpoint, onFailure }: { groupsPerCheckpoint: number; onFailure: (error: unknown) => void },
): WalCheckpointer {
  let worker: Worker | undefined;
  let done = false;
  let groups = 0;
  /** `copying`: the worker copies the log; `finishing`: groups wait for its pass over the rest. */
  let phase: 'idle' | 'copying' | 'finishing' = 'idle';
  /** Whether a group committed while the worker copied (its frames are not in the database file yet). */
  let writtenMeanwhile = false;
  let hold: { promise: Promise<void>; release: () => void } | undefined;

  const release = () => {
    hold?.release();
    hold = undefined;
  };
  const fail = (error: unknown) => {
    release();
    phase = 'idle';
    if (done) return;
    done = true;
    onFailure(error);
  };

  function holdGroups() {
    let settle = () => {};
    const promise = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const timer = setTimeout(release, MAX_HOLD_MS);
    timer.unref();
    hold = {
      promise,
      release: () => {
        clearTimeout(timer);
        settle();
      },
    };
  }

  function answered(message: { error?: string }) {
    if (message.error) return fail(new Error(message.error));
    if (phase === 'copying' && !done && writtenMeanwhile) {
      // Frames were written while the worker copied: one more pass, with groups waiting.
      phase = 'finishing';
      holdGroups();
      worker?.postMessage('checkpoint');
      return;
    }
    phase = 'idle';
    release();
  }

  function started(): Worker {
    if (!worker) {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path: databasePath } });
      // An idle checkpointer must not keep the process alive.
      worker.unref();
      worker.on('message', answered);
      worker.on('error', fail);
    }
    return worker;
  }

  return {
    committed() {
      if (phase === 'copying') writtenMeanwhile = true;
      if (done || phase !== 'idle' || ++groups < groupsPerCheckpoint) return;
      groups = 0;
      phase = 'copying';
      writtenMeanwhile = false;
      started().postMessage('checkpoint');
    },
    holding: () => hold?.promise,
    close() {
      if (!done) worker?.postMessage('close');
      done = true;
      release();
    },
  };
}
