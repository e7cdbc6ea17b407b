import { Command, CommanderError } from 'commander';
import { UserError } from '../../../shared/user-error';
import { StorageError } from '../store/storage-error';
import { registerExport } from './activitywatch-command';
import { registerCalls } from './calls-command';
import { formatStorageError } from './format-storage-error';
import { registerIdle } from './idle-command';
import { registerImport } from './import-command';
import { registerOpen } from './open-command';
import { registerReport } from './report-command';
import { registerSession } from './session-command';
import { registerStatus } from './status-command';
import { registerSync } from './sync-command';
import { registerRules } from './rules-command';
import { registerSettings } from './settings-command';
import { registerTime } from './time-command';
import { registerTimesheet } from './timesheet-command';
import { registerTrack } from './track-command';
import { writeOut } from './stdout';
import { version } from '../../../package.json';

/** `stint`: the recorder headless, with reports, from a terminal. */
export function buildProgram(): Command {
  const program = new Command()
    .name('stint')
    .description('Stint: time tracking for sales teams. Records work sessions, the active app and idle time into a local database.')
    .version(version)
    .option('--db <file>', 'database file (default: $STINT_DB, else the per-user data folder)')
    .configureOutput({
      writeOut,
      writeErr: (text) => process.stderr.write(text),
      // Commander writes "error: …" and a hint on lines of their own; the README promises one line.
      outputError: (text, write) =>
        write(
          `stint: ${text
            .replace(/^error: /, '')
            .trim()
            .replace(/\s*\n\s*/g, ' ')} (run with --help for usage)\n`,
        ),
    })
    .exitOverride();
  for (const register of [
    registerTrack,
    registerOpen,
    registerSession,
    registerIdle,
    registerStatus,
    registerReport,
    registerTimesheet,
    registerTime,
    registerRules,
    registerSettings,
    registerCalls,
    registerImport,
    registerExport,
    registerSync,
  ])
    register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Errors meant for a person print as one line; anything else is a bug and says so. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UserError) {
      process.stderr.write(`stint: ${error.message}\n`);
      return 1;
    }
    if (error instanceof StorageError) {
      process.stderr.write(`stint: ${formatStorageError(error)}\n`);
      return 1;
    }
    process.stderr.write(`stint: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.STINT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('Set STINT_DEBUG=1 for details and report this as a bug.\n');
    return 70;
  }
}
