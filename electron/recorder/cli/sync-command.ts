import type { Command } from 'commander';
import type { SyncNowResult, SyncPreview, SyncStatus } from '../../../shared/sync/device-sync';
import { CLOCK_SKEW_WARN_MS, recordTime } from '../../../shared/sync/device-sync';
import { clockSkewWords, syncProblemWords } from '../../../shared/sync/sync-words';
import { formatDuration } from '../../../shared/format-duration';
import { runRequest } from './api-client';
import { localZone, timeZone, type GlobalOptions } from './options';
import { writeOut } from './stdout';

interface SyncOptions extends GlobalOptions {
  json?: boolean;
  server?: string;
  code?: string;
  from?: string;
  to?: string;
  tz?: string;
}

const when = (ms: number | null, zone: string) =>
  ms === null ? 'never' : new Date(ms).toLocaleString('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'medium' });

/** `stint sync`: enroll this device with the team server, see how sync stands, push now, leave, and preview what is uploaded. */
export function registerSync(program: Command): void {
  const sync = program.command('sync').description("keep your team's Stint server current: enroll, status, now, leave, preview");
  const zone = localZone;

  sync
    .command('enroll')
    .description('enroll this device with the one-time code your manager gave you')
    .requiredOption('--server <url>', 'the team server, e.g. https://stint.example.com')
    .requiredOption('--code <code>', 'the one-time enrollment code')
    .option('--json', 'print JSON')
    .action(async (_o: SyncOptions, command: Command) => {
      const options = command.optsWithGlobals<SyncOptions>();
      const status = await runRequest(options, 'sync.enroll', { server: options.server!, code: options.code! });
      if (options.json) return void writeOut(`${JSON.stringify(status, null, 2)}\n`);
      writeOut(
        `Enrolled to ${status.userEmail} on ${status.server}. ${status.pending} records will be sent ${status.recorderRunning ? 'by the running recorder' : 'when `stint track` or the app runs, or now with `stint sync now`'}.\n`,
      );
    });

  sync
    .command('status')
    .description('the server, who this device is enrolled to, the last push, what waits and the last problem')
    .option('--json', 'print JSON')
    .action(async (_o: SyncOptions, command: Command) => {
      const options = command.optsWithGlobals<SyncOptions>();
      const status = await runRequest(options, 'sync.status', {}, { open: { mustExist: false } });
      writeOut(options.json ? `${JSON.stringify(status, null, 2)}\n` : formatSyncStatus(status, zone()));
    });

  sync
    .command('now')
    .description('send what waits now (through the running recorder when one runs) and pull the team policy')
    .option('--json', 'print JSON')
    .action(async (_o: SyncOptions, command: Command) => {
      const options = command.optsWithGlobals<SyncOptions>();
      const result = await runRequest(options, 'sync.now', {});
      if (options.json) return void writeOut(`${JSON.stringify(result, null, 2)}\n`);
      writeOut(formatSyncNow(result));
      if (result.error) process.exitCode = 1;
    });

  sync
    .command('leave')
    .description('stop syncing: forgets the server and the token; records stay on this device')
    .action(async (_o: SyncOptions, command: Command) => {
      const options = command.optsWithGlobals<SyncOptions>();
      const { left } = await runRequest(options, 'sync.leave', {});
      writeOut(left ? 'This device no longer syncs. Its records stay here; enroll again to send them to a server.\n' : 'This device was not enrolled.\n');
    });

  sync
    .command('preview')
    .description('exactly what has been and will be uploaded for a period, under the policy in force')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD')
    .option('--tz <zone>', 'the zone of the days (default: this computer’s)', timeZone)
    .option('--json', 'print the records exactly as they are uploaded')
    .action(async (_o: SyncOptions, command: Command) => {
      const options = command.optsWithGlobals<SyncOptions>();
      const preview = await runRequest(options, 'sync.preview', { from: options.from!, to: options.to!, ...(options.tz ? { timeZone: options.tz } : {}) });
      writeOut(options.json ? `${JSON.stringify(preview, null, 2)}\n` : formatPreview(preview));
    });
}

export function formatSyncStatus(s: SyncStatus, zone: string): string {
  const lines: string[] = [];
  if (!s.enrolled) {
    lines.push('Not enrolled with a team server. Enroll with `stint sync enroll --server URL --code CODE`.');
    if (s.pending > 0) lines.push(`Records on this device not yet sent anywhere: ${s.pending}`);
  } else {
    lines.push(`Server:          ${s.server}`);
    lines.push(`Enrolled to:     ${s.userEmail}`);
    lines.push(`Last push:       ${when(s.lastPushMs, zone)}`);
    lines.push(`Waiting:         ${s.pending} records${s.oldestPendingMs === null ? '' : `, the oldest from ${when(s.oldestPendingMs, zone)}`}`);
    lines.push(`Pushing:         ${s.recorderRunning ? 'a recorder runs and pushes' : 'no recorder runs; `stint sync now` pushes from here'}`);
    if (s.policy) {
      const p = s.policy.values;
      lines.push(
        `Team policy:     version ${s.policy.version} (set by your team): idle after ${p.idleThresholdSeconds} s, week starts ${p.weekStart}, ` +
          `titles ${p.upload.titles ? 'uploaded' : 'stay here'}, urls ${p.upload.urls ? 'uploaded' : 'stay here'}, ${p.rules.length} team rules`,
      );
    }
  }
  if (s.lastError) lines.push(`Last problem:    ${when(s.lastError.atMs, zone)}: ${syncProblemWords(s.lastError.code, s.lastError.message)}`);
  if (s.clockSkewMs !== null && Math.abs(s.clockSkewMs) > CLOCK_SKEW_WARN_MS) lines.push(`Warning:         ${clockSkewWords(s.clockSkewMs)}`);
  return `${lines.join('\n')}\n`;
}

function formatSyncNow(r: SyncNowResult): string {
  const who = r.via === 'recorder' ? 'The running recorder sent' : 'Sent';
  if (r.error) return `${who} ${r.pushed} records; ${r.pending} still wait. ${syncProblemWords(r.error.code, r.error.message)}\n`;
  return `${who} ${r.pushed} records; ${r.pending === 0 ? 'the team server is up to date' : `${r.pending} wait`}.\n`;
}

function formatPreview(p: SyncPreview): string {
  const lines = [
    `What your manager's server gets for ${p.from} to ${p.to} (${p.timeZone}), under the ${p.policySource === 'team' ? "team's" : 'default'} policy:`,
    `window titles ${p.upload.titles ? 'are uploaded' : 'stay on this device'}, urls ${p.upload.urls ? 'are uploaded' : 'stay on this device'}.`,
    '',
  ];
  for (const { record: r, state } of p.records) {
    const mark = state === 'sent' ? 'sent   ' : 'waiting';
    const at = new Date(recordTime(r)).toISOString().replace('.000Z', 'Z');
    const span = 'startMs' in r && 'endMs' in r && r.startMs !== null && r.endMs !== null ? ` ${formatDuration((r.endMs - r.startMs) / 1000)}` : '';
    const detail =
      r.kind === 'activity'
        ? ` ${r.app}${r.title === undefined ? '' : ` — ${r.title}`}${r.url === undefined ? '' : ` <${r.url}>`}`
        : r.kind === 'session' || r.kind === 'correction'
          ? ` ${r.sessionKind}${r.kind === 'correction' ? ` (${r.reason})` : ''}`
          : r.kind === 'idle-choice'
            ? ` ${r.choice}`
            : '';
    lines.push(`${mark} ${at} ${r.kind}${span}${detail}`);
  }
  if (p.records.length === 0) lines.push('No closed records in this period.');
  return `${lines.join('\n')}\n`;
}
