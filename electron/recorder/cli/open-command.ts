import type { Command } from 'commander';
import { z } from 'zod';
import { UserError } from '../../../shared/user-error';
import { SIGN_IN_CODE_TTL_MS } from '../api/browser-sign-in';
import { LOOPBACK } from '../api/local-server';
import { apiToken } from '../store/api-token';
import { readLock } from '../store/recorder-lock';
import { Store } from '../store/store';
import { openInBrowser } from './open-browser';
import { dbPathFrom, type GlobalOptions } from './options';

interface OpenOptions extends GlobalOptions {
  print?: boolean;
}

const MINUTES = SIGN_IN_CODE_TTL_MS / 60_000;

const signInAnswer = z.union([z.object({ ok: z.literal(true), data: z.object({ url: z.url() }) }), z.object({ ok: z.literal(false), error: z.string() })]);

export function registerOpen(program: Command): void {
  program
    .command('open')
    .description('open the views of the running `stint track` in your browser, signed in with a one-time link')
    .option('--print', `only print the sign-in link (it works once, within ${MINUTES} minutes)`)
    .action(async (_options: OpenOptions, command: Command) => {
      const options = command.optsWithGlobals<OpenOptions>();
      const url = await signInLink(options);
      if (options.print) {
        process.stdout.write(`${url}\n`);
        return;
      }
      try {
        await openInBrowser(url);
      } catch (error) {
        throw new UserError(`Could not start a browser (${(error as Error).message}). Open this link yourself within ${MINUTES} minutes: ${url}`);
      }
      process.stdout.write(`Opened the Stint views in your browser (${new URL(url).origin}/).\n`);
    });
}

/** Asks the recorder tracking into the database for a one-time sign-in link, with the API token only this user can read. */
async function signInLink(options: GlobalOptions): Promise<string> {
  const dbPath = dbPathFrom(options);
  const recorder = readLock(dbPath);
  if (recorder === null) throw new UserError(`No recorder is running for ${dbPath}. Start one with \`stint track\`; it prints a sign-in link too.`);
  if (recorder.port === undefined)
    throw new UserError(
      `The recorder running for ${dbPath} (pid ${recorder.pid}) serves no views: it was started with --no-ui, or it is the desktop app's. Use \`stint track\` to see the views in a browser.`,
    );
  const store = Store.open(dbPath, { mustExist: true });
  let token: string;
  try {
    token = apiToken(store.db);
  } finally {
    store.close();
  }
  const origin = `http://${LOOPBACK}:${recorder.port}`;
  let answer: unknown;
  try {
    const res = await fetch(`${origin}/signin`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    answer = await res.json();
  } catch {
    throw new UserError(`Cannot reach the recorder's views at ${origin}/ (pid ${recorder.pid}). Is \`stint track\` still running?`);
  }
  const parsed = signInAnswer.safeParse(answer);
  if (!parsed.success) throw new UserError(`The server at ${origin}/ did not answer as a Stint recorder does. Is another program on that port?`);
  if (!parsed.data.ok) throw new UserError(parsed.data.error);
  return parsed.data.data.url;
}
