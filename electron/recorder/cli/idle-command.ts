import type { Command } from 'commander';
import { localStamp } from '../../../shared/timesheet/local-time';
import type { PendingIdle } from '../../../shared/api/contract';
import { formatDuration } from '../../../shared/format-duration';
import { IDLE_CHOICES, type IdleChoice } from '../../../shared/recording/records';
import { UserError } from '../../../shared/user-error';
import { withApi } from './api-client';
import { oneOf, type GlobalOptions } from './options';
import { writeOut } from './stdout';

interface ListOptions extends GlobalOptions {
  json?: boolean;
}

const DONE: Record<IdleChoice, string> = {
  work: 'kept as work (marked for approval)',
  break: 'moved to breaks',
  call: 'counted as a call or meeting',
  discard: 'left out of your hours',
};

/** `stint idle list|resolve`: the idle prompt of the views, through the same requests (idle.pending, idle.resolve). */
export function registerIdle(program: Command): void {
  const idle = program.command('idle').description('the idle stretches waiting for an answer, and answering them: list | resolve ID work|break|call|discard');
  idle
    .command('list')
    .description('list the idle stretches of this workweek that wait for an answer (as long as the prompt threshold or longer)')
    .option('--json', 'print JSON')
    .action(async (_options: ListOptions, command: Command) => {
      const options = command.optsWithGlobals<ListOptions>();
      const { pending, zone } = await withApi(options, async (api) => ({ pending: await api.request('idle.pending', {}), zone: api.clock.timeZone() }), {
        open: { mustExist: true },
      });
      if (options.json) {
        writeOut(`${JSON.stringify(pending, null, 2)}\n`);
        return;
      }
      if (pending.length === 0) {
        writeOut('No idle time waits for an answer.\n');
        return;
      }
      const at = (ms: number) => localStamp(ms, zone);
      const lines = pending.map(
        (p) => `${p.uuid}  ${at(p.startMs)} to ${p.open ? 'now (still idle)' : at(p.endMs).slice(11)}  ${formatDuration((p.endMs - p.startMs) / 1000)}`,
      );
      writeOut(`${lines.join('\n')}\nAnswer with \`stint idle resolve ID work|break|call|discard\` (the first characters of the ID are enough).\n`);
    });
  idle
    .command('resolve')
    .description('say what an idle stretch was: work (kept, marked for approval), break, call (a call or meeting) or discard')
    .argument('<id>', 'the idle stretch, as `stint idle list` shows it (a unique beginning is enough)')
    .argument('<choice>', IDLE_CHOICES.join(' | '), oneOf(IDLE_CHOICES))
    .action(async (id: string, choice: IdleChoice, _options: GlobalOptions, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const idleUuid = await withApi(options, async (api) => {
        const uuid = pick(await api.request('idle.pending', {}), id);
        await api.request('idle.resolve', { idleUuid: uuid, choice });
        return uuid;
      });
      writeOut(`Idle stretch ${idleUuid.slice(0, 8)} ${DONE[choice]}.\n`);
    });
}

/** The stretch an id names: the whole id, or the beginning of exactly one waiting stretch's. */
function pick(pending: PendingIdle[], id: string): string {
  const exact = pending.find((p) => p.uuid === id);
  if (exact) return exact.uuid;
  const matches = pending.filter((p) => p.uuid.startsWith(id));
  if (matches.length === 1) return matches[0]!.uuid;
  // Not a waiting stretch: the API says why (already answered, unknown, still idle) in its own words.
  if (matches.length === 0) return id;
  throw new UserError(`"${id}" is the beginning of ${matches.length} idle stretches; give more of the ID (see \`stint idle list\`).`);
}
