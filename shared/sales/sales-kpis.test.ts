import { describe, expect, it } from 'vitest';
import { businessMsBetween, compileBusinessHours } from './business-hours';
import { salesKpis, sellingTimeShare, DEFAULT_SELLING_CATEGORIES } from './sales-kpis';
import type { Lead, Opportunity } from './types';

const H = 3_600_000;
const utc = (iso: string): number => Date.parse(iso);

const opp = (id: string, fields: Partial<Opportunity> & Pick<Opportunity, 'status' | 'createdDate'>): Opportunity => ({
  externalId: id,
  name: `Deal ${id}`,
  stage: fields.status === 'open' ? 'Proposal' : fields.status === 'won' ? 'Closed Won' : 'Closed Lost',
  ...fields,
});

// Range: March 2026. Worked by hand (2026 is not a leap year: February has 28 days).
const OPPORTUNITIES: Opportunity[] = [
  opp('A', { status: 'won', createdDate: '2026-02-01', closeDate: '2026-03-03', amount: 10_000, currency: 'USD', sqlDate: '2026-02-10' }), // cycle 28 + 2 = 30
  opp('B', { status: 'won', createdDate: '2026-03-01', closeDate: '2026-03-11', amount: 20_000, currency: 'USD', sqlDate: '2026-03-02' }), // cycle 10
  opp('C', { status: 'won', createdDate: '2026-01-10', closeDate: '2026-03-31', amount: 60_000, currency: 'USD' }), // cycle 21 + 28 + 31 = 80
  opp('D', { status: 'won', createdDate: '2026-02-15', closeDate: '2026-02-27', amount: 99_000, currency: 'USD' }), // closed in February
  opp('E', { status: 'lost', createdDate: '2026-03-03', closeDate: '2026-03-10', lossReason: 'competitor' }),
  opp('F', { status: 'lost', createdDate: '2026-02-01', closeDate: '2026-03-20', lossReason: 'noDecision', sqlDate: '2026-03-04' }),
  opp('G', { status: 'lost', createdDate: '2026-02-20', closeDate: '2026-03-25', sqlDate: '2026-03-10' }), // no reason → other
  opp('H', { status: 'lost', createdDate: '2026-03-12', closeDate: '2026-04-02', lossReason: 'competitor' }), // closed in April
  opp('I', { status: 'open', createdDate: '2026-03-15', sqlDate: '2026-03-16' }),
  opp('J', { status: 'open', createdDate: '2026-04-05' }), // created after the range
  opp('K', { status: 'open', createdDate: '2025-12-01' }),
];

// America/New_York: EST (−05:00) until 8 March 2026 02:00, EDT (−04:00) after.
const LEADS: Lead[] = [
  { externalId: 'L1', createdMs: utc('2026-03-02T14:00:00Z'), firstTouchMs: utc('2026-03-02T14:03:00Z'), status: 'Working' }, // Mon 09:00 → 09:03: 180 s
  { externalId: 'L2', createdMs: utc('2026-03-02T15:00:00Z'), firstTouchMs: utc('2026-03-02T15:45:00Z'), status: 'Working' }, // Mon 10:00, call at 10:45: 2700 s
  { externalId: 'L3', createdMs: utc('2026-03-06T21:55:00Z'), firstTouchMs: utc('2026-03-09T13:05:00Z'), status: 'Working' }, // Fri 16:55 EST → Mon 09:05 EDT
  { externalId: 'L4', createdMs: utc('2026-03-03T17:00:00Z'), status: 'Open - Not Contacted' }, // never contacted
  { externalId: 'L5', createdMs: utc('2026-02-27T15:00:00Z'), firstTouchMs: utc('2026-02-27T15:01:00Z'), status: 'Working' }, // before the range
  { externalId: 'L6', createdMs: utc('2026-03-04T13:00:00Z'), firstTouchMs: utc('2026-03-04T13:10:00Z'), status: 'Working' }, // Wed 08:00, called 08:10
];
const HOURS = { zone: 'America/New_York', start: '09:00', end: '17:00' };

