/**
 * Sales KPIs (DESIGN.md §3 "Sales KPIs") from imported CRM records, recorded calls and time by category.
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
 *   seconds; a touch before creation counts as 0. The first touch is the earlier of the CRM's first
 *   touch and the lead's first call: a call whose contact has the phone key of one of the lead's numbers
 *   (phone-key.ts), started at or after the lead was created, outbound (connected or not: an attempt is a
 *   response) or an answered inbound call (the recorder's store keeps it per lead, migration 7). Leads
 *   never touched are counted as `neverContacted` and left out of the median (nearest-rank), p90 and the
 *   shares within 5 minutes and within 1 hour, whose denominator is the contacted leads. The
 *   business-hours variant measures only time inside business hours (see business-hours.ts), e.g. a lead
 *   created Friday 16:55 and called Monday 09:05 with hours 09:00–17:00 took 10 business minutes.
 * - **Selling time share**: of the active seconds by category, the share in CRM, calls and email
 *   categories. A category belongs to a group when it equals one of the group's prefixes or lies under
 *   it (`Sales > CRM` covers `Sales > CRM > Salesforce`, not `Sales > CRMs`); a category under prefixes
 *   of several groups goes to the longest prefix. Calls are the larger of the call categories' time and the
 *   time of calls and meetings timed on this computer (by hand, or detected and confirmed): on a call the
 *   dialer's or meeting's window is usually in front, so the two mostly measure the same minutes, and the
 *   larger never counts one twice. `total` = crm + calls + email, at most all active time.
 */
import { nearestRank, nearestRankOfCounts } from '../calls/percentile';
import { localDayBounds } from '../timesheet/local-time';
import type { IsoDate } from '../timesheet/types';
import { BusinessCalendar, compileBusinessHours, type BusinessHours } from './business-hours';
import type { Lead, LossReason, Opportunity } from './types';

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

