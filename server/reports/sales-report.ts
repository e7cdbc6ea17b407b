/**
 * The team sales report (issue 15): the device's sales KPIs (shared/sales) per rep and for the team, from
 * the CRM reports and call logs the team's managers imported. A lead's first touch is the earlier of the
 * CRM's and the team's first imported call to one of its numbers (outbound, or answered), as on the device.
 */
import { z } from 'zod';
import { canTouchLead, phoneKey, salesKpis, type Lead, type Opportunity } from '../../shared/sales';
import type { SalesReport } from '../../shared/team/imports-api';
import { localDayBounds } from '../../shared/timesheet/local-time';
import type { IsoDate } from '../../shared/timesheet/types';
import type { ImportsStore } from '../store/imports-store';

// What the store keeps is what the shared parsers made; read back, it is checked all the same.
const OPPORTUNITY_SCHEMA = z.object({
  externalId: z.string(),
  name: z.string(),
  account: z.string().optional(),
  stage: z.string(),
  status: z.enum(['open', 'won', 'lost']),
  amount: z.number().optional(),
  currency: z.string().optional(),
  createdDate: z.string(),
  closeDate: z.string().optional(),
  lossReason: z.enum(['competitor', 'noDecision', 'other']).optional(),
  owner: z.string().optional(),
  sqlDate: z.string().optional(),
}) satisfies z.ZodType<Opportunity>;
const LEAD_SCHEMA = z.object({
  externalId: z.string(),
  createdMs: z.number(),
  firstTouchMs: z.number().optional(),
  status: z.string(),
  convertedDate: z.string().optional(),
  owner: z.string().optional(),
  phones: z.array(z.string()).optional(),
}) satisfies z.ZodType<Lead>;

export interface SalesReportInput {
  range: { from: IsoDate; to: IsoDate };
  team: string | null;
  teamIds: readonly number[];
  reps: readonly { id: number; email: string; name: string }[];
  /** The org's zone: lead creation times are dated in it. */
  zone: string;
}

export async function salesReport(store: ImportsStore, input: SalesReportInput): Promise<SalesReport> {
  const { range, zone } = input;
  const fromMs = localDayBounds(range.from, zone).startMs;
  const toMs = localDayBounds(range.to, zone).endMs;
  const { opportunities, leads } = await teamCrmRecords(store, input.teamIds, range, fromMs, toMs);
  const kpis = (opps: typeof opportunities, ls: typeof leads) =>
    salesKpis({ opportunities: opps.map((o) => o.record), leads: ls.map((l) => l.record), zone, range });
  return {
    from: range.from,
    to: range.to,
    team: input.team,
    reps: input.reps.map((rep) => ({
      userId: rep.id,
      email: rep.email,
      name: rep.name,
      kpis: kpis(
        opportunities.filter((o) => o.userId === rep.id),
        leads.filter((l) => l.userId === rep.id),
      ),
    })),
    total: kpis(opportunities, leads),
  };
}

/**
 * The teams' imported opportunities of the range and leads created in [fromMs, toMs), each with the user the
 * team's name mapping attributes it to, leads with their first touch from the teams' imported calls.
 */
export async function teamCrmRecords(
  store: ImportsStore,
  teamIds: readonly number[],
  range: { from: IsoDate; to: IsoDate },
  fromMs: number,
  toMs: number,
): Promise<{ opportunities: { userId: number | null; record: Opportunity }[]; leads: { teamId: number; userId: number | null; record: Lead }[] }> {
  const [oppRows, leadRows] = await Promise.all([store.opportunities(teamIds, range.from, range.to), store.leads(teamIds, fromMs, toMs)]);
  const opportunities = oppRows.map((r) => ({ userId: r.userId, record: OPPORTUNITY_SCHEMA.parse(JSON.parse(r.payload)) }));
  const leads = leadRows.map((r) => ({ teamId: r.teamId, userId: r.userId, record: LEAD_SCHEMA.parse(JSON.parse(r.payload)) }));
  await addCallTouches(store, leads);
  return { opportunities, leads };
}

/** Sets each lead's first touch to its first matching imported call of the same team when that is earlier. */
async function addCallTouches(store: ImportsStore, leads: { teamId: number; record: Lead }[]): Promise<void> {
  const byTeam = new Map<number, { record: Lead; keys: string[] }[]>();
  for (const l of leads) {
    const keys = (l.record.phones ?? []).map(phoneKey).filter((k): k is string => k !== null);
    if (keys.length === 0) continue;
    const list = byTeam.get(l.teamId);
    if (list) list.push({ record: l.record, keys });
    else byTeam.set(l.teamId, [{ record: l.record, keys }]);
  }
  for (const [teamId, list] of byTeam) {
    const earliest = Math.min(...list.map((l) => l.record.createdMs));
    const calls = (
      await store.callsToKeys(
        teamId,
        list.flatMap((l) => l.keys),
        earliest,
      )
    ).filter(canTouchLead);
    const byKey = new Map<string, number[]>();
    for (const c of calls) {
      const at = byKey.get(c.contactKey);
      if (at) at.push(c.startMs);
      else byKey.set(c.contactKey, [c.startMs]);
    }
    for (const l of list) {
      let first = l.record.firstTouchMs ?? Infinity;
      for (const k of l.keys) for (const at of byKey.get(k) ?? []) if (at >= l.record.createdMs && at < first) first = at;
      if (first !== Infinity) l.record.firstTouchMs = first;
    }
  }
}