describe('salesKpis over March 2026', () => {
  const kpis = salesKpis({
    opportunities: OPPORTUNITIES,
    leads: LEADS,
    zone: 'America/New_York',
    range: { from: '2026-03-01', to: '2026-03-31' },
    businessHours: HOURS,
  });

  it('counts open, closed, won and lost; win rate and lost % over closed', () => {
    // won A, B, C; lost E, F, G; open I, K (J created after the range; D and H closed outside it)
    expect(kpis.opportunities).toEqual({ open: 2, closed: 6, won: 3, lost: 3 });
    expect(kpis.winRate).toBe(0.5);
    expect(kpis.lostPercent).toBe(0.5);
    expect(kpis.lostByReason).toEqual({ competitor: 1, noDecision: 1, other: 1 });
  });

  it('sales cycle and deal size of the won deals', () => {
    // cycles 30, 10, 80: mean 40, nearest-rank median (rank 2 of 10, 30, 80) 30
    expect(kpis.avgSalesCycleDays).toBe(40);
    expect(kpis.medianSalesCycleDays).toBe(30);
    // (10,000 + 20,000 + 60,000) / 3
    expect(kpis.avgDealSize).toBe(30_000);
    expect(kpis.avgDealSizeByCurrency).toEqual({ USD: 30_000 });
  });

  it('SQL → customer by SQL cohort', () => {
    // SQL in March: B (sql 3/2, won), E (created 3/3), F (sql 3/4), G (sql 3/10), H (created 3/12), I (sql 3/16)
    expect(kpis.sqlCohort).toEqual({ sqls: 6, customers: 1 });
    expect(kpis.sqlToCustomerRate).toBeCloseTo(1 / 6, 12);
    // Without the created-date fallback only B, F, G and I have SQL dates in March.
    const strict = salesKpis({
      opportunities: OPPORTUNITIES,
      leads: [],
      zone: 'UTC',
      range: { from: '2026-03-01', to: '2026-03-31' },
      sqlDateFallback: 'none',
    });
    expect(strict.sqlCohort).toEqual({ sqls: 4, customers: 1 });
    expect(strict.sqlToCustomerRate).toBe(0.25);
  });

  it('lead response in calendar time', () => {
    // L1 180 s; L2 2700 s; L3 Fri 21:55Z → Mon 13:05Z = 72 h − 8 h 50 min = 227,400 s; L6 600 s; L4 never
    // sorted 180, 600, 2700, 227400: median rank 2 → 600; p90 rank ⌈3.6⌉ = 4 → 227,400
    const { businessHours, ...calendar } = kpis.leadResponse;
    expect(calendar).toEqual({
      leads: 5,
      contacted: 4,
      neverContacted: 1,
      medianSeconds: 600,
      p90Seconds: 227_400,
      within5Minutes: 0.25,
      within1Hour: 0.75,
    });
    // Business hours Mon–Fri 09:00–17:00 New York: L1 180; L2 2700; L3 5 min Fri + 5 min Mon = 600;
    // L6 created 08:00 and called 08:10, before opening: 0. Sorted 0, 180, 600, 2700.
    expect(businessHours).toEqual({
      leads: 5,
      contacted: 4,
      neverContacted: 1,
      medianSeconds: 180,
      p90Seconds: 2700,
      within5Minutes: 0.5,
      within1Hour: 1,
    });
  });

  it('no selling time without category seconds', () => {
    expect(kpis.sellingTimeShare).toBeNull();
  });
});

