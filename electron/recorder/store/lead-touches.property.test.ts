import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../shared/calls';
import { phoneKey, type Lead } from '../../../shared/sales';
import { CallsStore } from './calls-store';
import { CrmStore } from './crm-store';
import { Store } from './store';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
// Three numbers in several spellings, and contacts that are not numbers.
const NUMBERS = [
  ['+1 415 555 0132', '(415) 555-0132', '4155550132 x7'],
  ['+44 7700 900123', '07700 900123'],
  ['+1 212 555 0100', '212.555.0100'],
];
const phoneArb = fc.integer({ min: 0, max: NUMBERS.length - 1 }).chain((n) => fc.constantFrom(...NUMBERS[n]!));
const contactArb = fc.oneof(phoneArb, fc.constantFrom('Acme, Inc.', 'jane@acme.com'), fc.constant(undefined));

const leadArb = fc.record({
  createdAt: fc.integer({ min: 0, max: 48 }).map((h) => T0 + h * HOUR),
  phones: fc.array(phoneArb, { maxLength: 2 }),
  firstTouchAfter: fc.option(
    fc.integer({ min: 0, max: 30 }).map((h) => h * HOUR),
    { nil: undefined },
  ),
});
const callArb = fc.record({
  startMs: fc.integer({ min: 0, max: 72 }).map((h) => T0 + h * HOUR),
  contact: contactArb,
  direction: fc.constantFrom<'in' | 'out'>('in', 'out'),
  answered: fc.boolean(),
  source: fc.constantFrom<CallRecord['source']>('manual', 'detected', 'import'),
  dismissed: fc.boolean(),
});

describe('each lead’s first touch', () => {
  it('is the earlier of the CRM’s and the first matching call (same phone key, not before the lead, outbound or answered), whatever the order of imports, re-imports and dismissals', () => {
    fc.assert(
      fc.property(
        fc.array(leadArb, { maxLength: 12 }),
        fc.array(callArb, { maxLength: 25 }),
        fc.array(leadArb, { maxLength: 12 }),
        fc.integer({ min: 0, max: 24 }),
        (leadSpecs, callSpecs, reimport, fromH) => {
          const store = Store.open(':memory:');
          try {
            const crm = new CrmStore(store.db);
            const calls = new CallsStore(store.db, 'device-a');
            const toLeads = (specs: typeof leadSpecs): Lead[] =>
              specs.map((l, i) => ({
                externalId: `00Q${i}`,
                createdMs: l.createdAt,
                status: 'Open',
                ...(l.phones.length > 0 ? { phones: l.phones } : {}),
                ...(l.firstTouchAfter === undefined ? {} : { firstTouchMs: l.createdAt + l.firstTouchAfter }),
              }));
            const stored: { spec: (typeof callSpecs)[number]; uuid: string }[] = [];
            const addCalls = (specs: typeof callSpecs) => {
              for (const c of specs) {
                const uuid = calls.insert(
                  {
                    startMs: c.startMs,
                    endMs: c.startMs + 60_000,
                    wrapEndMs: c.startMs + 60_000,
                    answered: c.answered,
                    talkMs: c.answered ? 60_000 : 0,
                    holdMs: 0,
                    wrapMs: 0,
                    direction: c.direction,
                    source: c.source,
                    ...(c.contact === undefined ? {} : { contact: c.contact }),
                  },
                  'UTC',
                  T0,
                );
                stored.push({ spec: c, uuid });
              }
            };
            // Half the calls before the leads are imported, half after; then a newer lead report (numbers and
            // creation times may change, leads may be added), then the detected calls to dismiss are dismissed.
            const half = Math.floor(callSpecs.length / 2);
            addCalls(callSpecs.slice(0, half));
            crm.upsertLeads('salesforce', toLeads(leadSpecs), T0);
            addCalls(callSpecs.slice(half));
            const leads = new Map(toLeads(leadSpecs).map((l) => [l.externalId, l]));
            for (const l of toLeads(reimport)) leads.set(l.externalId, l);
            crm.upsertLeads('salesforce', toLeads(reimport), T0);
            for (const { spec, uuid } of stored) if (spec.source === 'detected' && spec.dismissed) calls.review(uuid, 'dismiss', null, T0);
            const counted = stored.filter(({ spec }) => !(spec.source === 'detected' && spec.dismissed)).map(({ spec }) => spec);

            const fromMs = T0 + fromH * HOUR;
            const toMs = fromMs + 24 * HOUR;
            const expected = [...leads.values()]
              .filter((l) => l.createdMs >= fromMs && l.createdMs < toMs)
              .map(({ phones, firstTouchMs, createdMs }) => {
                const keys = new Set((phones ?? []).map(phoneKey));
                const times = counted
                  .filter((c) => c.contact !== undefined && keys.has(phoneKey(c.contact)) && c.startMs >= createdMs && (c.direction === 'out' || c.answered))
                  .map((c) => c.startMs);
                const first = Math.min(firstTouchMs ?? Infinity, ...times);
                return first === Infinity ? { createdMs } : { createdMs, firstTouchMs: first };
              });
            expect(sortByTimes(crm.leadTimes(fromMs, toMs))).toEqual(sortByTimes(expected));
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

const sortByTimes = (list: { createdMs: number; firstTouchMs?: number }[]) =>
  [...list].sort((a, b) => a.createdMs - b.createdMs || (a.firstTouchMs ?? Infinity) - (b.firstTouchMs ?? Infinity));
