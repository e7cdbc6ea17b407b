// `stint open`'s request for a sign-in link: the store, the lock and the answer's schema load only when it runs.
import { z } from 'zod';
import { UserError } from '../../../shared/user-error';
import { LOOPBACK } from '../api/local-server';
import { apiToken } from '../store/api-token';
import { readLock } from '../store/recorder-lock';
import { Store } from '../store/store';
import { dbPathFrom, type GlobalOptions } from './options';

const signInAnswer = z.union([z.object({ ok: z.literal(true), data: z.object({ url: z.url() }) }), z.object({ ok: z.literal(false), error: z.string() })]);

/** Asks the recorder tracking into the database for a one-time sign-in link, with the API token only this user can read. */
export async function signInLink(options: GlobalOptions): Promise<string> {
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
