import type { Command } from 'commander';
import { DateTime } from 'luxon';
import {
  CALL_DIRECTIONS,
  CALL_REVIEW_ACTIONS,
  liveTalkMs,
  type CallAction,
  type CallDirection,
  type CallMachineState,
  type CallReviewAction,
} from '../../../shared/calls';
import { formatDuration } from '../../../shared/format-duration';
import { localDayBounds } from '../../../shared/timesheet';
import { CallsStore } from '../store/calls-store';
import { rangeOptions, readRange } from './date-range';
import { localZone, oneOf, type GlobalOptions } from './options';
import { withStore } from './with-store';

interface StartOptions extends GlobalOptions {
  direction: CallDirection;
  contact?: string;
}
interface ListOptions extends GlobalOptions {
  from: string;
  to: string;
  tz?: string;
  json?: boolean;
}
interface ReviewOptions extends GlobalOptions {
  into?: string;
}

const withCalls = <T>(options: GlobalOptions, fn: (calls: CallsStore) => T): T => withStore(options, (store) => fn(new CallsStore(store.db, store.deviceId)));

const out = (text: string) => process.stdout.write(`${text}\n`);

function describe(state: CallMachineState, now: number): string {
  switch (state.status) {
    case 'idle':
      return 'No call in progress.';
    case 'talking':
      return `On a call${state.call.contact ? ` with ${state.call.contact}` : ''}: talking ${formatDuration(liveTalkMs(state, now) / 1000)}.`;
    case 'on-hold':
      return `On hold${state.call.contact ? ` with ${state.call.contact}` : ''} since ${formatDuration((now - state.call.segmentStartMs) / 1000)}.`;
    case 'wrap-up':
      return `After-call work for ${formatDuration((now - state.call.endMs) / 1000)}; \`stint calls wrap\` when done.`;
  }
}

/**
 * Call timing from the terminal. The call in progress lives in the database, so the CLI, the views and
 * the recorder see one state; a command that makes no sense now is refused and changes nothing.
 */
export function registerCalls(program: Command): void {
  const calls = program.command('calls').description('time sales calls: start, hold, resume, end, wrap (after-call work), cancel');
  const act = (name: string, description: string, make: (atMs: number) => CallAction) =>
    calls
      .command(name)
      .description(description)
      .action((_o: GlobalOptions, command: Command) => {
        const options = command.optsWithGlobals<GlobalOptions>();
        withCalls(options, (store) => {
          const now = Date.now();
          const result = store.act(make(now), localZone());
          for (const done of result.completed) {
            out(
              `Call saved: talk ${formatDuration(done.talkMs / 1000)}, hold ${formatDuration(done.holdMs / 1000)}, after-call work ${formatDuration(done.wrapMs / 1000)}.`,
            );
          }
          out(describe(result.state, now));
        });
      });

  calls
    .command('start')
    .description('a call connects (ends the previous call’s after-call work)')
    .option('--direction <in|out>', 'inbound or outbound', oneOf(CALL_DIRECTIONS), 'out')
    .option('--contact <text>', 'who the call is with')
    .action((_o: StartOptions, command: Command) => {
      const options = command.optsWithGlobals<StartOptions>();
      withCalls(options, (store) => {
        const now = Date.now();
        const result = store.act(
          { type: 'start', atMs: now, direction: options.direction, source: 'manual', ...(options.contact === undefined ? {} : { contact: options.contact }) },
          localZone(),
        );
        out(describe(result.state, now));
      });
    });
  act('hold', 'put the call on hold', (atMs) => ({ type: 'hold', atMs }));
  act('resume', 'take the call off hold', (atMs) => ({ type: 'resume', atMs }));
  act('end', 'the call ends; after-call work begins', (atMs) => ({ type: 'end', atMs }));
  act('wrap', 'after-call work is done', (atMs) => ({ type: 'wrap', atMs }));
  act('cancel', 'the call never connected (kept as unanswered)', (atMs) => ({ type: 'cancel', atMs }));

  calls
    .command('status')
    .description('the call in progress')
    .action((_o: GlobalOptions, command: Command) => {
      withCalls(command.optsWithGlobals<GlobalOptions>(), (store) => out(describe(store.state(), Date.now())));
    });

  rangeOptions(calls.command('list').description('calls with their ids, source and timings'))
    .option('--json', 'print JSON')
    .action((_o: ListOptions, command: Command) => {
      const options = command.optsWithGlobals<ListOptions>();
      const { from, to, zone } = readRange(options, Date.now());
      withCalls(options, (store) => {
        const list = store.list(localDayBounds(from, zone).startMs, localDayBounds(to, zone).endMs);
        if (options.json) return out(JSON.stringify(list, null, 2));
        if (list.length === 0) return out('No calls in this range.');
        for (const c of list) {
          const when = DateTime.fromMillis(c.startMs, { zone }).toFormat('yyyy-MM-dd HH:mm');
          const source =
            c.source === 'import' ? `import:${c.system}` : c.source === 'detected' ? `detected (${c.detectedBy})${c.review ? '' : ', not reviewed'}` : 'manual';
          out(
            `${c.uuid}  ${when}  ${c.direction === 'in' ? 'in ' : 'out'}  ${c.answered ? formatDuration((c.talkMs + c.holdMs + c.wrapMs) / 1000).padStart(8) : 'missed'.padStart(8)}  ${c.contact ?? ''}  ${source}`,
          );
        }
      });
    });

  calls
    .command('review')
    .description('confirm, dismiss or merge a call that was detected from a window')
    .argument('<id>', 'the id from `stint calls list`')
    .argument('<action>', CALL_REVIEW_ACTIONS.join(' | '), oneOf(CALL_REVIEW_ACTIONS))
    .option('--into <id>', 'with merge: the call it belongs to')
    .action((id: string, action: CallReviewAction, _o: ReviewOptions, command: Command) => {
      const options = command.optsWithGlobals<ReviewOptions>();
      withCalls(options, (store) => {
        store.review(id, action, options.into ?? null, Date.now());
        out(action === 'confirm' ? 'Confirmed.' : action === 'dismiss' ? 'Dismissed: left out of call reports.' : `Merged into ${options.into}.`);
      });
    });
}
