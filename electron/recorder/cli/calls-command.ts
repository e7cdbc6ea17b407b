import type { Command } from 'commander';
import { localStamp } from '../../../shared/timesheet/local-time';
import {
  CALL_DIRECTIONS,
  CALL_REVIEW_ACTIONS,
  liveTalkMs,
  type CallDirection,
  type CallActionType,
  type CallMachineState,
  type CallReviewAction,
} from '../../../shared/calls';
import { CALL_REVIEW_FILTERS, type CallReviewFilter } from '../../../shared/api/results';
import { formatDuration } from '../../../shared/format-duration';
import { callDetectionSource } from '../../../shared/calls/call-detection';
import { runRequest, withApi } from './api-client';
import { rangeOptions, readRange } from './date-range';
import { oneOf, type GlobalOptions } from './options';
import { writeOut } from './stdout';

interface StartOptions extends GlobalOptions {
  direction: CallDirection;
  contact?: string;
}
interface ListOptions extends GlobalOptions {
  from: string;
  to: string;
  tz?: string;
  agent?: string;
  review?: CallReviewFilter;
  json?: boolean;
}
interface ReviewOptions extends GlobalOptions {
  into?: string;
}

const out = (text: string) => writeOut(`${text}\n`);

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
  /** One calls.act request, then what it completed and where the call stands now. */
  const act = async (options: GlobalOptions, input: { action: CallActionType; direction?: 'in' | 'out'; contact?: string; notes?: string }) =>
    withApi(options, async (api) => {
      const result = await api.request('calls.act', input);
      for (const done of result.completed) {
        out(
          `Call saved: talk ${formatDuration(done.talkMs / 1000)}, hold ${formatDuration(done.holdMs / 1000)}, after-call work ${formatDuration(done.wrapMs / 1000)}.`,
        );
      }
      out(describe(result.state, api.clock.now()));
    });

  calls
    .command('start')
    .description('a call connects (ends the previous call’s after-call work)')
    .option('--direction <in|out>', 'inbound or outbound', oneOf(CALL_DIRECTIONS), 'out')
    .option('--contact <text>', 'who the call is with')
    .action(async (_o: StartOptions, command: Command) => {
      const options = command.optsWithGlobals<StartOptions>();
      await act(options, { action: 'start', direction: options.direction, ...(options.contact === undefined ? {} : { contact: options.contact }) });
    });
  const step = (action: Exclude<CallActionType, 'start'>, description: string) =>
    calls
      .command(action)
      .description(description)
      .action(async (_o: GlobalOptions, command: Command) => act(command.optsWithGlobals<GlobalOptions>(), { action }));
  step('hold', 'put the call on hold');
  step('resume', 'take the call off hold');
  step('end', 'the call ends; after-call work begins');
  calls
    .command('wrap')
    .description('after-call work is done')
    .option('--notes <text>', 'your notes on the call, stored with it (they stay on this computer)')
    .action(async (_o: GlobalOptions & { notes?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { notes?: string }>();
      await act(options, { action: 'wrap', ...(options.notes ? { notes: options.notes } : {}) });
    });
  step('cancel', 'the call never connected (kept as unanswered)');

  calls
    .command('status')
    .description('the call in progress')
    .action(async (_o: GlobalOptions, command: Command) => {
      const { state, nowMs } = await runRequest(command.optsWithGlobals<GlobalOptions>(), 'calls.state', {});
      out(describe(state, nowMs));
    });

  rangeOptions(calls.command('list').description('calls with their ids, source and timings; a call in a log and timed here is one row'))
    .option('--agent <name>', '"me": your own calls; another name: that agent\'s imported calls')
    .option('--review <status>', `detected calls by review (${CALL_REVIEW_FILTERS.join(', ')})`, oneOf(CALL_REVIEW_FILTERS))
    .option('--json', 'print JSON')
    .action(async (_o: ListOptions, command: Command) => {
      const options = command.optsWithGlobals<ListOptions>();
      const { from, to, zone } = readRange(options, Date.now());
      const list = await runRequest(options, 'calls.list', {
        from,
        to,
        timeZone: zone,
        ...(options.agent === undefined ? {} : { agent: options.agent }),
        ...(options.review === undefined ? {} : { review: options.review }),
      });
      if (options.json) return void out(JSON.stringify(list, null, 2));
      if (list.length === 0) return void out('No calls in this range.');
      for (const c of list) {
        const when = localStamp(c.startMs, zone);
        const source =
          (c.source === 'import'
            ? `import:${c.system}${c.agent ? ` (${c.agent})` : ''}`
            : c.source === 'detected'
              ? `detected (${sourceWords(c.detectedBy)})${c.review ? ` ${c.review}` : ', to review'}`
              : 'manual') + (c.sameAs ? `, also in ${c.sameAs.system} as ${c.sameAs.externalId}` : '');
        out(
          `${c.uuid}  ${when}  ${c.direction === 'in' ? 'in ' : 'out'}  ${c.answered ? formatDuration((c.talkMs + c.holdMs + c.wrapMs) / 1000).padStart(8) : 'missed'.padStart(8)}  ${c.contact ?? ''}  ${source}${c.notes ? `\n    notes: ${c.notes}` : ''}`,
        );
      }
    });

  calls
    .command('review')
    .description('confirm, dismiss or merge a call that was detected from a window')
    .argument('<id>', 'the id from `stint calls list`')
    .argument('<action>', CALL_REVIEW_ACTIONS.join(' | '), oneOf(CALL_REVIEW_ACTIONS))
    .option('--into <id>', 'with merge: the call it belongs to')
    .action(async (id: string, action: CallReviewAction, _o: ReviewOptions, command: Command) => {
      const options = command.optsWithGlobals<ReviewOptions>();
      await runRequest(options, 'calls.review', { uuid: id, action, ...(options.into === undefined ? {} : { into: options.into }) });
      out(action === 'confirm' ? 'Confirmed.' : action === 'dismiss' ? 'Dismissed: left out of call reports.' : `Merged into ${options.into}.`);
    });
}

/** A detected call's source as people say it ("Zoom meeting"), the rule's id only for one this build does not know. */
function sourceWords(ruleId: string | null): string {
  const source = callDetectionSource(ruleId);
  if (source === null) return ruleId ?? '?';
  return source.kind === 'product' ? source.name : `${source.name} ${source.kind}`;
}
