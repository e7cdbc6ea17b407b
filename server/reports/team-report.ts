/**
 * The team report over a range of local days: time use by category and app, productivity per day and
 * calls (AHT, talk/hold/wrap, calls per active hour), per rep and for the team, from the synced records
 * with the device's shared code (categorizer, call metrics). A record counts on the local day it starts,
 * in the zone the device recorded it in.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { callDigest, mergeDigests, metricsFromDigest, type CallDigest, type CallMetrics } from '../../shared/calls/call-metrics';
import { countedSyncedCalls, syncedReviews, type SyncedCall } from '../../shared/calls/counted-calls';
import { compileRules, DEFAULT_RATINGS, DEFAULT_RULES, type Categorization, type Categorizer } from '../../shared/categories';
import type { Policy } from '../../shared/sync/contract';
import { csvCell } from '../../shared/timesheet/timesheet-csv';
import type { IsoDate } from '../../shared/timesheet/types';
import type { ServerDatabase } from '../db/schema';
import { rollupRows } from '../store/activity-rollup';

const DAY_MS = 86_400_000;

/** The fields of a stored call or review the report reads (the push validated the whole record; counted-calls reads data). */
const CALL_SCHEMA = z.object({ uuid: z.string(), startMs: z.number(), data: z.unknown() });
const REVIEW_SCHEMA = z.object({ data: z.unknown() });

export interface DayFigures {
  date: IsoDate;
  activeSeconds: number;
  productiveSeconds: number;
  productivity: number | null;
}
export interface ReportFigures {
  categories: { category: string; seconds: number }[];
  apps: { app: string; seconds: number }[];
  days: DayFigures[];
  calls: CallMetrics;
}
export interface TeamReport {
  from: IsoDate;
  to: IsoDate;
  reps: (ReportFigures & { userId: number; email: string; name: string })[];
  team: ReportFigures;
}

let categorizer: Categorizer | null = null;
const defaultCategorizer = (): Categorizer => (categorizer ??= compileRules(DEFAULT_RULES, DEFAULT_RATINGS));

class Tally {
  readonly categories = new Map<string, number>();
  readonly apps = new Map<string, number>();
  readonly days = new Map<IsoDate, { active: number; productive: number }>();
  digest: CallDigest = callDigest([]);
  activeMs = 0;

  /** Adds another tally's time use; calls are merged once for the team (mergeDigests sorts). */
  add(other: Tally): void {
    for (const [k, v] of other.categories) this.categories.set(k, (this.categories.get(k) ?? 0) + v);
    for (const [k, v] of other.apps) this.apps.set(k, (this.apps.get(k) ?? 0) + v);
    for (const [k, v] of other.days) {
      const d = this.days.get(k) ?? { active: 0, productive: 0 };
      d.active += v.active;
      d.productive += v.productive;
      this.days.set(k, d);
    }
    this.activeMs += other.activeMs;
  }

  figures(): ReportFigures {
    const sorted = (m: Map<string, number>) =>
      [...m].map(([k, ms]) => [k, Math.round(ms / 1000)] as const).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return {
      categories: sorted(this.categories).map(([category, seconds]) => ({ category, seconds })),
      apps: sorted(this.apps).map(([app, seconds]) => ({ app, seconds })),
      days: [...this.days]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([date, d]) => ({
          date,
          activeSeconds: Math.round(d.active / 1000),
          productiveSeconds: Math.round(d.productive / 1000),
          productivity: d.active > 0 ? d.productive / d.active : null,
        })),
      calls: metricsFromDigest(this.digest, Math.round(this.activeMs / 1000)),
    };
  }
}

