import { rowKeyText, windowName } from './format-labels';
import type { Command } from 'commander';
import { formatDuration } from '../../../shared/format-duration';
import type { Status } from '../../../shared/api/results';
import { runRequest } from './api-client';
import type { GlobalOptions } from './options';
import { workedParts } from './worked-parts';
import type { PauseReason } from '../../../shared/recording/session-machine';
import { writeOut } from './stdout';

const PAUSED_BECAUSE: Record<PauseReason, string> = {
  suspend: 'the computer is asleep',
  lock: 'the screen is locked',
  'display-lost': 'the display was lost (X server gone); it resumes by itself when the display is back',
  'source-failed': 'the active window or idle time cannot be read; it retries every second',
};

interface StatusOptions extends GlobalOptions {
  json?: boolean;
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show the recorder, the current session, the active app and today’s totals')
    .option('--json', 'print JSON')
    .action(async (_options: StatusOptions, command: Command) => {
      const options = command.optsWithGlobals<StatusOptions>();
      const status = await runRequest(options, 'status.get', {}, { open: { mustExist: true } });
      writeOut(options.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    });
}

function formatStatus(s: Status): string {
  const lines: string[] = [];
  lines.push(s.recorder.running ? `Recorder: running (pid ${s.recorder.pid})` : 'Recorder: not running (start it with `stint track`)');
  const paused = s.recorder.paused;
  if (paused) lines.push(`Paused:   since ${new Date(paused.sinceMs).toLocaleTimeString()}, nothing is recorded: ${PAUSED_BECAUSE[paused.reason]}`);
  if (s.session) lines.push(`Session:  ${s.session.kind === 'work' ? 'working' : 'on a break'} for ${formatDuration(s.session.seconds)}`);
  else lines.push('Session:  clocked out');
  if (s.window && s.window.current) lines.push(`Active:   ${windowName(s.window.app, s.window.title)}`);
  if (s.idleSinceMs !== null) lines.push(`Idle since ${new Date(s.idleSinceMs).toLocaleTimeString()}`);
  const t = s.today;
  lines.push(
    `Today (${t.date}): worked ${formatDuration(t.workSeconds)}${workedParts(t)}, active ${formatDuration(t.activeSeconds)}, idle ${formatDuration(t.idleSeconds)}, breaks ${formatDuration(t.breakSeconds)}`,
  );
  for (const row of t.topApps) lines.push(`  ${formatDuration(row.seconds).padStart(9)}  ${rowKeyText(row.key, 'app')}`);
  return `${lines.join('\n')}\n`;
}