/** Whether a call can be a lead's first human touch (see "Lead response"): outbound, or answered. */
export function canTouchLead(call: { direction: 'in' | 'out'; answered: boolean }): boolean {
  return call.direction === 'out' || call.answered;
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
  /** Calls and meetings timed on this computer (by hand, or detected and confirmed), overlaps once. */
  timedCallSeconds: number;
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
  /** Sum of the amounts of won opportunities closed in the range, per currency (never added across currencies). */
  wonAmountByCurrency: Record<string, number>;
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
export function sellingTimeShare(
  secondsByCategory: Readonly<Record<string, number>>,
  groups: SellingCategories = DEFAULT_SELLING_CATEGORIES,
  timedCallSeconds = 0,
): SellingTimeShare {
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
  // A call's minutes are mostly in the dialer's or meeting's window already: the larger of the two, never both.
  sums.calls = Math.max(sums.calls, timedCallSeconds);
  const selling = Math.min(active, sums.crm + sums.calls + sums.email);
  return {
    activeSeconds: active,
    timedCallSeconds,
    crmSeconds: sums.crm,
    callsSeconds: sums.calls,
    emailSeconds: sums.email,
    crm: ratio(sums.crm, active),
    calls: ratio(sums.calls, active),
    email: ratio(sums.email, active),
    total: ratio(selling, active),
  };
}

/**
 * What the opportunity figures are computed from. `opportunityTotals` counts a list in memory; the
 * recorder's reports produce the same totals in SQL, and both go through `opportunityKpis`.
 */
export interface OpportunityTotals {
  open: number;
  won: number;
  lost: number;
  lostByReason: Record<LossReason, number>;
  /** Won opportunities closed in the range, by sales cycle in whole days: [days, count], ascending. */
  cycleDayCounts: [days: number, count: number][];
  /** Won opportunities closed in the range that have an amount, per currency. */
  dealAmounts: Record<string, { sum: number; count: number }>;
  sqls: number;
  customers: number;
}

export interface OpportunityOptions {
  range?: DateRange;
  currency?: string;
  sqlDateFallback?: 'createdDate' | 'none';
}

/** The currency an amount is counted under: its own, else the report's, else "unknown". */
const dealCurrency = (own: string | undefined, fallback: string | undefined): string => own ?? fallback ?? 'unknown';

export function opportunityTotals(opportunities: readonly Opportunity[], options: OpportunityOptions = {}): OpportunityTotals {
  const { range } = options;
  const fallback = (options.sqlDateFallback ?? 'createdDate') === 'createdDate';
  const t: OpportunityTotals = {
    open: 0,
    won: 0,
    lost: 0,
    lostByReason: { competitor: 0, noDecision: 0, other: 0 },
    cycleDayCounts: [],
    dealAmounts: {},
    sqls: 0,
    customers: 0,
  };
  const cycles = new Map<number, number>();
  for (const o of opportunities) {
    if (o.status === 'open' && (!range || o.createdDate <= range.to)) t.open += 1;
    if (o.status === 'lost' && inRange(o.closeDate, range)) {
      t.lost += 1;
      t.lostByReason[o.lossReason ?? 'other'] += 1;
    }
    if (o.status === 'won' && inRange(o.closeDate, range)) {
      t.won += 1;
      const cycle = days(o.createdDate, o.closeDate!);
      cycles.set(cycle, (cycles.get(cycle) ?? 0) + 1);
      if (o.amount !== undefined) {
        const deal = (t.dealAmounts[dealCurrency(o.currency, options.currency)] ??= { sum: 0, count: 0 });
        deal.sum += o.amount;
        deal.count += 1;
      }
    }
    if (inRange(o.sqlDate ?? (fallback ? o.createdDate : undefined), range)) {
      t.sqls += 1;
      if (o.status === 'won') t.customers += 1;
    }
  }
  t.cycleDayCounts = [...cycles].sort(([a], [b]) => a - b);
  return t;
}

export type OpportunityKpis = Pick<
  SalesKpis,
  | 'opportunities'
  | 'winRate'
  | 'lostPercent'
  | 'lostByReason'
  | 'avgSalesCycleDays'
  | 'medianSalesCycleDays'
  | 'avgDealSize'
  | 'avgDealSizeByCurrency'
  | 'wonAmountByCurrency'
  | 'sqlCohort'
  | 'sqlToCustomerRate'
>;

/** The opportunity figures of the module comment from totals. */
export function opportunityKpis(t: OpportunityTotals, currency?: string): OpportunityKpis {
  const closed = t.won + t.lost;
  const avgDealSizeByCurrency: Record<string, number> = {};
  const wonAmountByCurrency: Record<string, number> = {};
  for (const [code, deal] of Object.entries(t.dealAmounts)) {
    if (deal.count === 0) continue;
    avgDealSizeByCurrency[code] = deal.sum / deal.count;
    wonAmountByCurrency[code] = deal.sum;
  }
  const currencies = Object.keys(avgDealSizeByCurrency);
  const avgDealSize =
    currency !== undefined ? (avgDealSizeByCurrency[currency] ?? null) : currencies.length === 1 ? avgDealSizeByCurrency[currencies[0]!]! : null;
  let cycleCount = 0;
  let cycleSum = 0;
  for (const [d, n] of t.cycleDayCounts) {
    cycleCount += n;
    cycleSum += d * n;
  }
  return {
    opportunities: { open: t.open, closed, won: t.won, lost: t.lost },
    winRate: ratio(t.won, closed),
    lostPercent: ratio(t.lost, closed),
    lostByReason: { ...t.lostByReason },
    avgSalesCycleDays: cycleCount === 0 ? null : cycleSum / cycleCount,
    medianSalesCycleDays: nearestRankOfCounts(t.cycleDayCounts, 50),
    avgDealSize,
    avgDealSizeByCurrency,
    wonAmountByCurrency,
    sqlCohort: { sqls: t.sqls, customers: t.customers },
    sqlToCustomerRate: ratio(t.customers, t.sqls),
  };
}

/** What lead response reads of a lead. */
export type LeadTimes = Pick<Lead, 'createdMs' | 'firstTouchMs'>;

export interface LeadResponseInput {
  leads: readonly LeadTimes[];
  /** The org's IANA zone: lead creation times are dated in it. */
  zone: string;
  range?: DateRange;
  businessHours?: BusinessHours;
}

/** Lead response of the module comment, calendar and (when hours are given) business time. */
export function leadResponse(input: LeadResponseInput): SalesKpis['leadResponse'] {
  // "Created on a local date in the range" is "created between the range's first and last local midnight".
  const fromMs = input.range ? localDayBounds(input.range.from, input.zone).startMs : -Infinity;
  const toMs = input.range ? localDayBounds(input.range.to, input.zone).endMs : Infinity;
  const contacted: { createdMs: number; firstMs: number }[] = [];
  let leads = 0;
  for (const lead of input.leads) {
    if (!(lead.createdMs >= fromMs && lead.createdMs < toMs)) continue;
    leads += 1;
    if (lead.firstTouchMs !== undefined) contacted.push({ createdMs: lead.createdMs, firstMs: lead.firstTouchMs });
  }
  const calendar = contacted.map((a) => Math.max(0, a.firstMs - a.createdMs) / 1000);
  let business: number[] | null = null;
  if (input.businessHours && contacted.length > 0) {
    const span = contacted.reduce((s, a) => ({ from: Math.min(s.from, a.createdMs, a.firstMs), to: Math.max(s.to, a.createdMs, a.firstMs) }), {
      from: Infinity,
      to: -Infinity,
    });
    const hours = new BusinessCalendar(input.businessHours, span.from, span.to);
    business = contacted.map((a) => hours.msBetween(a.createdMs, a.firstMs) / 1000);
  } else if (input.businessHours) {
    compileBusinessHours(input.businessHours);
    business = [];
  }
  return { ...responseStats(leads, calendar), businessHours: business ? responseStats(leads, business) : null };
}

function checkRange(range: DateRange | undefined): void {
  if (range && range.from > range.to) throw new RangeError(`range starts after it ends: ${range.from} > ${range.to}`);
}

export function salesKpis(input: SalesKpiInput): SalesKpis {
  checkRange(input.range);
  const options: OpportunityOptions = {};
  if (input.range) options.range = input.range;
  if (input.currency !== undefined) options.currency = input.currency;
  if (input.sqlDateFallback) options.sqlDateFallback = input.sqlDateFallback;
  return combineSalesKpis(opportunityKpis(opportunityTotals(input.opportunities, options), input.currency), leadResponse(input), input);
}

/** The whole KPI set from its three independent parts. */
export function combineSalesKpis(
  opportunities: OpportunityKpis,
  response: SalesKpis['leadResponse'],
  selling: { activeSecondsByCategory?: Readonly<Record<string, number>>; sellingCategories?: SellingCategories; timedCallSeconds?: number },
): SalesKpis {
  return {
    ...opportunities,
    leadResponse: response,
    sellingTimeShare: selling.activeSecondsByCategory
      ? sellingTimeShare(selling.activeSecondsByCategory, selling.sellingCategories, selling.timedCallSeconds)
      : null,
  };
}