export async function teamReport(
  db: Kysely<ServerDatabase>,
  reps: readonly { id: number; email: string; name: string }[],
  range: { from: IsoDate; to: IsoDate },
  // The policy's rules and ratings come with the policy editor's categories; the defaults until then, as Team now.
  _policy: Policy,
): Promise<TeamReport> {
  // Zones are at most a day from UTC: read a day more on each side, then keep the records whose local day is in range.
  const fromMs = Date.parse(`${range.from}T00:00:00Z`) - DAY_MS;
  const toMs = Date.parse(`${range.to}T00:00:00Z`) + 2 * DAY_MS;
  const ids = reps.length > 0 ? reps.map((r) => r.id) : [-1];
  // Activity comes summed per rep, local day and window (store/activity-rollup.ts: a quarter of a team is
  // close to a million spans, seconds to read); each distinct window is categorized here.
  const [spans, callRows, reviewRows] = await Promise.all([
    rollupRows(db, ids, Math.floor(fromMs / DAY_MS), Math.floor(toMs / DAY_MS)),
    db
      .selectFrom('records')
      .select(['user_id', 'payload'])
      .where('user_id', 'in', ids)
      .where('kind', '=', 'call')
      .where('start_ms', '>=', fromMs)
      .where('start_ms', '<', toMs)
      .execute(),
    // A review comes after its call, maybe after the range: a detected call of the range counts once confirmed.
    db
      .selectFrom('records')
      .select(['user_id', 'payload'])
      .where('user_id', 'in', ids)
      .where('kind', '=', 'call-review')
      .where('start_ms', '>=', fromMs)
      .execute(),
  ]);
  const cat = defaultCategorizer();
  const seen = new Map<string, Categorization>();
  const tallies = new Map(reps.map((r) => [r.id, new Tally()]));
  const calls = new Map<number, SyncedCall[]>(reps.map((r) => [r.id, []]));
  for (const span of spans) {
    const date = new Date(Number(span.day) * DAY_MS).toISOString().slice(0, 10);
    if (date < range.from || date > range.to || span.app === null) continue;
    const t = tallies.get(span.user_id)!;
    const ms = Number(span.ms);
    // A window comes back once per rep and day: categorize it once.
    const windowKey = `${span.app}\u0000${span.title ?? ''}\u0000${span.url ?? ''}`;
    let c = seen.get(windowKey);
    if (!c) seen.set(windowKey, (c = cat.categorize({ app: span.app, title: span.title ?? '', url: span.url ?? undefined })));
    t.categories.set(c.category, (t.categories.get(c.category) ?? 0) + ms);
    t.apps.set(span.app, (t.apps.get(span.app) ?? 0) + ms);
    const d = t.days.get(date) ?? { active: 0, productive: 0 };
    d.active += ms;
    if (c.rating === 'productive') d.productive += ms;
    t.days.set(date, d);
    t.activeMs += ms;
  }
  for (const row of callRows) {
    const parsed = CALL_SCHEMA.safeParse(JSON.parse(row.payload));
    if (!parsed.success) continue;
    // A synced call carries no zone: it counts on its UTC day.
    const date = new Date(parsed.data.startMs).toISOString().slice(0, 10);
    if (date < range.from || date > range.to) continue;
    calls.get(row.user_id)!.push(parsed.data);
  }
  const reviews = syncedReviews(reviewRows.flatMap((row) => REVIEW_SCHEMA.safeParse(JSON.parse(row.payload)).data ?? []));
  const team = new Tally();
  const out: TeamReport['reps'] = [];
  for (const rep of reps) {
    const t = tallies.get(rep.id)!;
    t.digest = callDigest(countedSyncedCalls(calls.get(rep.id)!, reviews));
    team.add(t);
    out.push({ userId: rep.id, email: rep.email, name: rep.name, ...t.figures() });
  }
  team.digest = mergeDigests(reps.map((rep) => tallies.get(rep.id)!.digest));
  return { from: range.from, to: range.to, reps: out, team: team.figures() };
}

export const REPORT_TABLES = ['categories', 'apps', 'productivity', 'calls'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

const num = (n: number | null, digits = 0) => (n === null ? '' : digits === 0 ? String(Math.round(n)) : n.toFixed(digits));

/** One table of the report as CSV (UTF-8 with BOM, CRLF, every cell through the shared formula-safe writer), the team's rows last. */
export function teamReportCsv(report: TeamReport, table: ReportTable): string {
  const who = [...report.reps.map((r) => ({ name: r.name, email: r.email, f: r as ReportFigures })), { name: 'Team', email: '', f: report.team }];
  let rows: string[][];
  if (table === 'categories')
    rows = [['rep', 'email', 'category', 'seconds'], ...who.flatMap((w) => w.f.categories.map((c) => [w.name, w.email, c.category, num(c.seconds)]))];
  else if (table === 'apps') rows = [['rep', 'email', 'app', 'seconds'], ...who.flatMap((w) => w.f.apps.map((a) => [w.name, w.email, a.app, num(a.seconds)]))];
  else if (table === 'productivity')
    rows = [
      ['rep', 'email', 'date', 'active_s', 'productive_s', 'productivity'],
      ...who.flatMap((w) => w.f.days.map((d) => [w.name, w.email, d.date, num(d.activeSeconds), num(d.productiveSeconds), num(d.productivity, 4)])),
    ];
  else
    rows = [
      ['rep', 'email', 'calls', 'answered', 'aht_s', 'talk_s', 'hold_s', 'wrap_s', 'calls_per_hour'],
      ...who.map((w) => {
        const c = w.f.calls;
        return [
          w.name,
          w.email,
          num(c.calls),
          num(c.answered),
          num(c.ahtSeconds),
          num(c.avgTalkSeconds),
          num(c.avgHoldSeconds),
          num(c.avgWrapSeconds),
          num(c.callsPerActiveHour, 2),
        ];
      }),
    ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
