import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WalSync {
  /** Resolves once everything written to the WAL before the call is on disk. */
  sync(): Promise<void>;
  /** Closes the descriptor once the fsyncs under way are done. */
  close(): void;
}

/**
 * fsync of a SQLite database's write-ahead log on libuv's thread pool, so the event loop keeps serving while
 * the disk works (better-sqlite3 would otherwise fsync inside COMMIT, blocking every request for the 1–10 ms a
 * disk takes). Calls made while an fsync is under way share the next one: at most one runs and one waits, so
 * a burst of commits costs two fsyncs, not one each. fsync makes the whole file durable, whichever descriptor
 * asks, so a read-only descriptor of our own is enough.
 */
export function createWalSync(databasePath: string): WalSync {
  let fd: number | undefined;
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;

  function descriptor(): number {
    if (fd === undefined) {
      fd = openSync(`${databasePath}-wal`, 'r');
      // The log may have just been created: its directory entry must survive a power cut too.
      const directory = openSync(dirname(databasePath), 'r');
      try {
        fsyncSync(directory);
      } finally {
        closeSync(directory);
      }
    }
    return fd;
  }

  function fsyncOnce(): Promise<void> {
    return new Promise((resolve, reject) => {
      fsync(descriptor(), (error) => (error ? reject(error) : resolve()));
    });
  }

  function sync(): Promise<void> {
    if (!running) {
      running = fsyncOnce().finally(() => {
        running = undefined;
      });
      return running;
    }
    // Written after the running fsync began, so it may have missed these bytes: wait for it, then one more.
    next ??= running
      .catch(() => {})
      .then(() => {
        next = undefined;
        return sync();
      });
    return next;
  }

  return {
    sync,
    close() {
      const closeDescriptor = () => {
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
      };
      const pending = next ?? running;
      if (pending) void pending.catch(() => {}).then(closeDescriptor);
      else closeDescriptor();
    },
  };
}
