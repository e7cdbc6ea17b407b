import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { formatDuration } from '../../../shared/format-duration';
import { parseTimewarriorExport, type TimewarriorInterval, type TimewarriorProblem } from '../../../shared/imports/timewarrior';
import { utcOffsetMinutes } from '../../../shared/recording/zone-offset';
import { UserError } from '../../../shared/user-error';
import { Store, type SessionWrite } from '../store/store';
import { importSessions } from '../store/session-import';
import { registerLogImports } from './import-logs-command';
import { dbPathFrom, localZone, timeZone, type GlobalOptions } from './options';

interface ImportOptions extends GlobalOptions {
  tz?: string;
}

/** Problems listed in full before the rest are only counted. */
export const MAX_PROBLEMS_SHOWN = 20;

/** Namespace of the name-based (v5) uuids of imported Timewarrior intervals. Never change it. */
export const TIMEWARRIOR_NAMESPACE = '153bf50f-2990-477a-867e-b286a82de5e7';

/** A name-based UUID, version 5 (RFC 9562 §5.5): SHA-1 of the namespace's 16 bytes and the UTF-8 name. */
export function uuidV5(namespace: string, name: string): string {
  const hex = namespace.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a uuid: ${namespace}`);
  const bytes = createHash('sha1').update(Buffer.from(hex, 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The same interval gets the same uuid in every export and on every computer, so importing a file again
 * (or a later export that contains it) adds nothing twice. Only start and end count: tags and annotations
 * are not stored, and the zone is how the time is shown, not which time it was.
 */
export function timewarriorUuid(interval: Pick<TimewarriorInterval, 'key'>): string {
  return uuidV5(TIMEWARRIOR_NAMESPACE, `timewarrior:${interval.key}`);
}

export function sessionWrite(interval: TimewarriorInterval, zone: string): SessionWrite {
  return {
    uuid: timewarriorUuid(interval),
    kind: 'work',
    startMs: interval.startMs,
    endMs: interval.endMs,
    timeZone: zone,
    utcOffsetMin: utcOffsetMinutes(interval.startMs, zone),
    startReason: 'import:timewarrior',
    endReason: 'import',
    open: false,
  };
}

/** Every problem on its own line, the first MAX_PROBLEMS_SHOWN of them, for a UserError. */
export function formatProblems(file: string, problems: readonly TimewarriorProblem[]): string {
  const [only] = problems;
  if (problems.length === 1 && only !== undefined && only.index === null) return `Cannot import ${file}: ${only.message}`;
  const entries = new Set(problems.map((p) => p.index)).size;
  const lines = [
    `Cannot import ${file}: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in ${entries} ${entries === 1 ? 'entry' : 'entries'}; nothing was imported.`,
    ...problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `  ${p.message}`),
  ];
  if (problems.length > MAX_PROBLEMS_SHOWN) lines.push(`  and ${problems.length - MAX_PROBLEMS_SHOWN} more`);
  return lines.join('\n');
}

function readImportFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`Cannot read ${file}: there is no such file. Pass the file that \`timew export > FILE\` wrote.`);
    if (code === 'EISDIR') throw new UserError(`Cannot read ${file}: it is a folder. Pass the file that \`timew export > FILE\` wrote.`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`Cannot read ${file}: permission denied. Check the file's permissions.`);
    throw new UserError(`Cannot read ${file}: ${(error as Error).message}.`);
  }
}

export function registerImport(program: Command): void {
  const importer = program.command('import').description('import time, call logs and CRM reports from other tools; all or nothing');
  registerLogImports(importer);
  importer
    .command('timewarrior')
    .description(
      'Timewarrior intervals (`timew export > FILE`) as closed work sessions. Tags and annotations are not kept; ' +
        'a still-running interval is skipped; importing the same intervals again adds nothing.',
    )
    .argument('<file>', 'the JSON file `timew export` wrote')
    .option('--tz <zone>', 'IANA time zone the sessions are recorded in (default: this computer’s)', timeZone)
    .action((file: string, _options: ImportOptions, command: Command) => {
      const options = command.optsWithGlobals<ImportOptions>();
      const zone = options.tz ?? localZone();
      const parsed = parseTimewarriorExport(readImportFile(file));
      if (!parsed.ok) throw new UserError(formatProblems(file, parsed.errors));
      const store = Store.open(dbPathFrom(options));
      try {
        const result = importSessions(
          store,
          parsed.sessions.map((interval) => ({ interval, write: sessionWrite(interval, zone) })),
          Date.now(),
        );
        if (!result.ok) throw new UserError(formatProblems(file, result.errors));
        for (const warning of parsed.warnings) process.stderr.write(`stint: warning: ${warning.message}\n`);
        const added = result.imported > 0 ? ` (${formatDuration(result.importedSeconds)} of work, in ${zone})` : '';
        process.stdout.write(`${result.imported} imported, ${result.alreadyPresent} already present${added}.\n`);
      } finally {
        store.close();
      }
    });
}
