import { parseDateArg } from '../../../shared/timesheet';
import { UserError } from '../../../shared/user-error';

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
