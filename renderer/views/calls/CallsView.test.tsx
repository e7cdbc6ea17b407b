// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render-app';

afterEach(() => cleanup());

describe('Calls', () => {
  it('explains how calls get here when there are none', async () => {
    renderApp({ route: 'calls' });
    expect(await screen.findByText('No calls in this range.')).toBeTruthy();
    expect(screen.getByText('stint calls start', { selector: 'code' })).toBeTruthy();
    expect(screen.getByText('No call in progress')).toBeTruthy();
  });

  it('times a call: start, hold, resume, end, after-call work, and lists it', async () => {
    const { world } = renderApp({ route: 'calls' });
    const live = await screen.findByRole('region', { name: 'Call in progress' });
    fireEvent.change(within(live).getByLabelText('Contact'), { target: { value: 'Acme — Dana' } });
    fireEvent.click(within(live).getByRole('button', { name: 'Start call' }));
    expect(await within(live).findByText('On a call with Acme — Dana')).toBeTruthy();
    expect(world.transport.inputsOf('calls.act')).toEqual([{ action: 'start', direction: 'out', contact: 'Acme — Dana' }]);

    await act(async () => world.tick(65_000));
    expect(await within(live).findByText('0:01:05')).toBeTruthy();

    fireEvent.click(within(live).getByRole('button', { name: 'Hold' }));
    expect(await within(live).findByText('On hold')).toBeTruthy();
    expect(within(live).queryByRole('button', { name: 'No answer' })).toBeNull();
    await act(async () => world.tick(30_000));
    fireEvent.click(within(live).getByRole('button', { name: 'Resume' }));
    await within(live).findByRole('button', { name: 'Hold' });
    await act(async () => world.tick(60_000));
    fireEvent.click(within(live).getByRole('button', { name: 'End call' }));
    expect(await within(live).findByText('After-call work: Acme — Dana')).toBeTruthy();
    await act(async () => world.tick(120_000));
    fireEvent.click(within(live).getByRole('button', { name: 'Done with notes' }));
    expect(await within(live).findByText('No call in progress')).toBeTruthy();
    expect(world.transport.inputsOf('calls.act').map((a) => a.action)).toEqual(['start', 'hold', 'resume', 'end', 'wrap']);

    // 2m 05s talk + 30 s hold + 2 min after-call work.
    const aht = await screen.findByText('Average handle time');
    expect(aht.nextSibling?.textContent).toBe('4m 35s');
    const table = screen.getByRole('table');
    expect(within(table).getByText('Acme — Dana')).toBeTruthy();
    expect(within(table).getByText('timed by you')).toBeTruthy();
  });

  it('shows a refused call action', async () => {
    const { world } = renderApp({ route: 'calls' });
    world.transport.handle('calls.act', () => {
      throw new Error('No call is in progress.');
    });
    const live = await screen.findByRole('region', { name: 'Call in progress' });
    fireEvent.click(within(live).getByRole('button', { name: 'Start call' }));
    expect((await within(live).findByRole('alert')).textContent).toBe('No call is in progress.');
  });
});
