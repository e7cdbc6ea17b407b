import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../app/storage';
import { createSeededWorld } from '../testing/seed-world';
import { BUSINESS_HOURS_KEY, createSalesStore } from './sales-store';

describe('sales store', () => {
  it('loads the KPIs for a range in the clock’s zone', async () => {
    const world = createSeededWorld();
    const store = createSalesStore(world.transport, world.clock, { from: '2026-01-01', to: '2026-03-02' }, memoryStorage());
    await store.getState().load();
    expect(store.getState().report).toMatchObject({ opportunities: { open: 0, closed: 0 }, winRate: null });
    expect(store.getState().report?.sellingTimeShare?.crm).toBeCloseTo(7200 / 10800);
    await store.getState().load({ from: '2026-02-01', to: '2026-02-28' });
    expect(store.getState().range).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(store.getState().report?.sellingTimeShare?.activeSeconds).toBe(0);
  });

  it('keeps the recorder’s message on failure and reloads after rule changes', async () => {
    const world = createSeededWorld();
    const store = createSalesStore(world.transport, world.clock, { from: '2026-03-02', to: '2026-03-01' }, memoryStorage());
    world.transport.handle('report.sales', ({ from, to }) => {
      if (to < from) throw new Error(`The range ends (${to}) before it starts (${from}).`);
      throw new Error('unreachable');
    });
    await store.getState().load();
    expect(store.getState().error).toBe('The range ends (2026-03-01) before it starts (2026-03-02).');
    store.getState().connect();
    world.transport.emit({ type: 'changed', what: 'rules' });
    expect(world.transport.countOf('report.sales')).toBe(1); // nothing shown yet, nothing to refresh
  });

  it('reloads after a CRM report was imported (from the CLI, say)', async () => {
    const world = createSeededWorld();
    const store = createSalesStore(world.transport, world.clock, { from: '2026-01-01', to: '2026-03-02' }, memoryStorage());
    await store.getState().load();
    store.getState().connect();
    world.transport.emit({ type: 'changed', what: 'crm' });
    expect(world.transport.countOf('report.sales')).toBe(2);
  });

  it('asks for lead response in business hours, 09:00–17:00 Monday to Friday unless changed, and keeps the choice', async () => {
    const world = createSeededWorld();
    const storage = memoryStorage();
    const range = { from: '2026-03-01', to: '2026-03-02' };
    const store = createSalesStore(world.transport, world.clock, range, storage);
    await store.getState().load();
    expect(world.transport.inputsOf('report.sales').at(-1)).toEqual({
      ...range,
      timeZone: 'UTC',
      businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    });
    await store.getState().setBusinessHours({ start: '08:30', end: '18:00' });
    expect(world.transport.inputsOf('report.sales').at(-1)?.businessHours).toEqual({ start: '08:30', end: '18:00', days: [1, 2, 3, 4, 5] });
    await store.getState().setBusinessHours(null);
    expect(world.transport.inputsOf('report.sales').at(-1)).toEqual({ ...range, timeZone: 'UTC' });
    // A new page reads the choice back; something unreadable falls back to the default.
    expect(createSalesStore(world.transport, world.clock, range, storage).getState().businessHours).toBeNull();
    expect(
      createSalesStore(world.transport, world.clock, range, memoryStorage({ [BUSINESS_HOURS_KEY]: '{"hours":{"start":"9","end":"5"}}' })).getState()
        .businessHours,
    ).toEqual({ start: '09:00', end: '17:00' });
  });
});
