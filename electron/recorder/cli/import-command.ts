import type { Command } from 'commander';
import { formatDuration } from '../../../shared/format-duration';
import { runRequest } from './api-client';
import { registerActivityWatchImport } from './activitywatch-command';
import { readImportFile } from './import-file';
import { registerLogImports } from './import-logs-command';
import { timeZone, type GlobalOptions } from './options';
import { writeOut } from './stdout';

interface ImportOptions extends GlobalOptions {
  tz?: string;
}

export function registerImport(program: Command): void {
  const importer = program.command('import').description('import time, call logs and CRM reports from other tools; all or nothing');
  registerLogImports(importer);
  registerActivityWatchImport(importer);
  importer
    .command('timewarrior')
    .description(
      'Timewarrior intervals (`timew export > FILE`) as closed work sessions. Tags and annotations are not kept; ' +
        'a still-running interval is skipped; importing the same intervals again adds nothing.',
    )
    .argument('<file>', 'the JSON file `timew export` wrote')
    .option('--tz <zone>', 'IANA time zone the sessions are recorded in (default: this computer’s)', timeZone)
    .action(async (file: string, _options: ImportOptions, command: Command) => {
      const options = command.optsWithGlobals<ImportOptions>();
      const input = {
        file: readImportFile(file, 'Pass the file that `timew export > FILE` wrote.'),
        ...(options.tz === undefined ? {} : { timeZone: options.tz }),
      };
      const result = await runRequest(options, 'import.timewarrior', input);
      for (const warning of result.warnings) process.stderr.write(`stint: warning: ${warning}\n`);
      const added = result.imported > 0 ? ` (${formatDuration(result.importedSeconds)} of work, in ${result.timeZone})` : '';
      writeOut(`${result.imported} imported, ${result.alreadyPresent} already present${added}.\n`);
    });
}
