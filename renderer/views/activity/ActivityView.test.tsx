// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render-app';

afterEach(() => cleanup());

describe('Activity', () => {
  it('charts and tables apps, then other groupings', async () => {
    const { world } = renderApp({ route: 'activity' });
    const chart = await screen.findByRole('list', { name: 'Active time chart' });
    expect(within(chart).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Google-chrome2h 15mProductive', 'Slack30mProductive', 'xterm15mNeutral']);
    const table = screen.getByRole('table');
    expect(within(table).getByRole('row', { name: 'Google-chrome Productive 2h 15m 75%' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Categories' }));
    expect(await screen.findByRole('row', { name: 'Sales > CRM > Salesforce Productive 2h 67%' })).toBeTruthy();
    expect(world.transport.inputsOf('report.timeUse').at(-1)).toEqual({ from: '2026-03-02', to: '2026-03-02', by: 'category', timeZone: 'UTC' });

    fireEvent.click(screen.getByRole('button', { name: 'Websites' }));
    expect(await screen.findByRole('row', { name: '(not a website) Productive 3h 100%' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Hours' }));
    const hour = await screen.findByRole('listitem', { name: '9 AM: 1h, Productive' });
    expect(within(hour.parentElement!).getAllByRole('listitem')).toHaveLength(24);
    expect(screen.getByRole('row', { name: '12 PM Neutral 30m 17%' })).toBeTruthy();
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
