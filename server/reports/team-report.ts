/**
 * The team report over a range of local days: time use by category and app, productivity per day and
 * calls (AHT, talk/hold/wrap, calls per active hour), per rep and for the team, from the synced records
 * with the device's shared code (categorizer, call metrics). A record counts on the local day it starts,
 * in the zone the device recorded it in.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { callDigest, mergeDigests, metricsFromDigest, type CallDigest } from '../../shared/calls/call-metrics';
import { countedSyncedCalls, syncedReviews, type SyncedCall } from '../../shared/calls/counted-calls';
import { compileRules, DEFAULT_RATINGS, DEFAULT_RULES, mergeRatings, type Categorization, type Categorizer } from '../../shared/categories';
import type { Policy } from '../../shared/sync/contract';
import type { ReportFigures, TeamReport } from '../../shared/team/team-report';
import { isTimeZone, localDate } from '../../shared/timesheet/local-time';
import type { IsoDate } from '../../shared/timesheet/types';
import type { ServerDatabase } from '../db/schema';
import { AccountsStore } from '../store/accounts-store';
import { PolicyStore } from '../store/policy-store';
import { rollupRows } from '../store/activity-rollup';

export { REPORT_TABLES, teamReportCsv, type ReportTable, type TeamReport } from '../../shared/team/team-report';

const DAY_MS = 86_400_000;

/** The fields of a stored call or review the report reads (the push validated the whole record; counted-calls reads data). */
const CALL_SCHEMA = z.object({ uuid: z.string(), startMs: z.number(), data: z.unknown() });
const REVIEW_SCHEMA = z.object({ data: z.unknown() });
/** The zone a device timed a call in (its calls row's tz column). */
const CALL_ZONE_SCHEMA = z.object({ tz: z.string().refine(isTimeZone) });

/**
 * The categorizer of a policy, as the rep's device builds it without the rep's own rules: the team's rules
 * before the built-in ones, the team's ratings over the built-in ones. Compiled once per distinct set.
 */
const compiled = new Map<string, Categorizer>();
export function policyCategorizer(policy: Pick<Policy, 'rules' | 'ratings'>): Categorizer {
  const key = JSON.stringify([policy.rules, policy.ratings]);
  let c = compiled.get(key);
  if (!c) {
    c = compileRules([...policy.rules, ...DEFAULT_RULES], mergeRatings(DEFAULT_RATINGS, policy.ratings));
    if (compiled.size >= 32) compiled.clear();
    compiled.set(key, c);
  }
  return c;
}

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

/** Each rep's categorizer: the rules and ratings of the rep's (first) team's policy, else the org's, as the devices get them. */
export async function categorizersOf(db: Kysely<ServerDatabase>, reps: readonly { id: number }[], policy: Policy) {
  const firstTeam = await new AccountsStore(db).firstTeamOf(reps.map((r) => r.id));
  const policies = new PolicyStore(db);
  const teamCats = new Map<number, { cat: Categorizer; seen: Map<string, Categorization> }>();
  for (const team of new Set(firstTeam.values())) teamCats.set(team, { cat: policyCategorizer((await policies.current(team)).policy), seen: new Map() });
  const orgCat = { cat: policyCategorizer(policy), seen: new Map<string, Categorization>() };
  return new Map(reps.map((r) => [r.id, teamCats.get(firstTeam.get(r.id) ?? -1) ?? orgCat]));
}

/** The ISO date of a day since the epoch; a quarter's spans name a few dozen days, each written once. */
const dates = new Map<number, IsoDate>();
function dayDate(day: number): IsoDate {
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dates.size >= 4096) dates.clear();
    dates.set(day, date);
  }
  return date;
}

export async function teamReport(
  db: Kysely<ServerDatabase>,
  reps: readonly { id: number; email: string; name: string }[],
  range: { from: IsoDate; to: IsoDate },
  // The org's policy: a rep in no team is categorized by its rules; a rep in a team by the team's policy.
  policy: Policy,
): Promise<TeamReport> {
  // Zones are at most a day from UTC: read a day more on each side, then keep the records whose local day is in range.
  const fromMs = Date.parse(`${range.from}T00:00:00Z`) - DAY_MS;
  const toMs = Date.parse(`${range.to}T00:00:00Z`) + 2 * DAY_MS;
  const ids = reps.length > 0 ? reps.map((r) => r.id) : [-1];
  // Activity comes summed per rep, local day and window (store/activity-rollup.ts: a quarter of a team is
  // close to a million spans, seconds to read); each distinct window is categorized here.
  const [spans, callRows, reviewRows, catOf] = await Promise.all([
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
    categorizersOf(db, reps, policy),
  ]);
  const tallies = new Map(reps.map((r) => [r.id, new Tally()]));
  const calls = new Map<number, SyncedCall[]>(reps.map((r) => [r.id, []]));
  for (const span of spans) {
    const date = dayDate(Number(span.day));
    if (date < range.from || date > range.to || span.app === null) continue;
    const t = tallies.get(span.user_id)!;
    const { cat, seen } = catOf.get(span.user_id)!;
    const ms = Number(span.ms);
    // A window comes back once per rep and day: categorize it once per policy.
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
    // A call counts on the local day it started, in the zone it was timed in, as activity does (UTC without one).
    const zone = CALL_ZONE_SCHEMA.safeParse(parsed.data.data);
    const date = localDate(parsed.data.startMs, zone.success ? zone.data.tz : 'UTC');
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
