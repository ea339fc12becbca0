import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { newSecret } from '../../util/ids.js';

/**
 * A secret kept in a file beside the database (never inside it: a stolen database must not carry its own
 * key). Created once, readable by this user only; every later start reads the same value back.
 */
export function loadOrCreateSecret(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  try {
    // 'wx' fails if another process created the file meanwhile; then its value is the one to use.
    writeFileSync(path, `${newSecret()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(path, 'utf8').trim();
}
