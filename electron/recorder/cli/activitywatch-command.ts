import type { Command } from 'commander';
import { timeZone, type GlobalOptions } from './options';

// Registration only: the importer, the exporter and the store load when the command runs
// (activitywatch-run.ts), so `stint --help` and the other commands do not evaluate them.

export interface AwImportOptions extends GlobalOptions {
  tz?: string;
}
export interface AwExportOptions extends GlobalOptions {
  out: string;
}

/** `stint import activitywatch FILE`: added to the `import` command. */
export function registerActivityWatchImport(importer: Command): void {
  importer
    .command('activitywatch')
    .description(
      'an ActivityWatch export (Settings → Export all buckets as JSON): window events become activity, afk events idle, the ' +
        'browser watcher’s tabs put URLs and sites on browser activity, other buckets are kept as external activity. Read as a ' +
        'stream (any size); importing the same events again adds nothing.',
    )
    .argument('<file>', 'the JSON file ActivityWatch exported')
    .option('--tz <zone>', 'IANA time zone the activity is recorded in (default: this computer’s)', timeZone)
    .action(async (file: string, _options: AwImportOptions, command: Command) => {
      const { runAwImport } = await import('./activitywatch-run');
      await runAwImport(file, command.optsWithGlobals<AwImportOptions>());
    });
}

/** `stint export activitywatch --out FILE`. */
export function registerExport(program: Command): void {
  const exporter = program.command('export').description('export Stint’s data for other tools');
  exporter
    .command('activitywatch')
    .description(
      'a file ActivityWatch imports: the buckets imported from it or fed by its watchers as they came, and Stint’s own recording ' +
        'as a window and an afk bucket (spans merged back). Importing it into this database again adds nothing.',
    )
    .requiredOption('--out <file>', 'where to write the JSON')
    .action(async (_options: AwExportOptions, command: Command) => {
      const { runAwExport } = await import('./activitywatch-run');
      await runAwExport(command.optsWithGlobals<AwExportOptions>());
    });
}
