/** `stint-server`: the team server and its admin commands. Every command takes the same --db. */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { formatDuration } from '../shared/format-duration';
import { isIsoDate } from '../shared/timesheet/local-time';
import { UserError } from '../shared/user-error';
import { version } from '../package.json';
import { createUser, enrollmentCode, ensureFirstAdmin } from './admin';
import { DEFAULT_HOST, DEFAULT_PORT, resolveServerDb } from './config';
import { openServerDb, type ServerDb } from './db/open';
import { ROLES, type Role } from './db/schema';
import { buildApp } from './http/app';
import { hoursReport } from './reports/hours';
import { createServices } from './services';
import { pruneExpired } from './store/housekeeping';

const HOUSEKEEPING_MS = 10 * 60_000;

const dbOption = () => new Option('--db <file|url>', 'SQLite file or postgres:// URL (default: $STINT_SERVER_DB, else stint-server.db in the data folder)');

async function withDb<T>(flag: string | undefined, run: (store: ServerDb) => Promise<T>): Promise<T> {
  const store = await openServerDb(resolveServerDb(flag));
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${value}: give a port number from 0 to 65535.`);
  return port;
}

function parseDate(flag: string) {
  return (value: string): string => {
    if (!isIsoDate(value)) throw new UserError(`${flag} ${value}: give a date as YYYY-MM-DD.`);
    return value;
  };
}

export function buildProgram(out: (text: string) => void = (t) => process.stdout.write(t)): Command {
  const program = new Command()
    .name('stint-server')
    .description("Stint's team server: accounts, device enrollment, sync, live status, policy and reports.")
    .version(version)
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .exitOverride();

  program
    .command('serve', { isDefault: true })
    .description('run the server (the default command)')
    .addOption(dbOption())
    .option('--host <host>', 'address to listen on', DEFAULT_HOST)
    .option('--port <port>', 'port to listen on', parsePort, DEFAULT_PORT)
    .option('--secure-cookies', 'mark session cookies Secure (set when users reach the server over https)', false)
    .option('--trust-proxy', "take the client's address from X-Forwarded-For (only behind a load balancer)", false)
    .option('--log-level <level>', 'pino log level', 'info')
    .action(async (o: { db?: string; host: string; port: number; secureCookies: boolean; trustProxy: boolean; logLevel: string }) => {
      await serve(o, out);
    });

  const admin = program.command('admin').description('accounts and device enrollment');
  admin
    .command('create-user')
    .description('add a user (a manager manages --team, a rep belongs to it); the password is read from stdin with --password-stdin')
    .requiredOption('--email <email>', 'their email, which they sign in with')
    .requiredOption('--name <name>', 'their name')
    .addOption(new Option('--role <role>', 'what they may see and do').choices(ROLES).makeOptionMandatory())
    .option('--team <team>', 'their team (made when new)')
    .option('--password-stdin', 'read their password from the first line of stdin (reps who only enroll devices need none)', false)
    .addOption(dbOption())
    .action(async (o: { email: string; name: string; role: Role; team?: string; passwordStdin: boolean; db?: string }) => {
      const password = o.passwordStdin ? (readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '') : null;
      await withDb(o.db, async (store) => {
        const user = await createUser(createServices(store), { email: o.email, name: o.name, role: o.role, team: o.team ?? null, password });
        out(`Added ${user.role} ${user.email}${o.team ? ` (team ${o.team})` : ''}.\n`);
      });
    });
  admin
    .command('enrollment-code')
    .description("print a one-time code that enrolls one of the user's devices (valid 7 days)")
    .requiredOption('--email <email>', 'the rep whose device it enrolls')
    .addOption(dbOption())
    .action(async (o: { email: string; db?: string }) => {
      await withDb(o.db, async (store) => {
        const { code, expiresMs, user } = await enrollmentCode(createServices(store), o.email);
        out(`${code}\nEnrolls one device of ${user.email} until ${new Date(expiresMs).toISOString()}: stint sync enroll --server URL --code ${code}\n`);
      });
    });

  program
    .command('report')
    .description('reports from the synced records')
    .command('hours')
    .description("each rep's worked, break and manual time per local day, as the device computes it")
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD', parseDate('--from'))
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD', parseDate('--to'))
    .option('--team <team>', 'only this team')
    .option('--user <email>', 'only this rep')
    .option('--json', 'print JSON', false)
    .addOption(dbOption())
    .action(async (o: { from: string; to: string; team?: string; user?: string; json: boolean; db?: string }) => {
      if (o.from > o.to) throw new UserError(`--from ${o.from} is after --to ${o.to}.`);
      await withDb(o.db, async (store) => {
        const services = createServices(store);
        let teamIds: number[] | null = null;
        if (o.team !== undefined) {
          const team = await services.accounts.teamByName(o.team);
          if (!team) throw new UserError(`No team ${o.team}.`);
          teamIds = [team.id];
        }
        let userId: number | null = null;
        if (o.user !== undefined) {
          const user = await services.accounts.findActiveByEmail(o.user);
          if (!user) throw new UserError(`No user ${o.user}.`);
          userId = user.id;
        }
        const reps = await services.accounts.reps({ teamIds, userId });
        const { policy } = await services.policies.current(null);
        const report = await hoursReport(store.db, reps, { from: o.from, to: o.to }, policy, services.now(), services.options.fallbackTimeZone);
        if (o.json) {
          out(`${JSON.stringify({ from: o.from, to: o.to, reps: report }, null, 2)}\n`);
          return;
        }
        out('rep\tdate\tworked\tbreak\tmanual\n');
        for (const rep of report) {
          for (const d of rep.days)
            out(`${rep.email}\t${d.date}\t${formatDuration(d.workedSeconds)}\t${formatDuration(d.breakSeconds)}\t${formatDuration(d.manualSeconds)}\n`);
        }
        if (report.length === 0) out('No reps match.\n');
      });
    });

  program
    .command('backup')
    .description('copy the SQLite database to FILE while the server runs (PostgreSQL: use pg_dump)')
    .requiredOption('--out <file>', 'the copy to write')
    .addOption(dbOption())
    .action(async (o: { out: string; db?: string }) => {
      await withDb(o.db, async (store) => {
        if (!store.sqlite) throw new UserError('backup copies the SQLite database; for PostgreSQL use pg_dump (or your provider’s backups).');
        await store.sqlite.backup(o.out);
        out(`Backed up ${store.location} to ${o.out}.\n`);
      });
    });

  for (const command of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) command.exitOverride();
  return program;
}

async function serve(
  o: { db?: string; host: string; port: number; secureCookies: boolean; trustProxy: boolean; logLevel: string },
  out: (text: string) => void,
): Promise<void> {
  const store = await openServerDb(resolveServerDb(o.db));
  const services = createServices(store, Date.now, { secureCookies: o.secureCookies });
  const admin = await ensureFirstAdmin(services, process.env);
  const app = await buildApp(services, { logger: { level: o.logLevel }, trustProxy: o.trustProxy });
  const address = await app.listen({ host: o.host, port: o.port });
  out(`stint-server ${version}: sign in at ${address}/ (API: ${address}/api/openapi.json)\nDatabase: ${store.location}\n`);
  if (admin === 'created') out(`Created the first admin, ${process.env.STINT_ADMIN_EMAIL}.\n`);
  if (admin === 'none') {
    out('No users yet: set STINT_ADMIN_EMAIL and STINT_ADMIN_PASSWORD and start again, or run\n');
    out('  stint-server admin create-user --email YOU --name NAME --role admin --password-stdin\n');
  }
  const housekeeping = setInterval(() => {
    pruneExpired(store.db, Date.now()).catch((err: unknown) => app.log.warn({ err }, 'housekeeping failed'));
  }, HOUSEKEEPING_MS);
  housekeeping.unref();
  // Graceful shutdown: stop accepting, let requests in flight finish, close the database.
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      clearInterval(housekeeping);
      void app
        .close()
        .then(() => store.close())
        .then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/** Errors meant for a person print as one line; anything else is a bug and says so. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UserError) {
      process.stderr.write(`stint-server: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`stint-server: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.STINT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 70;
  }
}
