// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../app/storage';
import { renderApp } from '../../testing/render-app';
import { createSeededWorld } from '../../testing/seed-world';

afterEach(() => cleanup());

const KPIS = (from: string, to: string) => ({
  from,
  to,
  timeZone: 'UTC',
  opportunities: { open: 7, closed: 4, won: 3, lost: 1 },
  winRate: 0.75,
  lostPercent: 0.25,
  lostByReason: { competitor: 1, noDecision: 0, other: 0 },
  avgSalesCycleDays: 21.5,
  medianSalesCycleDays: 20,
  avgDealSize: 12000,
  avgDealSizeByCurrency: { USD: 12000 },
  wonAmountByCurrency: { USD: 36000 },
  currency: 'USD',
  sqlCohort: { sqls: 5, customers: 2 },
  sqlToCustomerRate: 0.4,
  leadResponse: {
    leads: 10,
    contacted: 8,
    neverContacted: 2,
    medianSeconds: 240,
    p90Seconds: 5400,
    within5Minutes: 0.625,
    within1Hour: 0.75,
    businessHours: { leads: 10, contacted: 8, neverContacted: 2, medianSeconds: 120, p90Seconds: 1800, within5Minutes: 0.75, within1Hour: 1 },
  },
  sellingTimeShare: null,
});

describe('Sales', () => {
  it('explains how to import CRM data, and shows selling time from activity', async () => {
    const { world } = renderApp({ route: 'sales' });
    expect(await screen.findByText('No CRM data yet.')).toBeTruthy();
    expect(screen.getByText('stint import salesforce-opportunities FILE', { selector: 'code' })).toBeTruthy();
    expect(screen.getByText('67% of 3h active time went to the CRM, calls and email.')).toBeTruthy();
    const hours = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
    expect(world.transport.inputsOf('report.sales')).toEqual([{ from: '2026-01-01', to: '2026-03-02', timeZone: 'UTC', businessHours: hours }]);
    fireEvent.click(screen.getByRole('button', { name: 'This month' }));
    await screen.findByText('Mar 1 – 2, 2026');
    expect(world.transport.inputsOf('report.sales').at(-1)).toEqual({ from: '2026-03-01', to: '2026-03-02', timeZone: 'UTC', businessHours: hours });
  });

  it('read-only (a manager reading the rep’s view): the KPIs without the import card', async () => {
    const world = createSeededWorld();
    world.transport.handle('report.sales', ({ from, to }) => KPIS(from, to));
    renderApp({ world, route: 'sales', readOnly: true });
    expect((await screen.findByText('Win rate')).nextSibling?.textContent).toBe('75%');
    expect(document.querySelector('.import-card')).toBeNull();
  });

  it('writes every selling-time row in seconds when the activity is that short, zero too', async () => {
    const world = createSeededWorld();
    const share = { activeSeconds: 6, timedCallSeconds: 0, crmSeconds: 3, callsSeconds: 0, emailSeconds: 1, crm: 0.5, calls: 0, email: 1 / 6, total: 4 / 6 };
    world.transport.handle('report.sales', ({ from, to }) => ({ ...KPIS(from, to), sellingTimeShare: share }));
    renderApp({ world, route: 'sales' });
    const rows = await screen.findByRole('list', { name: 'Selling time' });
    expect([...rows.querySelectorAll('.bar-value')].map((v) => v.textContent)).toEqual(['3s · 50%', '0s · 0%', '1s · 17%']);
  });

  it('shows the KPIs when there is CRM data', async () => {
    const world = createSeededWorld();
    world.transport.handle('report.sales', ({ from, to }) => KPIS(from, to));
    renderApp({ world, route: 'sales' });
    expect((await screen.findByText('Win rate')).nextSibling?.textContent).toBe('75%');
    expect(screen.getByText('Average deal size').nextSibling?.textContent).toBe('$12,000');
    expect(screen.getByText('Average sales cycle').nextSibling?.textContent).toBe('21.5 days');
    const response = screen.getByRole('region', { name: 'Lead response' });
    expect(
      within(response)
        .getAllByText('Median first response')
        .map((el) => el.nextSibling?.textContent),
    ).toEqual(['4m', '2m']);
    expect(within(response).getByText('In business hours, 09:00–17:00 Monday to Friday')).toBeTruthy();
    expect(screen.getByText('2 never contacted')).toBeTruthy();
    expect(screen.getByText('Competitor')).toBeTruthy();
  });

  it('turns business hours off and on, changes them, and refuses closing before opening', async () => {
    const world = createSeededWorld();
    world.transport.handle('report.sales', ({ from, to }) => KPIS(from, to));
    const storage = memoryStorage();
    renderApp({ world, storage, route: 'sales' });
    const toggle = await screen.findByRole('checkbox', { name: 'Also measure in business hours' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    fireEvent.click(toggle);
    await waitFor(() => expect(world.transport.inputsOf('report.sales').at(-1)).not.toHaveProperty('businessHours'));
    expect(storage.data.get('stint.sales.businessHours')).toBe('{"hours":null}');
    fireEvent.change(screen.getByLabelText('Opens'), { target: { value: '08:00' } });
    fireEvent.click(toggle);
    await waitFor(() =>
      expect(world.transport.inputsOf('report.sales').at(-1)?.businessHours).toEqual({ start: '08:00', end: '17:00', days: [1, 2, 3, 4, 5] }),
    );
    const asked = world.transport.countOf('report.sales');
    fireEvent.change(screen.getByLabelText('Closes'), { target: { value: '07:00' } });
    expect(screen.getByRole('alert').textContent).toBe('Closing time must be after opening time.');
    expect(world.transport.countOf('report.sales')).toBe(asked);
  });
});

const { from: _f, to: _t, timeZone: _z, currency: _c, leadResponse: _l, sellingTimeShare: _s, ...OWNER_KPIS } = KPIS('', '');

describe('Sales money and owners', () => {
  it('shows each currency apart and a row per owner, the rep marked', async () => {
    const world = createSeededWorld();
    world.transport.handle('report.sales', ({ from, to }) => ({
      ...KPIS(from, to),
      avgDealSize: null,
      avgDealSizeByCurrency: { USD: 12000, EUR: 3000 },
      wonAmountByCurrency: { USD: 24000, EUR: 3000 },
      owners: [
        { ...OWNER_KPIS, owner: 'Jane Doe', mine: true, wonAmountByCurrency: { USD: 24000, EUR: 3000 }, avgDealSizeByCurrency: { USD: 12000, EUR: 3000 } },
        {
          ...OWNER_KPIS,
          owner: 'Sam Lee',
          mine: false,
          wonAmountByCurrency: {} as Record<string, number>,
          avgDealSizeByCurrency: {} as Record<string, number>,
        },
      ],
    }));
    renderApp({ world, route: 'sales' });
    expect((await screen.findByText('Won amount', { selector: '.stat-label' })).nextSibling?.textContent).toBe('$24,000 · €3,000');
    const owners = screen.getByRole('table', { name: 'By owner' });
    const rows = within(owners)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['Jane Doe (you)', '7', '3', '1', '75%', '$24,000 · €3,000', '$12,000 · €3,000'],
      ['Sam Lee', '7', '3', '1', '75%', '—', '—'],
    ]);
  });
});
