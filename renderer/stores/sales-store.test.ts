import { describe, expect, it } from 'vitest';
import { createSeededWorld } from '../testing/seed-world';
import { createSalesStore } from './sales-store';

describe('sales store', () => {
  it('loads the KPIs for a range in the clock’s zone', async () => {
    const world = createSeededWorld();
    const store = createSalesStore(world.transport, world.clock, { from: '2026-01-01', to: '2026-03-02' });
    await store.getState().load();
    expect(store.getState().report).toMatchObject({ opportunities: { open: 0, closed: 0 }, winRate: null });
    expect(store.getState().report?.sellingTimeShare?.crm).toBeCloseTo(7200 / 10800);
    await store.getState().load({ from: '2026-02-01', to: '2026-02-28' });
    expect(store.getState().range).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(store.getState().report?.sellingTimeShare?.activeSeconds).toBe(0);
  });

  it('keeps the recorder’s message on failure and reloads after rule changes', async () => {
    const world = createSeededWorld();
    const store = createSalesStore(world.transport, world.clock, { from: '2026-03-02', to: '2026-03-01' });
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
});
