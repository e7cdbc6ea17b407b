/**
 * Sales KPIs (DESIGN.md §3 "Sales KPIs") from imported CRM records, touches and time by category.
 * Exact definitions; every share is a fraction (0.25 = 25 %) for the interface to format with Intl:
 *
 * - **Range**: optional inclusive local dates `[from, to]` in the org's zone. Without one, everything counts.
 * - **Opportunities**: `won`/`lost` = won/lost opportunities whose close date is in the range; `closed`
 *   = won + lost; `open` = opportunities open now that were created by the end of the range.
 * - **Win rate** = won ÷ closed; **lost %** = lost ÷ closed (`null` when nothing closed).
 * - **Lost by reason**: lost opportunities in the range by mapped reason; one with no reason is `other`.
 * - **Sales cycle**: for won opportunities closed in the range, close date − created date in calendar
 *   days (dates as the CRM shows them in the org's zone; a same-day win is 0; a close before the
 *   creation date counts as 0). Average, and nearest-rank median.
 * - **Average deal size**: mean amount of won opportunities closed in the range that have an amount.
 *   Amounts in different currencies are never added: `avgDealSizeByCurrency` has one mean per currency
 *   (amounts without a currency go under `currency` when given, else "unknown"); `avgDealSize` is the
 *   mean in `currency` when given, or in the only currency present, and `null` when several are mixed.
 * - **SQL → customer**: the cohort is every opportunity whose SQL date is in the range (its created date
 *   when it has no SQL date, unless `sqlDateFallback: 'none'`); the rate is the share of the cohort won,
 *   whenever it was won. `null` for an empty cohort.
 * - **Lead response**: leads created in the range. Response = first human touch − lead created, in
 *   seconds: the earlier of the lead's `firstTouchMs` and any `touches` for it at or after its creation
 *   (a touch before creation counts as 0). Leads never touched are counted as `neverContacted` and left
 *   out of the median (nearest-rank), p90 and the shares within 5 minutes and within 1 hour, whose
 *   denominator is the contacted leads. The business-hours variant measures only time inside business
 *   hours (see business-hours.ts), e.g. a lead created Friday 16:55 and called Monday 09:05 with hours
 *   09:00–17:00 took 10 business minutes.
 * - **Selling time share**: of the active seconds by category, the share in CRM, calls and email
 *   categories. A category belongs to a group when it equals one of the group's prefixes or lies under
 *   it (`Sales > CRM` covers `Sales > CRM > Salesforce`, not `Sales > CRMs`); a category under prefixes
 *   of several groups goes to the longest prefix. `total` = crm + calls + email.
 */
import { mean, nearestRank } from '../calls/percentile';
import { localDate } from '../timesheet/local-time';
import type { IsoDate } from '../timesheet/types';
import { businessMsBetween, compileBusinessHours, type BusinessHours } from './business-hours';
import type { Lead, LossReason, Opportunity } from './types';

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

/** A human touch of a lead recorded outside the CRM export (e.g. a call the wiring matched to the lead). */
export interface LeadTouch {
  leadId: string;
  atMs: number;
}

export interface SellingCategories {
  crm: readonly string[];
  calls: readonly string[];
  email: readonly string[];
}

/** The default categories' sales groups (shared/categories/default-rules.ts). */
export const DEFAULT_SELLING_CATEGORIES: SellingCategories = Object.freeze({
  crm: ['Sales > CRM'],
  calls: ['Sales > Calls'],
  email: ['Communication > Email'],
});

export interface SalesKpiInput {
  opportunities: readonly Opportunity[];
  leads: readonly Lead[];
  /** The org's IANA zone: lead creation times are dated in it. */
  zone: string;
  range?: DateRange;
  touches?: readonly LeadTouch[];
  businessHours?: BusinessHours;
  /** Active seconds by category path, for selling time. */
  activeSecondsByCategory?: Readonly<Record<string, number>>;
  sellingCategories?: SellingCategories;
  /** Currency of `avgDealSize`. */
  currency?: string;
  sqlDateFallback?: 'createdDate' | 'none';
}

export interface LeadResponseStats {
  leads: number;
  contacted: number;
  neverContacted: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  within5Minutes: number | null;
  within1Hour: number | null;
}

export interface SellingTimeShare {
  activeSeconds: number;
  crmSeconds: number;
  callsSeconds: number;
  emailSeconds: number;
  crm: number | null;
  calls: number | null;
  email: number | null;
  total: number | null;
}

export interface SalesKpis {
  opportunities: { open: number; closed: number; won: number; lost: number };
  winRate: number | null;
  lostPercent: number | null;
  lostByReason: Record<LossReason, number>;
  avgSalesCycleDays: number | null;
  medianSalesCycleDays: number | null;
  avgDealSize: number | null;
  avgDealSizeByCurrency: Record<string, number>;
  sqlCohort: { sqls: number; customers: number };
  sqlToCustomerRate: number | null;
  leadResponse: LeadResponseStats & { businessHours: LeadResponseStats | null };
  sellingTimeShare: SellingTimeShare | null;
}

const DAY_MS = 86_400_000;

function inRange(date: IsoDate | undefined, range: DateRange | undefined): boolean {
  if (date === undefined) return false;
  return !range || (date >= range.from && date <= range.to);
}

