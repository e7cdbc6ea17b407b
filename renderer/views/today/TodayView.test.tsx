// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render-app';
import { IDLE_UUID, createSeededWorld } from '../../testing/seed-world';

afterEach(() => cleanup());

describe('Today', () => {
  it('shows the seeded totals, productivity and time by category', async () => {
    renderApp();
    const totals = await screen.findByLabelText("Today's totals");
    expect(within(totals).getByText('Work').nextSibling?.textContent).toBe('4h');
    expect(within(totals).getByText('Active').nextSibling?.textContent).toBe('3h');
    expect(within(totals).getByText('Idle').nextSibling?.textContent).toBe('30m');
    expect(await within(totals).findByText('83%')).toBeTruthy();
    const categories = screen.getByRole('list', { name: 'Time by category' });
    expect(within(categories).getByText('Sales > CRM > Salesforce')).toBeTruthy();
    expect(within(categories).getByText('2h')).toBeTruthy();
    expect(screen.getByText('Pipeline review - Salesforce')).toBeTruthy();
  });

  it('ticks the timer when a live status event arrives', async () => {
    const { world } = renderApp();
    const timer = await screen.findByTestId('live-timer');
    expect(timer.textContent).toBe('4:00:00');
    act(() => world.tick());
    expect(timer.textContent).toBe('4:00:01');
    act(() => world.tick(59_000));
    expect(timer.textContent).toBe('4:01:00');
    expect(screen.getByText('Working')).toBeTruthy();
  });

  it('clocks out and in through session.act', async () => {
    const { world } = renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'Clock out' }));
    expect(await screen.findByRole('button', { name: 'Clock in' })).toBeTruthy();
    expect(world.transport.inputsOf('session.act')).toEqual([{ action: 'stop' }]);
    expect(screen.getByText('Clocked out')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Clock in' }));
    expect(await screen.findByRole('button', { name: 'Take a break' })).toBeTruthy();
    expect(world.transport.inputsOf('session.act')).toEqual([{ action: 'stop' }, { action: 'start' }]);
    // The timer is today's worked time: the four hours before clocking out still count.
    expect(screen.getByTestId('live-timer').textContent).toBe('4:00:00');
  });

  it('shows unanswered idle as unconfirmed idle, claimed idle once answered as work, and the timer agrees with the timesheet', async () => {
    const { world } = renderApp();
    const totals = await screen.findByLabelText("Today's totals");
    expect(within(totals).getByText('Unconfirmed idle').nextSibling?.textContent).toBe('30m');
    expect(within(totals).queryByText('Claimed idle')).toBeNull();
    const prompt = await screen.findByRole('region', { name: 'You were away' });
    fireEvent.click(within(prompt).getByRole('button', { name: 'Work' }));
    expect(await within(totals).findByText('Claimed idle')).toBeTruthy();
    expect(within(totals).getByText('Claimed idle').nextSibling?.textContent).toBe('30m');
    expect(within(totals).queryByText('Unconfirmed idle')).toBeNull();
    const sheet = await world.transport.request('timesheet.get', { from: '2026-03-02', to: '2026-03-02' });
    expect(sheet.ok && sheet.data.days[0]!.workedSeconds).toBe(4 * 3600);
    expect(sheet.ok && sheet.data.days[0]!.claimedIdleSeconds).toBe(1800);
    expect(screen.getByTestId('live-timer').textContent).toBe('4:00:00');
  });

  it('takes a break and resumes', async () => {
    const { world } = renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'Take a break' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Resume work' }));
    await screen.findByRole('button', { name: 'Take a break' });
    expect(world.transport.inputsOf('session.act').map((i) => i.action)).toEqual(['break', 'resume']);
  });

  it('shows why a session action was refused', async () => {
    const world = createSeededWorld();
    world.transport.handle('session.act', () => {
      throw new Error('A work session is already running.');
    });
    renderApp({ world });
    fireEvent.click(await screen.findByRole('button', { name: 'Clock out' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A work session is already running.');
  });

  it.each([
    ['Work', 'work'],
    ['A break', 'break'],
    ['A call or meeting', 'call'],
    ['Discard', 'discard'],
  ] as const)('answers the idle prompt with %s through idle.resolve, then refreshes', async (label, choice) => {
    const { world } = renderApp();
    const prompt = await screen.findByRole('region', { name: 'You were away' });
    expect(within(prompt).getByText('No input from 10:30 AM to 11:00 AM (30m). What was it?')).toBeTruthy();
    const reportsBefore = world.transport.countOf('report.timeUse');
    fireEvent.click(within(prompt).getByRole('button', { name: label }));
    await screen.findByRole('button', { name: 'Clock out' });
    await act(async () => {});
    expect(screen.queryByRole('region', { name: 'You were away' })).toBeNull();
    expect(world.transport.inputsOf('idle.resolve')).toEqual([{ idleUuid: IDLE_UUID, choice }]);
    expect(world.transport.countOf('idle.pending')).toBeGreaterThanOrEqual(2);
    expect(world.transport.countOf('report.timeUse')).toBeGreaterThan(reportsBefore);
  });

  it('shows an empty state, not totals, on a day never clocked in, and the sidebar says nothing is recorded', async () => {
    renderApp({ world: createSeededWorld({ empty: true }) });
    expect(await screen.findByText('You have not clocked in today.')).toBeTruthy();
    expect(screen.queryByLabelText("Today's totals")).toBeNull();
    expect(screen.queryByText('Active')).toBeNull();
    expect(screen.getByTestId('recorder-state').textContent).toBe('Not recording — clocked out');
    expect(screen.queryByText('Recording')).toBeNull();
    expect(screen.getByRole('button', { name: 'Clock in' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'You were away' })).toBeNull();
  });

  it('stops the big timer while the rep is idle and says since when, with the current stretch beside it', async () => {
    const { world } = renderApp();
    const timer = await screen.findByTestId('live-timer');
    expect(screen.getByTestId('live-stretch').textContent).toBe('This stretch 4:00:00');
    const status = world.status();
    const idleSinceMs = status.session!.startMs + 3600_000;
    act(() => world.transport.emit({ type: 'status', status: { ...status, idleSinceMs, today: { ...status.today, timerSeconds: 3600 } } }));
    expect(timer.textContent).toBe('1:00:00');
    expect(screen.getByTestId('live-stretch').textContent).toBe('This stretch 1:00:00');
    expect(screen.getByText(/^Idle since 10:00/)).toBeTruthy();
    expect(document.querySelector('.sidebar-timer')?.textContent).toBe('1:00:00');
    expect(screen.getByTestId('recorder-state').textContent).toBe('Recording');
  });
});
