// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render-app';
import { createSeededWorld, H, T9 } from '../../testing/seed-world';

afterEach(() => cleanup());

const row = (date: string) => document.querySelector<HTMLTableRowElement>(`tr[data-date="${date}"]`)!;
const cells = (tr: HTMLTableRowElement) => [...tr.querySelectorAll('td')].map((td) => td.textContent);

/** The seeded world with a late Monday last week: 18:30–23:30 more work leaves 9 h 30 min of rest before Tuesday 09:00. */
function worldWithShortRest() {
  const world = createSeededWorld();
  const start = Date.UTC(2026, 1, 23, 18, 30);
  world.entries.push({
    uuid: 'late',
    kind: 'work',
    startMs: start,
    endMs: start + 5 * H,
    timeZone: 'UTC',
    manual: false,
    source: 'recorded',
    reason: null,
    open: false,
  });
  return world;
}

describe('Timesheet warnings, worded from their figures in the chosen language', () => {
  const items = (list: HTMLElement) =>
    within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);

  it('English', async () => {
    renderApp({ route: 'timesheet', world: worldWithShortRest() });
    await screen.findByRole('table', { name: 'Week by day' });
    fireEvent.click(screen.getByRole('button', { name: 'Previous week' }));
    expect(items(await screen.findByRole('list', { name: 'Warnings' }))).toEqual([
      'EU 48-hour average: Mon, Feb 23 — average working week of 52h 30m over the 1 workweek(s) from Mon, Feb 23 to the week of Mon, Feb 23, ' +
        'over the EU limit of 48h (Directive 2003/88/EC art. 6, averaged over at most 17 weeks).',
      'EU 11-hour rest: Tue, Feb 24 — only 9h 30m of rest between the end of work begun on Mon, Feb 23 and the start of work on Tue, Feb 24; ' +
        'the EU minimum is 11h in a row (Directive 2003/88/EC art. 3).',
    ]);
  });

  it('Chinese', async () => {
    renderApp({ route: 'timesheet', world: worldWithShortRest(), languages: ['zh-CN'] });
    await screen.findByRole('table', { name: '按天的一周' });
    fireEvent.click(screen.getByRole('button', { name: '上一周' }));
    const [average, rest] = items(await screen.findByRole('list', { name: '提醒' }));
    expect(average).toMatch(
      /^欧盟 48 小时平均：.+ — 自 .+ 起至 .+ 当周的 1 个工作周平均每周工作 52小时30分钟，超过欧盟 48小时 的上限（第 2003\/88\/EC 号指令第 6 条，最多按 17 周平均）。$/,
    );
    expect(rest).toMatch(
      /^欧盟 11 小时休息：.+ — .+ 开始的工作结束后，到 .+ 开始工作前只休息了 9小时30分钟；欧盟规定每日至少连续休息 11小时（第 2003\/88\/EC 号指令第 3 条）。$/,
    );
    for (const text of [average, rest]) expect(text).not.toMatch(/[A-Za-z]{3,}/);
  });
});