function days(from: IsoDate, to: IsoDate): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS));
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function responseStats(leads: number, responses: readonly number[]): LeadResponseStats {
  return {
    leads,
    contacted: responses.length,
    neverContacted: leads - responses.length,
    medianSeconds: nearestRank(responses, 50),
    p90Seconds: nearestRank(responses, 90),
    within5Minutes: ratio(responses.filter((s) => s <= 300).length, responses.length),
    within1Hour: ratio(responses.filter((s) => s <= 3600).length, responses.length),
  };
}

/** Active seconds grouped into selling categories (see the module comment). */
export function sellingTimeShare(secondsByCategory: Readonly<Record<string, number>>, groups: SellingCategories = DEFAULT_SELLING_CATEGORIES): SellingTimeShare {
  const prefixes = (['crm', 'calls', 'email'] as const).flatMap((group) => groups[group].map((prefix) => ({ group, prefix: prefix.trim() })));
  const sums = { crm: 0, calls: 0, email: 0 };
  let active = 0;
  for (const [category, seconds] of Object.entries(secondsByCategory)) {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`seconds for "${category}" must be a non-negative number, got ${seconds}`);
    active += seconds;
    let best: { group: keyof typeof sums; prefix: string } | undefined;
    for (const p of prefixes) {
      const under = category === p.prefix || category.startsWith(`${p.prefix} > `);
      if (under && (!best || p.prefix.length > best.prefix.length)) best = p;
    }
    if (best) sums[best.group] += seconds;
  }
  return {
    activeSeconds: active,
    crmSeconds: sums.crm,
    callsSeconds: sums.calls,
    emailSeconds: sums.email,
    crm: ratio(sums.crm, active),
    calls: ratio(sums.calls, active),
    email: ratio(sums.email, active),
    total: ratio(sums.crm + sums.calls + sums.email, active),
  };
}

export function salesKpis(input: SalesKpiInput): SalesKpis {
  const { range } = input;
  if (range && range.from > range.to) throw new RangeError(`range starts after it ends: ${range.from} > ${range.to}`);

  // Opportunities.
  const won = input.opportunities.filter((o) => o.status === 'won' && inRange(o.closeDate, range));
  const lost = input.opportunities.filter((o) => o.status === 'lost' && inRange(o.closeDate, range));
  const open = input.opportunities.filter((o) => o.status === 'open' && (!range || o.createdDate <= range.to));
  const closed = won.length + lost.length;
  const lostByReason: Record<LossReason, number> = { competitor: 0, noDecision: 0, other: 0 };
  for (const o of lost) lostByReason[o.lossReason ?? 'other'] += 1;
  const cycles = won.map((o) => days(o.createdDate, o.closeDate!));

  // Deal size, per currency.
  const byCurrency = new Map<string, number[]>();
  for (const o of won) {
    if (o.amount === undefined) continue;
    const currency = o.currency ?? input.currency ?? 'unknown';
    let list = byCurrency.get(currency);
    if (!list) byCurrency.set(currency, (list = []));
    list.push(o.amount);
  }
  const avgDealSizeByCurrency: Record<string, number> = {};
  for (const [currency, amounts] of byCurrency) avgDealSizeByCurrency[currency] = mean(amounts)!;
  const currencies = Object.keys(avgDealSizeByCurrency);
  const avgDealSize =
    input.currency !== undefined ? avgDealSizeByCurrency[input.currency] ?? null : currencies.length === 1 ? avgDealSizeByCurrency[currencies[0]!]! : null;

  // SQL cohort.
  const fallback = (input.sqlDateFallback ?? 'createdDate') === 'createdDate';
  const cohort = input.opportunities.filter((o) => inRange(o.sqlDate ?? (fallback ? o.createdDate : undefined), range));
  const customers = cohort.filter((o) => o.status === 'won').length;

  // Lead response.
  const touchesByLead = new Map<string, number[]>();
  for (const t of input.touches ?? []) {
    let list = touchesByLead.get(t.leadId);
    if (!list) touchesByLead.set(t.leadId, (list = []));
    list.push(t.atMs);
  }
  const leads = input.leads.filter((l) => inRange(localDate(l.createdMs, input.zone), range));
  const calendar: number[] = [];
  const business: number[] = [];
  const hours = input.businessHours && compileBusinessHours(input.businessHours);
  for (const lead of leads) {
    const candidates = (touchesByLead.get(lead.externalId) ?? []).filter((t) => t >= lead.createdMs);
    if (lead.firstTouchMs !== undefined) candidates.push(lead.firstTouchMs);
    if (candidates.length === 0) continue;
    const first = Math.min(...candidates);
    calendar.push(Math.max(0, first - lead.createdMs) / 1000);
    if (hours) business.push(businessMsBetween(lead.createdMs, first, hours) / 1000);
  }

  return {
    opportunities: { open: open.length, closed, won: won.length, lost: lost.length },
    winRate: ratio(won.length, closed),
    lostPercent: ratio(lost.length, closed),
    lostByReason,
    avgSalesCycleDays: mean(cycles),
    medianSalesCycleDays: nearestRank(cycles, 50),
    avgDealSize,
    avgDealSizeByCurrency,
    sqlCohort: { sqls: cohort.length, customers },
    sqlToCustomerRate: ratio(customers, cohort.length),
    leadResponse: { ...responseStats(leads.length, calendar), businessHours: hours ? responseStats(leads.length, business) : null },
    sellingTimeShare: input.activeSecondsByCategory ? sellingTimeShare(input.activeSecondsByCategory, input.sellingCategories) : null,
  };
}
