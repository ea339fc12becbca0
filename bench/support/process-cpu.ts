import { readFileSync } from 'node:fs';

/**
 * CPU time a process has used so far, in microseconds (user + system, from /proc; null where there is no
 * /proc). Requests per second fall when other work shares the machine; the CPU a server spends on each request
 * hardly does, so the benches print both.
 */
export function processCpuMicros(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): state is the 1st, utime the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // Linux reports in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on.
    return Number.isFinite(ticks) ? ticks * 10_000 : null;
  } catch {
    return null;
  }
}
