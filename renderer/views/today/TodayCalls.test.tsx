// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render-app';
import { SEED_DAY, SEED_ZONE } from '../../testing/seed-world';

afterEach(() => cleanup());

const card = () => screen.findByRole('region', { name: "Today's calls" });

describe("Today's calls", () => {
  it('says there are no calls yet and links to the Calls view', async () => {
    const { world } = renderApp();
    const region = await card();
    expect(await within(region).findByText('No calls yet today.')).toBeTruthy();
    expect(within(region).getByRole('link', { name: 'See all calls' }).getAttribute('href')).toBe('#/calls');
    expect(within(region).queryByRole('group', { name: 'Call in progress' })).toBeNull();
    expect(world.transport.inputsOf('report.calls')).toContainEqual({ from: SEED_DAY, to: SEED_DAY, scope: 'mine', timeZone: SEED_ZONE });
  });

  it('follows the call in progress with its live talk time, then shows calls answered and AHT', async () => {
    const { world } = renderApp();
    const region = await card();
    await within(region).findByText('No calls yet today.');

    await act(async () => {
      await world.transport.request('calls.act', { action: 'start', direction: 'out', contact: 'Acme — Dana' });
    });
    const live = await within(region).findByRole('group', { name: 'Call in progress' });
    expect(within(live).getByText('On a call with Acme — Dana')).toBeTruthy();
    expect(within(live).getByTestId('today-call-talk').textContent).toBe('0:00:00');
    await act(async () => world.tick(65_000));
    expect(await within(live).findByText('0:01:05')).toBeTruthy();

    await act(async () => {
      await world.transport.request('calls.act', { action: 'end' });
    });
    expect(await within(region).findByText('After-call work: Acme — Dana')).toBeTruthy();
    await act(async () => world.tick(30_000));
    await act(async () => {
      await world.transport.request('calls.act', { action: 'wrap' });
    });
    await within(region).findByText('1');
    expect(within(region).queryByRole('group', { name: 'Call in progress' })).toBeNull();
    // 1m 05s talk + 30 s after-call work.
    expect(within(region).getByText('Average handle time').nextSibling?.textContent).toBe('1m 35s');
    expect(within(region).getByText('Answered').nextSibling?.textContent).toBe('1');
    expect(within(region).getByText('of 1 calls')).toBeTruthy();
  });

  it('reloads today’s figures on a changed calls event', async () => {
    const { world } = renderApp();
    const region = await card();
    await within(region).findByText('No calls yet today.');
    const before = world.transport.countOf('report.calls');
    await act(async () => world.transport.emit({ type: 'changed', what: 'calls' }));
    expect(world.transport.countOf('report.calls')).toBeGreaterThan(before);
  });
});
