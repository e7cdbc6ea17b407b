// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render-app';
import { createSeededWorld } from '../../testing/seed-world';

afterEach(() => cleanup());

describe('Sales', () => {
  it('explains how to import CRM data, and shows selling time from activity', async () => {
    const { world } = renderApp({ route: 'sales' });
    expect(await screen.findByText('No CRM data yet.')).toBeTruthy();
    expect(screen.getByText('stint import salesforce-opportunities FILE', { selector: 'code' })).toBeTruthy();
    expect(screen.getByText('67% of 3h active time went to the CRM, calls and email.')).toBeTruthy();
    expect(world.transport.inputsOf('report.sales')).toEqual([{ from: '2026-01-01', to: '2026-03-02', timeZone: 'UTC' }]);
    fireEvent.click(screen.getByRole('button', { name: 'This month' }));
    await screen.findByText('Mar 1 – 2, 2026');
    expect(world.transport.inputsOf('report.sales').at(-1)).toEqual({ from: '2026-03-01', to: '2026-03-02', timeZone: 'UTC' });
  });

  it('shows the KPIs when there is CRM data', async () => {
    const world = createSeededWorld();
    world.transport.handle('report.sales', ({ from, to }) => ({
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
      sqlCohort: { sqls: 5, customers: 2 },
      sqlToCustomerRate: 0.4,
      leadResponse: { leads: 10, contacted: 8, neverContacted: 2, medianSeconds: 240, p90Seconds: 5400, within5Minutes: 0.625, within1Hour: 0.75, businessHours: null },
      sellingTimeShare: null,
    }));
    renderApp({ world, route: 'sales' });
    expect((await screen.findByText('Win rate')).nextSibling?.textContent).toBe('75%');
    expect(screen.getByText('Average deal size').nextSibling?.textContent).toBe('$12,000');
    expect(screen.getByText('Average sales cycle').nextSibling?.textContent).toBe('21.5 days');
    expect(screen.getByText('Median first response').nextSibling?.textContent).toBe('4m');
    expect(screen.getByText('2 never contacted')).toBeTruthy();
    expect(screen.getByText('Competitor')).toBeTruthy();
  });
});
