import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/timesheet';
import { opportunityTotals, type Opportunity, type OpportunityOptions } from '../../../shared/sales';
import { CrmStore } from './crm-store';
import { Store } from './store';

const date = fc.integer({ min: 0, max: 120 }).map((d) => addDays('2026-01-01', d));

const opportunityArb = fc
  .record({
    status: fc.constantFrom<Opportunity['status']>('open', 'won', 'lost'),
    createdDate: date,
    closeDate: fc.option(date, { nil: undefined }),
    amount: fc.option(
      fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 100),
      { nil: undefined },
    ),
    currency: fc.option(fc.constantFrom('USD', 'EUR'), { nil: undefined }),
    lossReason: fc.option(fc.constantFrom<NonNullable<Opportunity['lossReason']>>('competitor', 'noDecision', 'other'), { nil: undefined }),
    sqlDate: fc.option(date, { nil: undefined }),
  })
  .map((o) => {
    // Won and lost opportunities always have a close date; only lost ones carry a reason.
    const closeDate = o.status === 'open' ? o.closeDate : (o.closeDate ?? o.createdDate);
    const opp: Opportunity = { externalId: '', name: 'Deal', stage: o.status, status: o.status, createdDate: o.createdDate };
    if (closeDate !== undefined) opp.closeDate = closeDate;
    if (o.amount !== undefined) opp.amount = o.amount;
    if (o.currency !== undefined) opp.currency = o.currency;
    if (o.status === 'lost' && o.lossReason) opp.lossReason = o.lossReason;
    if (o.sqlDate !== undefined) opp.sqlDate = o.sqlDate;
    return opp;
  });

const optionsArb = fc.record(
  {
    range: fc.tuple(date, date).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
    currency: fc.constantFrom('USD', 'GBP'),
    sqlDateFallback: fc.constantFrom<'createdDate' | 'none'>('createdDate', 'none'),
  },
  { requiredKeys: [] },
);

describe('opportunity totals in SQL', () => {
  it('equal shared/sales opportunityTotals for any opportunities and options', () => {
    fc.assert(
      fc.property(fc.array(opportunityArb, { maxLength: 60 }), optionsArb, (list, options: OpportunityOptions) => {
        const opportunities = list.map((o, i) => ({ ...o, externalId: `006-${i}` }));
        const store = Store.open(':memory:');
        try {
          const crm = new CrmStore(store.db);
          crm.upsertOpportunities('salesforce', opportunities, 0);
          const { dealAmounts, ...sql } = crm.opportunityTotals(options);
          const { dealAmounts: expectedDeals, ...expected } = opportunityTotals(opportunities, options);
          expect(sql).toEqual(expected);
          // Amounts are summed in a different order in SQL: equal to the cent, not to the last bit.
          expect(Object.keys(dealAmounts).sort()).toEqual(Object.keys(expectedDeals).sort());
          for (const [code, deal] of Object.entries(expectedDeals)) {
            expect(dealAmounts[code]!.count).toBe(deal.count);
            expect(dealAmounts[code]!.sum).toBeCloseTo(deal.sum, 6);
          }
        } finally {
          store.close();
        }
      }),
      { numRuns: 200 },
    );
  });
});
