import { readFileSync } from 'node:fs';

/**
 * When a process started, in clock ticks since boot (field 22 of Linux's /proc/PID/stat), or null where
 * there is no /proc or no such process. Two processes with one pid at different times differ in it.
 */
export function processStartTicks(pid: number, proc = '/proc'): number | null {
  let stat: string;
  try {
    stat = readFileSync(`${proc}/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses: count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[22 - 3]);
  return Number.isSafeInteger(ticks) ? ticks : null;
}

// USER_HZ: the unit of /proc's tick counts, 100 on every Linux architecture Node runs on.
const TICK_MS = 10;
// The boot time is in whole seconds and ticks are coarse: a margin so a process is never judged younger than its own lock.
const MARGIN_MS = 2000;

/** Whether a process that started `ticks` after boot started after `ms` (epoch ms); false when the boot time is unknown. */
export function processStartedAfter(ticks: number, ms: number, proc = '/proc'): boolean {
  let bootSeconds: number;
  try {
    const line = readFileSync(`${proc}/stat`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('btime '));
    bootSeconds = Number(line?.slice('btime '.length));
  } catch {
    return false;
  }
  if (!Number.isFinite(bootSeconds)) return false;
  return bootSeconds * 1000 + ticks * TICK_MS > ms + MARGIN_MS;
}
