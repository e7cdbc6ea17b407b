import type { Command } from 'commander';
import { SESSION_ACTIONS, type SessionAction } from '../../../shared/recording/session-machine';
import { systemClock } from '../clock/system-clock';
import { controlSession } from '../session-control';
import { Store } from '../store/store';
import { dbPathFrom, oneOf, type GlobalOptions } from './options';

const MESSAGES: Record<SessionAction, string> = {
  start: 'Clocked in.',
  stop: 'Clocked out.',
  break: 'On a break.',
  resume: 'Back at work.',
};

export function registerSession(program: Command): void {
  program
    .command('session')
    .description('clock in and out: start | stop | break | resume')
    .argument('<action>', SESSION_ACTIONS.join(' | '), oneOf(SESSION_ACTIONS))
    .action(async (action: SessionAction, _options: GlobalOptions, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const dbPath = dbPathFrom(options);
      const store = Store.open(dbPath);
      try {
        const result = await controlSession(
          store,
          dbPath,
          action,
          () => Date.now(),
          systemClock.timeZone(),
          (ms) => new Promise((r) => setTimeout(r, ms)),
        );
        process.stdout.write(`${MESSAGES[action]}${result.via === 'database' ? ' (no recorder is running; run `stint track` to record activity)' : ''}\n`);
      } finally {
        store.close();
      }
    });
}
