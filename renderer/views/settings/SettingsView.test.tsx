// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render-app';

afterEach(() => cleanup());

describe('Settings', () => {
  it('lists rules with their ratings, yours first', async () => {
    renderApp({ route: 'settings' });
    const table = await screen.findByRole('table');
    await within(table).findByText('Sales > CRM > Pipedrive');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => (r as HTMLTableRowElement).cells[0]!.textContent)).toEqual([
      'Sales > CRM > Pipedrive',
      'Sales > CRM > Salesforce',
      'Communication > Chat',
      'Entertainment > Video',
    ]);
    expect(within(rows[0]!).getByText('Productive')).toBeTruthy();
    expect(within(rows[3]!).getByText('Unproductive')).toBeTruthy();
    expect(
      screen.getByText(
        '1 of yours and 3 built in. Yours win over the built-in ones for the windows they match; among each, the deepest matching category wins. Changes re-categorize past activity too.',
      ),
    ).toBeTruthy();
    // Each rule in words; the regular expressions on demand.
    expect(within(rows[0]!).getByText('app contains “pipedrive”')).toBeTruthy();
    expect(within(table).queryByText('pipedrive')).toBeNull();
    fireEvent.click(screen.getByLabelText('Show regular expressions'));
    expect(within(rows[0]!).getByText('pipedrive')).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText('Filter rules'), { target: { value: 'youtube' } });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });

  it('adds a rule through rules.add and shows a refused pattern', async () => {
    const { world } = renderApp({ route: 'settings' });
    const form = await screen.findByRole('form', { name: 'Add a rule' });
    fireEvent.change(within(form).getByLabelText('Category'), { target: { value: 'Sales > Dialer' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Give at least one pattern: app, title or URL.');
    fireEvent.change(within(form).getByLabelText('App'), { target: { value: '^aircall$' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect(await within(form).findByText('Rule added.')).toBeTruthy();
    expect(world.transport.inputsOf('rules.add')).toEqual([{ category: 'Sales > Dialer', app: '^aircall$' }]);
    expect(await screen.findByRole('cell', { name: 'Sales > Dialer' })).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: '(' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect((await within(form).findByRole('alert')).textContent).not.toBe('');
  });

  it('rates a category and changes a rating in place', async () => {
    const { world } = renderApp({ route: 'settings' });
    const section = await screen.findByRole('region', { name: 'Ratings' });
    fireEvent.change(within(section).getByLabelText('Category'), { target: { value: 'News' } });
    fireEvent.change(within(section).getByLabelText('Rating'), { target: { value: 'unproductive' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Rate' }));
    const select = await within(section).findByLabelText('Rating of News');
    expect((select as HTMLSelectElement).value).toBe('unproductive');
    fireEvent.change(within(section).getByLabelText('Rating of Entertainment'), { target: { value: 'neutral' } });
    expect(world.transport.inputsOf('rules.rate')).toEqual([
      { category: 'News', rating: 'unproductive' },
      { category: 'Entertainment', rating: 'neutral' },
    ]);
  });

  it('shows built-in categories in Chinese in the ratings, and rates one typed by its Chinese name', async () => {
    const { world } = renderApp({ route: 'settings', languages: ['zh-CN'] });
    const section = await screen.findByRole('region', { name: '效率评级' });
    const select = await within(section).findByLabelText('娱乐 的评级');
    expect(within(section).queryByText('Entertainment')).toBeNull();
    expect(within(section).getByText('娱乐')).toBeTruthy();
    expect([...section.querySelectorAll('datalist option')].map((o) => (o as HTMLOptionElement).value)).toContain('娱乐');
    fireEvent.change(within(section).getByLabelText('类别'), { target: { value: '娱乐' } });
    fireEvent.change(within(section).getByLabelText('评级'), { target: { value: 'neutral' } });
    fireEvent.click(within(section).getByRole('button', { name: '设定评级' }));
    await waitFor(() => expect(world.transport.inputsOf('rules.rate')).toEqual([{ category: 'Entertainment', rating: 'neutral' }]));
    expect(select).toBeTruthy();
  });

  it('tests a window against the rules', async () => {
    renderApp({ route: 'settings' });
    const form = await screen.findByRole('form', { name: 'Test a window' });
    fireEvent.change(within(form).getByLabelText('App'), { target: { value: 'Google-chrome' } });
    fireEvent.change(within(form).getByLabelText('Window title'), { target: { value: 'Q3 pipeline - Salesforce' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Test' }));
    expect(await within(form).findByText('Category: Sales > CRM > Salesforce')).toBeTruthy();
    // The winning rule in words, never its internal id.
    expect(within(form).getByText('by the rule: title contains “Salesforce”')).toBeTruthy();
    expect(form.textContent).not.toMatch(/default-salesforce/);
  });

  it('says when a new rule is shadowed by another rule, naming both in words', async () => {
    renderApp({ route: 'settings' });
    const form = await screen.findByRole('form', { name: 'Add a rule' });
    const add = (category: string, title: string) => {
      fireEvent.change(within(form).getByLabelText('Category'), { target: { value: category } });
      fireEvent.change(within(form).getByLabelText('Title'), { target: { value: title } });
      fireEvent.click(within(form).getByRole('button', { name: 'Add rule' }));
    };
    add('Sales > Accounts > Acme > Deals', 'Acme');
    expect(await within(form).findByText('Rule added.')).toBeTruthy();
    add('Sales > Acme', 'Acme.*renewal');
    const note = await within(form).findByText(/stay under/);
    expect(note.textContent).toBe(
      'Added. But 1 window(s) it matches, such as “Acme renewal”, stay under Sales > Accounts > Acme > Deals: the rule where title contains “Acme” ranks first (a deeper category, or listed earlier). Give this rule a deeper category, or remove that one, for it to take them.',
    );
    expect(within(form).queryByText('Rule added.')).toBeNull();
  });

  it('shows what only `stint track` configures, read-only', async () => {
    renderApp({ route: 'settings' });
    const section = await screen.findByRole('region', { name: 'Recording' });
    expect(within(section).getByText('stint track --idle-threshold SECONDS')).toBeTruthy();
    // The values the running recorder works with, not a default written into the page.
    await waitFor(() => expect(section.textContent).toMatch(/Idle after5m without input, as the recorder runs now/));
    expect(section.textContent).toMatch(/Samples the active windowevery 1s/);
    expect(within(section).queryByRole('textbox')).toBeNull();
  });

  it('keeps the week start and the unconfirmed idle limit through settings.set', async () => {
    const { world } = renderApp({ route: 'settings' });
    const card = await screen.findByRole('form', { name: 'Worked time' });
    expect(within(card).getByText('Unanswered idle in a work session counts as work, however long.')).toBeTruthy();
    const minutes = within(card).getByLabelText('Minutes') as HTMLInputElement;
    expect(minutes.disabled).toBe(true);
    fireEvent.click(within(card).getByLabelText('Leave out unanswered idle stretches longer than'));
    fireEvent.change(minutes, { target: { value: '0' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }));
    expect((await within(card).findByRole('alert')).textContent).toBe('Give whole minutes, 1 or more.');
    expect(world.transport.countOf('settings.set')).toBe(0);
    fireEvent.change(minutes, { target: { value: '45' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }));
    expect(await within(card).findByText('Unanswered idle longer than 45 minutes is left out of worked time until you answer it.')).toBeTruthy();
    const weekStart = within(card).getByLabelText('Workweeks start on') as HTMLSelectElement;
    fireEvent.change(weekStart, { target: { value: 'sun' } });
    await waitFor(() => expect(world.transport.countOf('settings.get')).toBeGreaterThanOrEqual(3));
    expect(weekStart.value).toBe('sun');
    expect(world.transport.inputsOf('settings.set')).toEqual([{ unconfirmedIdleLimitMinutes: 45 }, { weekStart: 'sun' }]);
  });

  it('changes the week start the Timesheet view shows and its week', async () => {
    const { world } = renderApp({ route: 'timesheet' });
    await screen.findByText('Mar 2 – 8, 2026');
    act(() => {
      window.location.hash = '#/settings';
    });
    const card = await screen.findByRole('form', { name: 'Worked time' });
    fireEvent.change(within(card).getByLabelText('Workweeks start on'), { target: { value: 'tue' } });
    await waitFor(() => expect((within(card).getByLabelText('Workweeks start on') as HTMLSelectElement).value).toBe('tue'));
    expect(world.transport.inputsOf('settings.set')).toEqual([{ weekStart: 'tue' }]);

    act(() => {
      window.location.hash = '#/timesheet';
    });
    await screen.findByText('Feb 24 – Mar 2, 2026');
    expect((screen.getByLabelText('Week starts') as HTMLSelectElement).value).toBe('tue');
    await waitFor(() => expect(document.querySelector('tr[data-date="2026-02-24"]')).toBeTruthy());
    expect(world.transport.inputsOf('timesheet.get').at(-1)).toMatchObject({ from: '2026-02-24', to: '2026-03-02', weekStart: 'tue' });
  });

  it('shows the idle policy in force and changes it, and recording outside sessions, through settings.set', async () => {
    const { world } = renderApp({ route: 'settings' });
    const card = await screen.findByRole('region', { name: 'Idle time and privacy' });
    expect(within(card).getByTestId('idle-prompt-in-force').textContent).toBe('Idle stretches of 10 minutes or more are asked about; shorter ones never are.');
    expect(within(card).getByText(/Unanswered for 30 more minutes/)).toBeTruthy();
    expect(within(card).getByText('Nothing is recorded while you are clocked out or on a break.')).toBeTruthy();
    fireEvent.change(within(card).getByLabelText('Ask what idle time was after (minutes)'), { target: { value: '15' } });
    fireEvent.click(within(card).getByLabelText('Stop the session when nobody answers'));
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(world.transport.inputsOf('settings.set')).toEqual([{ idlePromptMinutes: 15, idleAutoPauseMinutes: null }]));
    expect(await within(card).findByText('The session keeps running however long you are away.')).toBeTruthy();
    fireEvent.click(within(card).getByLabelText('Record outside sessions for my eyes only'));
    expect(await within(card).findByText(/never synced, never shown to a manager/)).toBeTruthy();
    expect(world.transport.inputsOf('settings.set').at(-1)).toEqual({ recordOutsideSessions: true });
  });
});
