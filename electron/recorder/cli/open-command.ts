import type { Command } from 'commander';
import { UserError } from '../../../shared/user-error';
import { SIGN_IN_CODE_TTL_MS } from '../api/sign-in-ttl';
import type { GlobalOptions } from './options';
import { writeOut } from './stdout';

interface OpenOptions extends GlobalOptions {
  print?: boolean;
}

const MINUTES = SIGN_IN_CODE_TTL_MS / 60_000;

export function registerOpen(program: Command): void {
  program
    .command('open')
    .description('open the views of the running `stint track` in your browser, signed in with a one-time link')
    .option('--print', `only print the sign-in link (it works once, within ${MINUTES} minutes)`)
    .action(async (_options: OpenOptions, command: Command) => {
      const options = command.optsWithGlobals<OpenOptions>();
      const { signInLink } = await import('./open-sign-in');
      const url = await signInLink(options);
      if (options.print) {
        writeOut(`${url}\n`);
        return;
      }
      const { openInBrowser } = await import('./open-browser');
      try {
        await openInBrowser(url);
      } catch (error) {
        throw new UserError(`Could not start a browser (${(error as Error).message}). Open this link yourself within ${MINUTES} minutes: ${url}`);
      }
      writeOut(`Opened the Stint views in your browser (${new URL(url).origin}/).\n`);
    });
}
