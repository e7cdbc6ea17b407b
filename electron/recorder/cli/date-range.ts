import type { Command } from 'commander';
import { parseDateArg } from '../../../shared/timesheet';
import { UserError } from '../../../shared/user-error';
import { localZone, timeZone } from './options';

/** --from and --to as local dates in zone; the range must run forwards. */
export function dateRange(fromArg: string, toArg: string, nowMs: number, zone: string): { from: string; to: string } {
  const from = dateArg(fromArg, '--from', nowMs, zone);
  const to = dateArg(toArg, '--to', nowMs, zone);
  if (to < from) throw new UserError(`--to ${to} is before --from ${from}. Give the first day first.`);
  return { from, to };
}

function dateArg(value: string, flag: string, now: number, zone: string): string {
  try {
    return parseDateArg(value, now, zone);
  } catch {
    throw new UserError(`${flag} "${value}" is not a date. Use YYYY-MM-DD, today or yesterday.`);
  }
}

export interface RangeOptions {
  from: string;
  to: string;
  tz?: string;
}

/** Adds --from, --to and --tz: the local days a command covers. */
export function rangeOptions(command: Command, tzHelp = 'zone the days are read in (default: this computer’s)'): Command {
  return command
    .requiredOption('--from <date>', 'first day: YYYY-MM-DD, today or yesterday')
    .requiredOption('--to <date>', 'last day (inclusive): YYYY-MM-DD, today or yesterday')
    .option('--tz <zone>', tzHelp, timeZone);
}

/** The local dates --from..--to and the zone they are read in (--tz, else this computer's). */
export function readRange(options: RangeOptions, nowMs: number): { from: string; to: string; zone: string } {
  const zone = options.tz ?? localZone();
  return { ...dateRange(options.from, options.to, nowMs, zone), zone };
}
