import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { formatDuration } from '../../../shared/format-duration';
import { localDayBounds } from '../../../shared/timesheet';
import { UserError } from '../../../shared/user-error';
import { CorrectionsStore } from '../store/corrections-store';
import { rangeOptions, readRange } from './date-range';
import { localZone, timeZone, type GlobalOptions } from './options';
import { withStore } from './with-store';
import { parseInstant } from './parse-instant';

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

const withCorrections = <T>(options: GlobalOptions, fn: (store: CorrectionsStore) => T): T =>
  withStore(options, (store) => fn(new CorrectionsStore(store.db, store.deviceId)));

const out = (text: string) => process.stdout.write(`${text}\n`);

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
    .action((_o: AddOptions, command: Command) => {
      const options = command.optsWithGlobals<AddOptions>();
      const zone = options.tz ?? localZone();
      const startMs = parseInstant(options.start, '--start', zone);
      const endMs = parseInstant(options.end, '--end', zone);
      withCorrections(options, (store) => {
        const uuid = store.add({ kind: options.break ? 'break' : 'work', startMs, endMs, timeZone: zone, replaces: null, reason: options.reason }, Date.now());
        out(`Added ${formatDuration((endMs - startMs) / 1000)} of manual ${options.break ? 'break' : 'work'} (${uuid}).`);
      });
    });

  time
    .command('edit')
    .description('correct a recorded session or a manual entry: a new record replaces it')
    .argument('<id>', 'the id from `stint time list`')
    .option('--start <when>', 'new ISO 8601 start (default: unchanged)')
    .option('--end <when>', 'new ISO 8601 end (default: unchanged)')
    .requiredOption('--reason <text>', 'why')
    .option('--tz <zone>', 'zone of times given without an offset', timeZone)
    .action((id: string, _o: EditOptions, command: Command) => {
      const options = command.optsWithGlobals<EditOptions>();
      if (options.start === undefined && options.end === undefined) throw new UserError('Give a new --start, a new --end, or both.');
      withCorrections(options, (store) => {
        // Times without an offset are read where the entry was recorded unless --tz says otherwise.
        const zone = options.tz ?? store.find(id)?.timeZone ?? localZone();
        const change = {
          ...(options.start === undefined ? {} : { startMs: parseInstant(options.start, '--start', zone) }),
          ...(options.end === undefined ? {} : { endMs: parseInstant(options.end, '--end', zone) }),
        };
        const edited = store.edit(id, change, options.reason, Date.now());
        out(`Corrected ${id}: now ${formatDuration((edited.endMs - edited.startMs) / 1000)} (${edited.uuid}).`);
      });
    });

  time
    .command('remove')
    .description('take a recorded session or manual entry out of the timesheet (kept on record)')
    .argument('<id>', 'the id from `stint time list`')
    .requiredOption('--reason <text>', 'why')
    .action((id: string, _o: RemoveOptions, command: Command) => {
      const options = command.optsWithGlobals<RemoveOptions>();
      withCorrections(options, (store) => {
        store.remove(id, options.reason, Date.now());
        out(`Removed ${id} from the timesheet.`);
      });
    });

  rangeOptions(time.command('list').description('work and breaks as they count now, with ids for edit and remove'))
    .option('--json', 'print JSON')
    .action((_o: ListOptions, command: Command) => {
      const options = command.optsWithGlobals<ListOptions>();
      const now = Date.now();
      const { from, to, zone } = readRange(options, now);
      withCorrections(options, (store) => {
        const list = store.effective(localDayBounds(from, zone).startMs, localDayBounds(to, zone).endMs, now);
        if (options.json) return out(JSON.stringify(list, null, 2));
        if (list.length === 0) return out('Nothing in this range.');
        const at = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
        for (const i of list) {
          const what = i.kind === 'work' ? 'work ' : 'break';
          const tag = i.manual ? `manual: ${i.reason}` : i.source;
          out(
            `${i.uuid}  ${what}  ${at(i.startMs)} – ${at(i.endMs)}  ${formatDuration((i.endMs - i.startMs) / 1000).padStart(8)}  ${tag}${i.open ? ' (running)' : ''}`,
          );
        }
      });
    });
}