describe('salesKpis edge cases', () => {
  it('empty input: zero counts and nulls', () => {
    expect(salesKpis({ opportunities: [], leads: [], zone: 'UTC' })).toEqual({
      opportunities: { open: 0, closed: 0, won: 0, lost: 0 },
      winRate: null,
      lostPercent: null,
      lostByReason: { competitor: 0, noDecision: 0, other: 0 },
      avgSalesCycleDays: null,
      medianSalesCycleDays: null,
      avgDealSize: null,
      avgDealSizeByCurrency: {},
      sqlCohort: { sqls: 0, customers: 0 },
      sqlToCustomerRate: null,
      wonAmountByCurrency: {},
      leadResponse: {
        leads: 0,
        contacted: 0,
        neverContacted: 0,
        medianSeconds: null,
        p90Seconds: null,
        within5Minutes: null,
        within1Hour: null,
        businessHours: null,
      },
      sellingTimeShare: null,
    });
  });

  it('without a range everything counts', () => {
    const k = salesKpis({ opportunities: OPPORTUNITIES, leads: LEADS, zone: 'America/New_York' });
    expect(k.opportunities).toEqual({ open: 3, closed: 8, won: 4, lost: 4 });
    expect(k.leadResponse.leads).toBe(6);
  });

  it('never adds amounts in different currencies', () => {
    const mixed = [
      opp('1', { status: 'won', createdDate: '2026-03-01', closeDate: '2026-03-02', amount: 100, currency: 'USD' }),
      opp('2', { status: 'won', createdDate: '2026-03-01', closeDate: '2026-03-02', amount: 300, currency: 'USD' }),
      opp('3', { status: 'won', createdDate: '2026-03-01', closeDate: '2026-03-02', amount: 50, currency: 'EUR' }),
      opp('4', { status: 'won', createdDate: '2026-03-01', closeDate: '2026-03-02', amount: 70 }),
      opp('5', { status: 'won', createdDate: '2026-03-01', closeDate: '2026-03-02' }), // no amount: not in the mean
    ];
    const k = salesKpis({ opportunities: mixed, leads: [], zone: 'UTC' });
    expect(k.avgDealSize).toBeNull();
    expect(k.avgDealSizeByCurrency).toEqual({ USD: 200, EUR: 50, unknown: 70 });
    // Naming the org currency puts amounts without one in it: EUR (50 + 70) / 2
    expect(salesKpis({ opportunities: mixed, leads: [], zone: 'UTC', currency: 'EUR' }).avgDealSize).toBe(60);
  });

  it('dates leads by creation in the org zone', () => {
    // 03:30Z on 1 April is 23:30 EDT on 31 March in New York.
    const lead: Lead = { externalId: 'x', createdMs: utc('2026-04-01T03:30:00Z'), status: 'New' };
    const march = { from: '2026-03-01', to: '2026-03-31' };
    expect(salesKpis({ opportunities: [], leads: [lead], zone: 'America/New_York', range: march }).leadResponse.leads).toBe(1);
    expect(salesKpis({ opportunities: [], leads: [lead], zone: 'UTC', range: march }).leadResponse.leads).toBe(0);
    expect(() => salesKpis({ opportunities: [], leads: [], zone: 'UTC', range: { from: '2026-04-01', to: '2026-03-01' } })).toThrow(RangeError);
  });
});

describe('sellingTimeShare', () => {
  const seconds = {
    'Sales > CRM > Salesforce': 3600,
    'Sales > CRM': 600,
    'Sales > Calls > Dialer > Aircall': 1800,
    'Communication > Email > Gmail': 1200,
    'Communication > Chat > Slack': 900,
    'Sales > CRMs': 300, // not under "Sales > CRM"
    Uncategorized: 1600,
  };

  it('shares of active time in CRM, calls and email', () => {
    // active 10,000 s; CRM 4,200; calls 1,800; email 1,200
    expect(sellingTimeShare(seconds)).toEqual({
      activeSeconds: 10_000,
      timedCallSeconds: 0,
      crmSeconds: 4200,
      callsSeconds: 1800,
      emailSeconds: 1200,
      crm: 0.42,
      calls: 0.18,
      email: 0.12,
      total: 0.72,
    });
    expect(salesKpis({ opportunities: [], leads: [], zone: 'UTC', activeSecondsByCategory: seconds }).sellingTimeShare?.total).toBe(0.72);
  });

  it('the longest matching prefix wins, prefixes are input', () => {
    const share = sellingTimeShare(seconds, { crm: ['Sales'], calls: ['Sales > Calls'], email: [] });
    expect([share.crmSeconds, share.callsSeconds, share.emailSeconds]).toEqual([4500, 1800, 0]);
    expect(sellingTimeShare({}, DEFAULT_SELLING_CATEGORIES).total).toBeNull();
    expect(() => sellingTimeShare({ x: -1 })).toThrow(RangeError);
  });
});

