import type { Command } from 'commander';
import { SESSION_ACTIONS, type SessionAction } from '../../../shared/recording/session-machine';
import { withApi } from './api-client';
import { oneOf, type GlobalOptions } from './options';
import { writeOut } from './stdout';

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
      // session.act reaches a recorder running elsewhere through the database, or writes the change itself.
      const running = await withApi(options, async (api) => {
        await api.request('session.act', { action });
        return (await api.request('status.get', {})).recorder.running;
      });
      writeOut(`${MESSAGES[action]}${running ? '' : ' (no recorder is running; run `stint track` to record activity)'}\n`);
    });
}
