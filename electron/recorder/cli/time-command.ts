import type { Command } from 'commander';
import { localStamp } from '../../../shared/timesheet/local-time';
import { formatDuration } from '../../../shared/format-duration';
import { UserError } from '../../../shared/user-error';
import { runRequest, withApi } from './api-client';
import { rangeOptions, readRange } from './date-range';
import { timeZone, type GlobalOptions } from './options';
import { parseInstant } from './parse-instant';
import { writeOut } from './stdout';

interface AddOptions extends GlobalOptions {
  start: string;
  end: string;
  reason: string;
  break?: boolean;
  tz?: string;
}
interface EditOptions extends GlobalOptions {
  start?: string;
  end?: string;
  reason: string;
  tz?: string;
}
interface RemoveOptions extends GlobalOptions {
  reason: string;
}
interface ListOptions extends GlobalOptions {
  from: string;
  to: string;
  tz?: string;
  json?: boolean;
}

const out = (text: string) => writeOut(`${text}\n`);

export function registerTime(program: Command): void {
  const time = program.command('time').description('manual time and corrections; every change is a new record with a reason');

  time
    .command('add')
    .description('add time you worked (or a break) that was not recorded')
    .requiredOption('--start <when>', 'ISO 8601 start, e.g. 2026-03-02T09:00 (local) or with an offset')
    .requiredOption('--end <when>', 'ISO 8601 end')
    .requiredOption('--reason <text>', 'why: shown to whoever approves the timesheet')
    .option('--break', 'add a break instead of work')
    .option('--tz <zone>', 'zone of times given without an offset (default: this computer’s)', timeZone)
    .action(async (_o: AddOptions, command: Command) => {
      const options = command.optsWithGlobals<AddOptions>();
      // The entry is recorded in --tz (the handlers' zone), and times without an offset are read there.
      await withApi(
        options,
        async (api) => {
          const zone = api.clock.timeZone();
          const startMs = parseInstant(options.start, '--start', zone);
          const endMs = parseInstant(options.end, '--end', zone);
          const kind = options.break ? 'break' : 'work';
          const { uuid } = await api.request('time.add', { kind, startMs, endMs, reason: options.reason });
          out(`Added ${formatDuration((endMs - startMs) / 1000)} of manual ${kind} (${uuid}).`);
        },
        options.tz === undefined ? {} : { zone: options.tz },
      );
    });

  time
    .command('edit')
    .description('correct a recorded session or a manual entry: a new record replaces it')
    .argument('<id>', 'the id from `stint time list`')
    .option('--start <when>', 'new ISO 8601 start (default: unchanged)')
    .option('--end <when>', 'new ISO 8601 end (default: unchanged)')
    .requiredOption('--reason <text>', 'why')
    .option('--tz <zone>', 'zone of times given without an offset', timeZone)
    .action(async (id: string, _o: EditOptions, command: Command) => {
      const options = command.optsWithGlobals<EditOptions>();
      if (options.start === undefined && options.end === undefined) throw new UserError('Give a new --start, a new --end, or both.');
      await withApi(options, async (api) => {
        // Times without an offset are read where the entry was recorded unless --tz says otherwise.
        const zone = options.tz ?? (await api.request('time.get', { uuid: id }))?.timeZone ?? api.clock.timeZone();
        const startMs = options.start === undefined ? undefined : parseInstant(options.start, '--start', zone);
        const endMs = options.end === undefined ? undefined : parseInstant(options.end, '--end', zone);
        const edited = await api.request('time.edit', {
          uuid: id,
          reason: options.reason,
          ...(startMs === undefined ? {} : { startMs }),
          ...(endMs === undefined ? {} : { endMs }),
        });
        const entry = await api.request('time.get', { uuid: edited.uuid });
        const seconds = entry && entry.startMs !== null && entry.endMs !== null ? (entry.endMs - entry.startMs) / 1000 : 0;
        out(`Corrected ${id}: now ${formatDuration(seconds)} (${edited.uuid}).`);
      });
    });

  time
    .command('remove')
    .description('take a recorded session or manual entry out of the timesheet (kept on record)')
    .argument('<id>', 'the id from `stint time list`')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, _o: RemoveOptions, command: Command) => {
      const options = command.optsWithGlobals<RemoveOptions>();
      await runRequest(options, 'time.remove', { uuid: id, reason: options.reason });
      out(`Removed ${id} from the timesheet.`);
    });

  rangeOptions(time.command('list').description('work and breaks as they count now, with ids for edit and remove'))
    .option('--json', 'print JSON')
    .action(async (_o: ListOptions, command: Command) => {
      const options = command.optsWithGlobals<ListOptions>();
      const { from, to, zone } = readRange(options, Date.now());
      const list = await runRequest(options, 'time.list', { from, to, timeZone: zone });
      if (options.json) return void out(JSON.stringify(list, null, 2));
      if (list.length === 0) return void out('Nothing in this range.');
      const at = (ms: number) => localStamp(ms, zone);
      for (const i of list) {
        const what = i.kind === 'work' ? 'work ' : 'break';
        const tag = i.manual ? `manual: ${i.reason}` : i.source;
        out(
          `${i.uuid}  ${what}  ${at(i.startMs)} – ${at(i.endMs)}  ${formatDuration((i.endMs - i.startMs) / 1000).padStart(8)}  ${tag}${i.open ? ' (running)' : ''}`,
        );
      }
    });
}