describe('business hours', () => {
  const NY = 'America/New_York';

  it('counts only working hours of working days', () => {
    // Fri 16:00 EST → Mon 10:00 EDT: 1 h Friday + 1 h Monday
    expect(businessMsBetween(utc('2026-03-06T21:00:00Z'), utc('2026-03-09T14:00:00Z'), HOURS)).toBe(2 * H);
    // A whole week Mon 00:00 → next Mon 00:00: 5 × 8 h
    expect(businessMsBetween(utc('2026-03-02T05:00:00Z'), utc('2026-03-09T04:00:00Z'), HOURS)).toBe(40 * H);
    expect(businessMsBetween(utc('2026-03-02T15:00:00Z'), utc('2026-03-02T15:00:00Z'), HOURS)).toBe(0);
    expect(businessMsBetween(utc('2026-03-02T16:00:00Z'), utc('2026-03-02T15:00:00Z'), HOURS)).toBe(0);
  });

  it('skips holidays and honours custom days', () => {
    const hours = { ...HOURS, days: [1, 2, 3, 4, 5, 6], holidays: ['2026-03-09'] };
    // Fri 16:00 → Mon 10:00 with Saturday worked and Monday a holiday: 1 h + 8 h
    expect(businessMsBetween(utc('2026-03-06T21:00:00Z'), utc('2026-03-09T14:00:00Z'), hours)).toBe(9 * H);
  });

  it('follows the wall clock across DST', () => {
    // 00:00–06:00 on Sunday 8 March 2026 in New York has only 5 real hours (02:00 → 03:00).
    const night = { zone: NY, start: '00:00', end: '06:00', days: [7] };
    expect(businessMsBetween(utc('2026-03-08T00:00:00Z'), utc('2026-03-09T00:00:00Z'), night)).toBe(5 * H);
    // A full-day window ends at 24:00: Sunday 1 November 2026 has 25 hours.
    const allDay = { zone: NY, start: '00:00', end: '24:00', days: [7] };
    expect(businessMsBetween(utc('2026-11-01T00:00:00Z'), utc('2026-11-03T00:00:00Z'), allDay)).toBe(25 * H);
  });

  it('refuses impossible configurations', () => {
    expect(() => compileBusinessHours({ zone: NY, start: '17:00', end: '09:00' })).toThrow(/must be after start/);
    expect(() => compileBusinessHours({ zone: NY, start: '9am', end: '17:00' })).toThrow(/HH:mm/);
    expect(() => compileBusinessHours({ zone: NY, start: '09:00', end: '17:00', days: [0] })).toThrow(/1 \(Monday\) to 7/);
    expect(() => compileBusinessHours({ zone: 'Nowhere/Land', start: '09:00', end: '17:00' })).toThrow(/unknown IANA time zone/);
  });
});

describe('selling time with timed calls and meetings', () => {
  it('counts the calls and meetings timed here, without counting a minute twice', () => {
    const seconds = { 'Sales > CRM': 3600, 'Sales > Calls': 600, 'Communication > Meetings': 1800, Other: 1200 };
    // A 30-minute confirmed Zoom meeting and a 10-minute call: 40 minutes of calls, more than the 10 the windows show.
    const share = sellingTimeShare(seconds, undefined, 2400);
    expect(share).toMatchObject({ activeSeconds: 7200, crmSeconds: 3600, callsSeconds: 2400, timedCallSeconds: 2400 });
    expect(share.total).toBeCloseTo(6000 / 7200, 9);
    // Timed calls shorter than the call windows' time add nothing.
    expect(sellingTimeShare(seconds, undefined, 300)).toMatchObject({ callsSeconds: 600 });
    // Never more than all active time.
    expect(sellingTimeShare({ 'Sales > CRM': 100 }, undefined, 500).total).toBe(1);
  });
});
