import type { RecorderEvent } from '../../../shared/recording/recorder-events';
import { formatDuration } from '../../../shared/format-duration';
import { PAUSE_REASONS, type PauseReason } from '../../../shared/recording/session-machine';
import { localClockTime } from '../../../shared/timesheet/local-time';
import { windowName } from './format-labels';

const PAUSED: Record<PauseReason, string> = {
  suspend: 'the computer went to sleep',
  lock: 'the screen is locked',
  'display-lost': 'display lost: cannot read windows or idle time; retrying until it is back',
  'source-failed': 'cannot read the active window or idle time; retrying',
};
const RESUMED: Record<PauseReason, string> = {
  suspend: 'awake again',
  lock: 'unlocked',
  'display-lost': 'display is back',
  'source-failed': 'the window and idle time can be read again',
};
const isPauseReason = (reason: string): reason is PauseReason => PAUSE_REASONS.some((r) => r === reason);

const clock = (ms: number, timeZone: string): string => localClockTime(ms, timeZone, true);

/** One log line per recorder state change, stamped with local time. */
export function formatEvent(event: RecorderEvent, timeZone: string): string {
  const at = 'atMs' in event ? event.atMs : event.fromMs;
  const stamp = clock(at, timeZone);
  switch (event.type) {
    case 'started':
      return `${stamp}  started recording${event.recovered.runs ? ` (closed ${event.recovered.runs} interrupted run(s) at their last saved heartbeat)` : ''}`;
    case 'stopped':
      return `${stamp}  stopped (${event.reason})`;
    case 'focus':
      return `${stamp}  focus    ${windowName(event.app, event.title)}`;
    case 'idle-start':
      return `${stamp}  idle     since ${clock(event.sinceMs, timeZone)}`;
    case 'idle-end':
      return `${stamp}  active   after ${formatDuration(event.idleMs / 1000)} idle`;
    case 'session-open':
      return `${stamp}  ${event.kind === 'work' ? 'session  started' : 'break    started'} (${event.reason})`;
    case 'session-close':
      return `${stamp}  ${event.kind === 'work' ? 'session  ended' : 'break    ended'} (${event.reason})`;
    case 'paused':
      return `${stamp}  paused   ${PAUSED[event.reason]}${event.detail === undefined ? '' : ` (${event.detail})`}`;
    case 'gap':
      if (isPauseReason(event.reason)) {
        return `${clock(event.toMs, timeZone)}  resumed  ${RESUMED[event.reason]}: ${clock(event.fromMs, timeZone)}–${clock(event.toMs, timeZone)} not counted`;
      }
      return `${stamp}  gap      ${clock(event.fromMs, timeZone)}–${clock(event.toMs, timeZone)} not counted (${event.reason})`;
    case 'call-detected':
      return `${stamp}  call     ${event.label} detected`;
    case 'call-detected-end':
      return `${stamp}  call     ${event.label} ended after ${formatDuration(event.seconds)}`;
    case 'error':
      return `${stamp}  error    ${event.message}`;
  }
}
