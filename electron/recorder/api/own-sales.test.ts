import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers, RequestInput, RequestName, ResponseMap } from '../../../shared/api/contract';
import { FakeClock } from '../clock/fake-clock';
import { Store } from '../store/store';
import { DAY, MIN, seedWorkday, T9 } from './api-test-fixture';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';

let dir: string;
let store: Store;
let clock: FakeClock;
let handlers: ApiHandlers;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'stint-own-sales-'));
  const dbPath = path.join(dir, 'stint.db');
  store = Store.open(dbPath);
  seedWorkday(store);
  clock = new FakeClock(T9);
  handlers = createHandlers({ store, dbPath, clock, recorder: null });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ask<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ResponseMap[N]> {
  const r = await dispatch(handlers, name, input);
  if (!r.body.ok) throw new Error(r.body.error);
  return r.body.data as ResponseMap[N];
}

const file = (name: string, lines: string[]) => ({ name, base64: Buffer.from(lines.join('\r\n')).toString('base64') });
const q = (values: string[]) => values.map((v) => `"${v}"`).join(',');

describe('sales money and owners', () => {
  it('keeps each currency apart, falls back to the currency setting, and gives a row per owner', async () => {
    await ask('settings.set', { agentName: 'Jane Doe', currency: 'eur' });
    const head = ['Opportunity Owner', 'Opportunity Name', 'Opportunity ID', 'Stage', 'Amount Currency', 'Amount', 'Created Date', 'Close Date'];
    await ask('import.crm', {
      source: 'salesforce-opportunities',
      file: file('opps.csv', [
        q(head),
        q(['Jane Doe', 'Acme - seats', '006A', 'Closed Won', 'USD', '100000', '2/1/2026', '3/2/2026']),
        q(['Jane Doe', 'Globex - renewal', '006B', 'Closed Won', 'GBP', '40000', '2/1/2026', '3/2/2026']),
        q(['Sam Lee', 'Initech - pilot', '006C', 'Closed Won', 'USD', '20000', '2/10/2026', '3/2/2026']),
        q(['Sam Lee', 'Hooli - platform', '006D', 'Closed Lost', 'USD', '5000', '2/10/2026', '3/2/2026']),
      ]),
    });
    await ask('import.crm', {
      source: 'hubspot-deals',
      file: file('deals.csv', [
        'Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date,Deal owner',
        '9001,Umbrella,Closed Won,Sales Pipeline,3000,2026-03-02 10:00,2026-02-20 09:00,Jane Doe',
      ]),
    });
    const r = await ask('report.sales', { from: DAY, to: DAY, timeZone: 'UTC' });
    expect(r.currency).toBe('EUR');
    // HubSpot's deal has no currency: it is in the setting's.
    expect(r.wonAmountByCurrency).toEqual({ USD: 120_000, GBP: 40_000, EUR: 3000 });
    expect(r.avgDealSize).toBeNull(); // several currencies are never added up
    expect(r.owners?.map((o) => [o.owner, o.mine, o.opportunities.won, o.opportunities.lost, o.wonAmountByCurrency])).toEqual([
      ['Jane Doe', true, 3, 0, { USD: 100_000, GBP: 40_000, EUR: 3000 }],
      ['Sam Lee', false, 1, 1, { USD: 20_000 }],
    ]);
  });
});

describe('selling time', () => {
  it('counts calls and meetings timed here: by hand, and detected ones once confirmed', async () => {
    const before = (await ask('report.sales', { from: DAY, to: DAY, timeZone: 'UTC' })).sellingTimeShare!;
    await clock.advance(10 * MIN);
    await ask('calls.act', { action: 'start', direction: 'out' });
    await clock.advance(20 * MIN);
    await ask('calls.act', { action: 'end' });
    await ask('calls.act', { action: 'wrap' });
    const after = (await ask('report.sales', { from: DAY, to: DAY, timeZone: 'UTC' })).sellingTimeShare!;
    expect(after.timedCallSeconds).toBe(20 * 60);
    expect(after.callsSeconds).toBe(Math.max(before.callsSeconds, 20 * 60));
  });
});
