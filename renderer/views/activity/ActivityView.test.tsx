// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChartData } from '../../components/chart-data';
import { renderApp } from '../../testing/render-app';

afterEach(() => cleanup());
// jsdom has no canvas: the charts render a placeholder carrying their data (asked without jsdom's warning).
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));
const chartData = (name: string) => JSON.parse(screen.getByRole('img', { name }).getAttribute('data-chart')!) as ChartData;

describe('Activity', () => {
  it('charts and tables apps, then other groupings', async () => {
    const { world } = renderApp({ route: 'activity' });
    const chart = await screen.findByRole('list', { name: 'Active time chart' });
    expect(
      within(chart)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Google Chrome2h 15mProductive', 'Slack30mProductive', 'xterm15mNeutral']);
    const table = screen.getByRole('table');
    expect(within(table).getByRole('row', { name: 'Google Chrome Productive 2h 15m 75%' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Categories' }));
    expect(await screen.findByRole('row', { name: 'Sales > CRM > Salesforce Productive 2h 67%' })).toBeTruthy();
    expect(world.transport.inputsOf('report.timeUse').at(-1)).toEqual({ from: '2026-03-02', to: '2026-03-02', by: 'category', timeZone: 'UTC' });

    fireEvent.click(screen.getByRole('button', { name: 'Websites' }));
    expect(await screen.findByRole('row', { name: '(not a website) Productive 3h 100%' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Hours' }));
    const hour = await screen.findByRole('listitem', { name: '9 AM: 1h, Productive' });
    expect(within(hour.parentElement!).getAllByRole('listitem')).toHaveLength(24);
    expect(screen.getByRole('row', { name: '12 PM Neutral 30m 17%' })).toBeTruthy();
    // The chart gets 24 hours, one bar series per rating, coloured from the theme's variables.
    const data = chartData('Active time chart');
    expect(data.kind).toBe('bars');
    expect(data.labels).toHaveLength(24);
    expect(data.labels.slice(8, 13)).toEqual(['8 AM', '9 AM', '10 AM', '11 AM', '12 PM']);
    expect(data.series.map((s) => [s.label, s.color])).toEqual([
      ['Productive', '--productive'],
      ['Neutral', '--neutral'],
      ['Unproductive', '--unproductive'],
    ]);
    expect(data.series[0]!.values.slice(8, 13)).toEqual([null, 3600, 1800, 3600, null]);
    expect(data.series[1]!.values.slice(8, 13)).toEqual([null, null, null, null, 1800]);
    expect(data.series[2]!.values.every((v) => v === null)).toBe(true);
  });

  it('changes the range and tells when it is empty', async () => {
    const { world } = renderApp({ route: 'activity' });
    await screen.findByRole('list', { name: 'Active time chart' });
    fireEvent.click(screen.getByRole('button', { name: 'Yesterday' }));
    expect(await screen.findByText('No activity in this range.')).toBeTruthy();
    expect(world.transport.inputsOf('report.timeUse').at(-1)).toMatchObject({ from: '2026-03-01', to: '2026-03-01' });
    fireEvent.click(screen.getByRole('button', { name: 'Last 7 days' }));
    expect(await screen.findByRole('list', { name: 'Active time chart' })).toBeTruthy();
    expect(world.transport.inputsOf('report.timeUse').at(-1)).toMatchObject({ from: '2026-02-24', to: '2026-03-02' });
    expect(screen.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');
  });
});