describe('Timesheet', () => {
  it('renders this week by local day, today included', async () => {
    renderApp({ route: 'timesheet' });
    const grid = await screen.findByRole('table', { name: 'Week by day' });
    expect(within(grid).getAllByRole('row')).toHaveLength(9); // header, 7 days, total
    // Monday 2 March: clocked in at 09:00 and still working at 13:00.
    expect(cells(row('2026-03-02')).slice(0, 3)).toEqual(['9:00 AM', '1:00 PM', '4h']);
    expect(screen.getByText('Mar 2 – 8, 2026')).toBeTruthy();
  });

  it('splits last week into regular time and FLSA overtime', async () => {
    const { world } = renderApp({ route: 'timesheet' });
    await screen.findByRole('table', { name: 'Week by day' });
    fireEvent.click(screen.getByRole('button', { name: 'Previous week' }));
    await screen.findByText('Feb 23 – Mar 1, 2026');
    const grid = await screen.findByRole('table', { name: 'Week by day' });
    const totals = () => [...within(grid).getAllByRole('row').at(-1)!.querySelectorAll('td')].map((td) => td.textContent);
    expect(totals().slice(2, 3)).toEqual(['47h 30m']);
    expect(within(grid).queryByRole('columnheader', { name: 'Overtime' })).toBeNull();

    fireEvent.change(screen.getByLabelText('Overtime'), { target: { value: 'flsa' } });
    await screen.findByText('FLSA: hours over 40 in the workweek are overtime at 1.5×.');
    await waitFor(() => expect(totals()[4]).toBe('7h 30m'));
    expect(totals().slice(2, 5)).toEqual(['47h 30m', '40h', '7h 30m']);
    expect(within(grid).queryByRole('columnheader', { name: 'Double time' })).toBeNull();
    // The 40 hours run out on Friday: of its 9.5 h, 2 h are regular and 7.5 h overtime.
    expect(cells(row('2026-02-27')).slice(2, 5)).toEqual(['9h 30m', '2h', '7h 30m']);
    expect(world.transport.inputsOf('timesheet.get').at(-1)).toMatchObject({ from: '2026-02-23', to: '2026-03-01', rules: 'flsa' });

    fireEvent.change(screen.getByLabelText('Overtime'), { target: { value: 'california' } });
    await screen.findByText(/California: over 8 h a day/);
    expect(world.transport.inputsOf('timesheet.get').at(-1)).toMatchObject({ rules: 'california' });
    // California: 1.5 h over 8 h each day, none over 12 h.
    await waitFor(() => expect(cells(row('2026-02-23')).slice(2, 6)).toEqual(['9h 30m', '8h', '1h 30m', '—']));
    expect(within(grid).getByRole('columnheader', { name: 'Double time' })).toBeTruthy();
  });

  it('sends the rounding choice and stores it with the work settings', async () => {
    const { world, storage } = renderApp({ route: 'timesheet' });
    await screen.findByRole('table', { name: 'Week by day' });
    fireEvent.change(screen.getByLabelText('Rounding'), { target: { value: '15' } });
    await screen.findByText(/rounded to 15 minutes \(to nearest\)/);
    expect(world.transport.inputsOf('timesheet.get').at(-1)).toMatchObject({ rounding: { minutes: 15, mode: 'nearest' } });
    fireEvent.change(screen.getByLabelText('Round'), { target: { value: 'up' } });
    await screen.findByText(/rounded to 15 minutes \(up\)/);
    expect(world.transport.inputsOf('settings.set').at(-1)).toEqual({ rounding: { minutes: 15, mode: 'up' } });
    expect((await world.transport.request('settings.get', {})).ok && storage.getItem('stint.timesheet')).toBeNull();
  });

  it('keeps the week start as the stored setting, the same one the Settings card shows', async () => {
    const { world, storage } = renderApp({ route: 'timesheet' });
    await screen.findByRole('table', { name: 'Week by day' });
    const weekStart = screen.getByLabelText('Week starts') as HTMLSelectElement;
    expect(weekStart.value).toBe('mon');
    fireEvent.change(weekStart, { target: { value: 'sun' } });
    await screen.findByText('Mar 1 – 7, 2026');
    await waitFor(() => expect(row('2026-03-01')).toBeTruthy());
    expect(world.transport.inputsOf('settings.set')).toEqual([{ weekStart: 'sun' }]);
    expect(world.transport.inputsOf('timesheet.get').at(-1)).toMatchObject({ from: '2026-03-01', to: '2026-03-07', weekStart: 'sun' });
    expect(storage.getItem('stint.timesheet')).toBeNull();

    act(() => {
      window.location.hash = '#/settings';
    });
    const card = await screen.findByRole('form', { name: 'Worked time' });
    expect((within(card).getByLabelText('Workweeks start on') as HTMLSelectElement).value).toBe('sun');
  });

  it('submits manual time with a reason through time.add and shows it', async () => {
    const { world } = renderApp({ route: 'timesheet' });
    await screen.findByRole('table', { name: 'Week by day' });
    const form = screen.getByRole('form', { name: 'Add time' });
    fireEvent.change(within(form).getByLabelText('Start'), { target: { value: '2026-03-02T07:00' } });
    fireEvent.change(within(form).getByLabelText('End'), { target: { value: '2026-03-02T08:30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add time' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Give a reason: every change to your hours keeps one.');
    expect(world.transport.countOf('time.add')).toBe(0);

    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'client breakfast' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add time' }));
    await within(form).findByText('Added.');
    expect(world.transport.inputsOf('time.add')).toEqual([{ kind: 'work', startMs: T9 - 2 * H, endMs: T9 - 0.5 * H, reason: 'client breakfast' }]);
    // The grid and the list now hold the manual 1.5 h.
    await screen.findByText('“client breakfast”');
    expect(cells(row('2026-03-02')).slice(0, 3)).toEqual(['7:00 AM', '1:00 PM', '5h 30m']);
    // Manual, claimed idle, unconfirmed idle: the seeded 10:30–11:00 away is not answered yet.
    expect(cells(row('2026-03-02')).slice(-3)).toEqual(['1h 30m', '—', '30m']);
  });

  it('refuses an end before the start without asking the recorder', async () => {
    const { world } = renderApp({ route: 'timesheet' });
    const form = await screen.findByRole('form', { name: 'Add time' });
    fireEvent.change(within(form).getByLabelText('Start'), { target: { value: '2026-03-02T12:00' } });
    fireEvent.change(within(form).getByLabelText('End'), { target: { value: '2026-03-02T11:00' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'x' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add time' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('The end must be after the start.');
    expect(world.transport.countOf('time.add')).toBe(0);
  });

  it('edits and removes an entry, each with a reason', async () => {
    const { world } = renderApp({ route: 'timesheet' });
    fireEvent.click(screen.getByRole('button', { name: 'Previous week' }));
    const monday = await screen.findByRole('listitem', { name: 'Mon, Feb 23, 9:00 AM–6:30 PM' });
    fireEvent.click(within(monday).getByRole('button', { name: 'Edit' }));
    fireEvent.change(within(monday).getByLabelText('End'), { target: { value: '2026-02-23T17:00' } });
    fireEvent.click(within(monday).getByRole('button', { name: 'Save change' }));
    expect((await within(monday).findByRole('alert')).textContent).toMatch(/Give a reason/);
    fireEvent.change(within(monday).getByLabelText('Why the change?'), { target: { value: 'left early' } });
    fireEvent.click(within(monday).getByRole('button', { name: 'Save change' }));
    await screen.findByText('“left early”');
    expect(world.transport.inputsOf('time.edit')).toEqual([{ uuid: 'work-1', endMs: Date.UTC(2026, 1, 23, 17), reason: 'left early' }]);

    const tuesday = screen.getByRole('listitem', { name: 'Tue, Feb 24, 9:00 AM–6:30 PM' });
    fireEvent.click(within(tuesday).getByRole('button', { name: 'Remove' }));
    fireEvent.change(within(tuesday).getByLabelText('Why remove it?'), { target: { value: 'was a holiday' } });
    fireEvent.click(within(tuesday).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Tue, Feb 24, 9:00 AM–6:30 PM' })).toBeNull());
    expect(world.transport.inputsOf('time.remove')).toEqual([{ uuid: 'work-2', reason: 'was a holiday' }]);
  });
});
