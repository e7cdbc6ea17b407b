import type { Command } from 'commander';
import { addDays, localDate } from '../../../shared/timesheet/local-time';
import { localZone, timeZone } from './options';

/**
 * A day as the API takes it: `today` and `yesterday` become the local date in zone; anything else is passed
 * on as written, so a wrong date or a range that runs backwards gets the API's message, as in the views.
 */
export function dayArg(value: string, nowMs: number, zone: string): string {
  const word = value.trim().toLowerCase();
  if (word === 'today') return localDate(nowMs, zone);
  if (word === 'yesterday') return addDays(localDate(nowMs, zone), -1);
  return value;
}

export interface RangeOptions {
  from: string;
  to: string;
  tz?: string;
}

/** Adds --from, --to and --tz: the local days a command covers. */
export function rangeOptions(command: Command, tzHelp = 'zone the days are read in (default: this computer’s)', required = true): Command {
  // A command with subcommands checks the range itself (requireRange): commander would demand it of them too.
  const add = (flags: string, help: string) => (required ? command.requiredOption(flags, help) : command.option(flags, help));
  add('--from <date>', 'first day: YYYY-MM-DD, today or yesterday');
  return add('--to <date>', 'last day (inclusive): YYYY-MM-DD, today or yesterday').option('--tz <zone>', tzHelp, timeZone);
}

/** Refuses as commander does when --from or --to is missing (for rangeOptions(…, false)). */
export function requireRange(command: Command, options: Partial<RangeOptions>): void {
  for (const flag of ['from', 'to'] as const) {
    if (options[flag] === undefined) command.error(`error: required option '--${flag} <date>' not specified`);
  }
}

/** --from..--to for a request, and the zone they are read in (--tz, else this computer's). */
export function readRange(options: RangeOptions, nowMs: number): { from: string; to: string; zone: string } {
  const zone = options.tz ?? localZone();
  return { from: dayArg(options.from, nowMs, zone), to: dayArg(options.to, nowMs, zone), zone };
}
