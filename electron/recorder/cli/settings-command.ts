import { InvalidArgumentError, type Command } from 'commander';
import type { WorkSettings } from '../../../shared/timesheet/work-settings';
import { WEEK_STARTS } from '../../../shared/timesheet/types';
import { withApi } from './api-client';
import { oneOf, type GlobalOptions } from './options';

interface SettingsOptions extends GlobalOptions {
  weekStart?: WorkSettings['weekStart'];
  unconfirmedIdleLimit?: number | 'off';
  json?: boolean;
}

function limit(value: string): number | 'off' {
  if (value === 'off') return 'off';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected whole minutes (1 or more) or "off", got "${value}".`);
  return n;
}

/** `stint settings`: shows the work settings, or changes the ones given, through the same request as the Settings view. */
export function registerSettings(program: Command): void {
  program
    .command('settings')
    .description('show or change the work settings: the day workweeks start, and whether long unanswered idle counts as work')
    .option('--week-start <day>', `the day workweeks start (${WEEK_STARTS.join(', ')})`, oneOf(WEEK_STARTS))
    .option('--unconfirmed-idle-limit <minutes>', 'leave unanswered idle stretches longer than this out of worked time; "off" counts them all', limit)
    .option('--json', 'print JSON')
    .action(async (_options: SettingsOptions, command: Command) => {
      const options = command.optsWithGlobals<SettingsOptions>();
      const change = {
        ...(options.weekStart === undefined ? {} : { weekStart: options.weekStart }),
        ...(options.unconfirmedIdleLimit === undefined
          ? {}
          : { unconfirmedIdleLimitMinutes: options.unconfirmedIdleLimit === 'off' ? null : options.unconfirmedIdleLimit }),
      };
      const client = Object.keys(change).length > 0 ? {} : { open: { mustExist: true } };
      const { settings, sync } = await withApi(
        options,
        async (api) => ({
          settings: Object.keys(change).length > 0 ? await api.request('settings.set', change) : await api.request('settings.get', {}),
          sync: await api.request('sync.status', {}),
        }),
        client,
      );
      process.stdout.write(options.json ? `${JSON.stringify(settings, null, 2)}\n` : formatSettings(settings, sync.policy !== null));
    });
}

function formatSettings(s: WorkSettings, byTeam: boolean): string {
  const team = byTeam ? "  (set by your team's policy)" : '';
  const idle =
    s.unconfirmedIdleLimitMinutes === null
      ? 'every unanswered idle stretch in a work session counts as work'
      : `unanswered idle stretches longer than ${s.unconfirmedIdleLimitMinutes} min are left out of worked time`;
  return `Week starts:      ${s.weekStart}${team}\nUnconfirmed idle: ${idle}${team}\n`;
}
