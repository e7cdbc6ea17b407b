/** `stint-server`: the team server and its admin commands. Every command takes the same --db. */
import { readFileSync, writeFileSync } from 'node:fs';
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
import { DEFAULT_EXPORT_OPTIONS, EXPORT_FORMATS, type ExportFormat } from '../shared/payroll/formats';
import { DEFAULT_PAY_PROFILE, PAY_PROFILE_SCHEMA, PAY_TYPES } from '../shared/payroll/pay';
import type { Services } from './http/context';
import { approvalList, decideWeek, PayrollError } from './payroll/approvals';
import { auditCsv } from './payroll/audit-csv';
import { payrollExport } from './payroll/export';
import { auditEntries } from './store/audit';
import type { UserWithTeams } from './store/accounts-store';
import { WeeksStore } from './store/weeks-store';

/** The user a command acts as (--as EMAIL), with their teams. */
async function actorFor(services: Services, email: string): Promise<UserWithTeams> {
  const user = await services.accounts.findActiveByEmail(email);
  if (!user) throw new UserError(`--as ${email}: no such user.`);
  return services.accounts.withTeams(user);
}

/** Payroll refusals reach the person as one line. */
async function domain<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof PayrollError) throw new UserError(e.message);
    throw e;
  }
}

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

  const approvals = program.command('approvals').description("submitted weeks: list, approve, reject, reopen (as a manager of the rep's team or an admin)");
  approvals
    .command('list')
    .description('weeks waiting for a decision; with --week, every rep and their week holding that date')
    .option('--week <date>', 'a date in the workweek, YYYY-MM-DD', parseDate('--week'))
    .option('--team <team>', 'only this team')
    .option('--json', 'print JSON', false)
    .addOption(dbOption())
    .action(async (o: { week?: string; team?: string; json: boolean; db?: string }) => {
      await withDb(o.db, async (store) => {
        const services = createServices(store);
        let teamIds: number[] | null = null;
        if (o.team !== undefined) {
          const team = await services.accounts.teamByName(o.team);
          if (!team) throw new UserError(`No team ${o.team}.`);
          teamIds = [team.id];
        }
        const reps = await services.accounts.reps({ teamIds, userId: null });
        const weeks = await approvalList(services, reps, o.week ?? null);
        if (o.json) {
          out(`${JSON.stringify({ weeks }, null, 2)}\n`);
          return;
        }
        out('rep\tweek\tstatus\tworked\tregular\tovertime\tdouble\tnote\n');
        for (const w of weeks) {
          const t = w.totals;
          const note =
            w.status === 'changed'
              ? `changed after ${w.decidedMs ? 'approval' : 'submission'}: ${w.differences.map((d) => `${d.date} ${d.field} ${formatDuration(d.before)} → ${formatDuration(d.after)}`).join('; ')}`
              : (w.comment ?? '');
          out(
            `${w.email}\t${w.weekStart}\t${w.status}\t${t ? [t.workedSeconds, t.regularSeconds, t.overtimeSeconds, t.doubleTimeSeconds].map(formatDuration).join('\t') : '\t\t\t'}\t${note}\n`,
          );
        }
        if (weeks.length === 0) out(o.week ? 'No reps match.\n' : 'No weeks wait for a decision.\n');
      });
    });
  for (const decision of ['approve', 'reject', 'reopen'] as const) {
    approvals
      .command(decision)
      .description(
        decision === 'approve'
          ? "approve a rep's submitted (or changed) week: it locks"
          : decision === 'reject'
            ? 'reject a submitted week; --comment says what to correct (required)'
            : 'reopen an approved week; --comment gives the reason (required)',
      )
      .requiredOption('--user <email>', 'the rep')
      .requiredOption('--week <date>', 'a date in the workweek, YYYY-MM-DD', parseDate('--week'))
      .requiredOption('--as <email>', 'who decides (a manager of the rep’s team, or an admin)')
      .option(
        '--comment <text>',
        decision === 'approve' ? 'a note kept with the approval' : decision === 'reject' ? 'what the rep should correct' : 'why it is reopened',
      )
      .addOption(dbOption())
      .action(async (o: { user: string; week: string; as: string; comment?: string; db?: string }) => {
        await withDb(o.db, async (store) => {
          const services = createServices(store);
          const actor = await actorFor(services, o.as);
          const state = await domain(() => decideWeek(services, actor, { email: o.user, date: o.week, decision, comment: o.comment ?? null }, services.now()));
          out(`The week of ${state.weekStart} of ${o.user} is ${state.status}${state.locked ? ' (locked)' : ''}.\n`);
        });
      });
  }

  program
    .command('export')
    .description('exports of approved time')
    .command('payroll')
    .description('approved time of a pay period in a payroll format; refuses when weeks are unapproved or ids missing (lists them) unless --partial')
    .requiredOption('--from <date>', 'first day of the pay period, YYYY-MM-DD', parseDate('--from'))
    .requiredOption('--to <date>', 'last day of the pay period, YYYY-MM-DD', parseDate('--to'))
    .addOption(new Option('--format <format>', 'the file to write').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write it')
    .option('--team <team>', 'only this team')
    .option('--partial', 'write the file without the people listed as problems', false)
    .option('--co-code <code>', 'ADP: your company code')
    .option('--batch-id <id>', 'ADP: the paydata batch id')
    .option('--dt-code <code>', 'ADP: the earnings code for double time', 'D')
    .option('--client-id <id>', 'Paychex: your client id')
    .option('--qb-company <name>', 'QuickBooks: the company name', '')
    .option('--qb-create-time <n>', 'QuickBooks: the company file’s create time (from a Timer list export)', '')
    .option('--as <email>', 'the admin doing the export (kept in the audit log)')
    .addOption(dbOption())
    .action(
      async (o: {
        from: string;
        to: string;
        format: ExportFormat;
        out: string;
        team?: string;
        partial: boolean;
        coCode?: string;
        batchId?: string;
        dtCode: string;
        clientId?: string;
        qbCompany: string;
        qbCreateTime: string;
        as?: string;
        db?: string;
      }) => {
        if (o.from > o.to) throw new UserError(`--from ${o.from} is after --to ${o.to}.`);
        await withDb(o.db, async (store) => {
          const services = createServices(store);
          const actor = o.as === undefined ? null : await actorFor(services, o.as);
          if (actor && actor.role !== 'admin') throw new UserError(`${o.as} is not an admin: only admins export payroll.`);
          let teamIds: number[] | null = null;
          if (o.team !== undefined) {
            const team = await services.accounts.teamByName(o.team);
            if (!team) throw new UserError(`No team ${o.team}.`);
            teamIds = [team.id];
          }
          const options = {
            adp: { coCode: o.coCode ?? null, batchId: o.batchId ?? null, doubleTimeCode: o.dtCode },
            paychex: { ...DEFAULT_EXPORT_OPTIONS.paychex, clientId: o.clientId ?? null },
            iif: { ...DEFAULT_EXPORT_OPTIONS.iif, companyName: o.qbCompany, companyCreateTime: o.qbCreateTime },
          };
          const result = await domain(() =>
            payrollExport(
              services,
              { from: o.from, to: o.to, format: o.format, teamIds, options, partial: o.partial, actorUserId: actor?.id ?? null },
              services.now(),
            ),
          );
          for (const p of result.problems) {
            out(
              p.kind === 'missing-id'
                ? `left out: ${p.email} (${p.name}) has no ${o.format} id: stint-server pay set --user ${p.email} …\n`
                : `left out: ${p.email} (${p.name}), week of ${p.weekStart}: ${p.status === 'not-submitted' ? 'worked but not submitted' : p.status}\n`,
            );
          }
          if (!result.ok || !result.file)
            throw new UserError(`${result.problems.length} people cannot be paid from approved time (above). Fix them, or pass --partial to leave them out.`);
          writeFileSync(o.out, result.file.text);
          for (const p of result.previous)
            out(
              `note: ${p.from}..${p.to} was exported before (${p.format}, ${new Date(p.createdMs).toISOString()}${p.createdBy ? ` by ${p.createdBy}` : ''}).\n`,
            );
          if (result.previous.length > 0) {
            out(result.changes.length === 0 ? 'Nothing changed since the last export.\n' : `Changed since the last export:\n`);
            for (const c of result.changes) out(`  ${c.email} ${c.date} ${c.code}: ${formatDuration(c.beforeSeconds)} → ${formatDuration(c.afterSeconds)}\n`);
          }
          const t = result.totals;
          out(
            `Wrote ${o.out}: ${result.employees} employees, regular ${formatDuration(t.REG)}, overtime ${formatDuration(t.OT)}, double time ${formatDuration(t.DT)} (export ${result.exportId}).\n`,
          );
        });
      },
    );

  program
    .command('audit')
    .description('the audit log')
    .command('export')
    .description('submissions, approvals, rejections, reopenings, policy and pay changes, exports: who, when, what, before/after')
    .requiredOption('--from <date>', 'first day (UTC), YYYY-MM-DD', parseDate('--from'))
    .requiredOption('--to <date>', 'last day (UTC), YYYY-MM-DD', parseDate('--to'))
    .option('--action <prefix>', 'only actions starting so, e.g. week. or payroll.')
    .addOption(new Option('--format <format>', 'CSV or JSON').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write to a file instead of printing')
    .addOption(dbOption())
    .action(async (o: { from: string; to: string; action?: string; format: 'csv' | 'json'; out?: string; db?: string }) => {
      await withDb(o.db, async (store) => {
        const entries = await auditEntries(store.db, {
          fromMs: Date.parse(`${o.from}T00:00:00Z`),
          toMs: Date.parse(`${o.to}T00:00:00Z`) + 86_400_000,
          actionPrefix: o.action ?? null,
          limit: Number.MAX_SAFE_INTEGER,
        });
        const text = o.format === 'csv' ? auditCsv(entries) : `${JSON.stringify({ entries }, null, 2)}\n`;
        if (o.out === undefined) out(text);
        else {
          writeFileSync(o.out, text);
          out(`Wrote ${entries.length} audit entries to ${o.out}.\n`);
        }
      });
    });

  program
    .command('pay')
    .description('pay data')
    .command('set')
    .description("set a user's pay type, rate, multipliers and payroll ids (unset ids stay as they were)")
    .requiredOption('--user <email>', 'the user')
    .addOption(new Option('--type <type>', 'pay type').choices(PAY_TYPES))
    .option('--rate <dollars>', 'regular hourly rate, e.g. 25.50')
    .option('--ot <multiplier>', 'overtime multiplier (default 1.5)')
    .option('--dt <multiplier>', 'double-time multiplier (default 2)')
    .option('--adp <file-number>', 'ADP Workforce Now File #')
    .option('--gusto <id>', 'Gusto employee id')
    .option('--gusto-email <email>', 'the email Gusto knows them by')
    .option('--qb <name>', 'name on the QuickBooks Employee list')
    .option('--paychex <worker-id>', 'Paychex Flex Worker ID')
    .option('--as <email>', 'the admin making the change (kept in the audit log)')
    .addOption(dbOption())
    .action(
      async (o: {
        user: string;
        type?: string;
        rate?: string;
        ot?: string;
        dt?: string;
        adp?: string;
        gusto?: string;
        gustoEmail?: string;
        qb?: string;
        paychex?: string;
        as?: string;
        db?: string;
      }) => {
        await withDb(o.db, async (store) => {
          const services = createServices(store);
          const user = await services.accounts.findActiveByEmail(o.user);
          if (!user) throw new UserError(`No user ${o.user}.`);
          const actor = o.as === undefined ? null : await actorFor(services, o.as);
          if (actor && actor.role !== 'admin') throw new UserError(`${o.as} is not an admin: only admins set pay data.`);
          const weeks = new WeeksStore(store.db);
          const before = (await weeks.payProfiles([user.id])).get(user.id) ?? DEFAULT_PAY_PROFILE;
          const number = (flag: string, v: string | undefined) => {
            if (v === undefined) return undefined;
            if (!/^\d+(\.\d+)?$/.test(v)) throw new UserError(`${flag} ${v}: give a number such as 1.5.`);
            return Number(v);
          };
          const rate = number('--rate', o.rate);
          const parsed = PAY_PROFILE_SCHEMA.safeParse({
            ...before,
            ...(o.type !== undefined ? { payType: o.type } : {}),
            ...(rate !== undefined ? { regularRateCents: Math.round(rate * 100) } : {}),
            ...(o.ot !== undefined ? { overtimeMultiplier: number('--ot', o.ot) } : {}),
            ...(o.dt !== undefined ? { doubleTimeMultiplier: number('--dt', o.dt) } : {}),
            ...(o.adp !== undefined ? { adpFileNumber: o.adp } : {}),
            ...(o.gusto !== undefined ? { gustoEmployeeId: o.gusto } : {}),
            ...(o.gustoEmail !== undefined ? { gustoEmail: o.gustoEmail } : {}),
            ...(o.qb !== undefined ? { quickbooksName: o.qb } : {}),
            ...(o.paychex !== undefined ? { paychexWorkerId: o.paychex } : {}),
          });
          if (!parsed.success) throw new UserError(`Pay data not saved: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
          await weeks.putPayProfile(user.id, parsed.data, actor?.id ?? null, services.now());
          out(`Saved the pay data of ${user.email}.\n`);
        });
      },
    );

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
