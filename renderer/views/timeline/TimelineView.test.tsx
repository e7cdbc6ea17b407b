// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render-app';

afterEach(() => cleanup());

describe('Timeline', () => {
  it('draws activity by rating, idle and the session as lanes', async () => {
    renderApp({ route: 'timeline' });
    const activity = await screen.findByRole('group', { name: 'Activity' });
    const spans = within(activity).getAllByRole('img');
    expect(spans).toHaveLength(5);
    expect(spans[0]!.className).toContain('rate-productive');
    expect(spans[0]!.getAttribute('aria-label')).toBe('9:00 AM–10:00 AM (1h) · Google Chrome · Sales > CRM > Salesforce');
    expect(spans[3]!.className).toContain('rate-unproductive');
    const idle = within(screen.getByRole('group', { name: 'Idle' })).getAllByRole('img');
    expect(idle.map((s) => s.getAttribute('aria-label'))).toEqual(['10:30 AM–11:00 AM (30m) · Idle']);
    const sessions = within(screen.getByRole('group', { name: 'Sessions' })).getAllByRole('img');
    expect(sessions[0]!.className).toContain('session-work');
    // Recorded hours: 09:00 to 13:00 fill the width; the first span starts at the left edge.
    expect(spans[0]!.style.left).toBe('0%');
    expect(spans[0]!.style.width).toBe('25%');
    // The app written on the lane, by the name people know it, not only in the tooltip.
    expect(within(activity).getAllByText('Google Chrome').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Whole day' }));
    expect(within(screen.getByRole('group', { name: 'Activity' })).getAllByRole('img')[0]!.style.left).toBe('37.5%');
  });

  it('moves between days and says when a day is empty', async () => {
    const { world } = renderApp({ route: 'timeline' });
    await screen.findByRole('group', { name: 'Activity' });
    expect((screen.getByRole('button', { name: 'Next day' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Previous day' }));
    expect(await screen.findByText('Nothing was recorded on this day.')).toBeTruthy();
    expect(world.transport.inputsOf('timeline.get').at(-1)).toEqual({ date: '2026-03-01', timeZone: 'UTC' });
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-02-24' } });
    await screen.findByText('Tuesday, February 24, 2026');
    expect(await screen.findByRole('cell', { name: '9:00 AM–6:30 PM' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Today' }));
    expect(await screen.findByRole('group', { name: 'Activity' })).toBeTruthy();
  });

  it('shows manual time with its reason', async () => {
    const { world } = renderApp({ route: 'timeline' });
    await screen.findByRole('group', { name: 'Sessions' });
    await world.transport.request('time.add', { kind: 'work', startMs: Date.UTC(2026, 2, 2, 7), endMs: Date.UTC(2026, 2, 2, 8), reason: 'client breakfast' });
    expect(await screen.findByRole('cell', { name: 'client breakfast' })).toBeTruthy();
    const manual = within(screen.getByRole('group', { name: 'Sessions' }))
      .getAllByRole('img')
      .find((s) => s.className.includes('session-manual'));
    expect(manual?.getAttribute('aria-label')).toContain('Manual: client breakfast');
    // The reason is written on the lane too.
    expect(within(screen.getByRole('group', { name: 'Sessions' })).getAllByText('client breakfast').length).toBeGreaterThan(0);
  });

  it('zooms to the worked hours: the work sessions, not every recorded minute', async () => {
    const { world } = renderApp({ route: 'timeline' });
    await screen.findByRole('group', { name: 'Sessions' });
    // Recorded activity late in the evening, outside any work session.
    await world.transport.request('time.add', { kind: 'break', startMs: Date.UTC(2026, 2, 2, 5), endMs: Date.UTC(2026, 2, 2, 6), reason: 'gym' });
    const first = () => within(screen.getByRole('group', { name: 'Sessions' })).getAllByRole('img');
    await screen.findByRole('cell', { name: 'gym' });
    expect(screen.getByRole('button', { name: 'Worked hours' }).getAttribute('aria-pressed')).toBe('true');
    // Worked hours: the break at 05:00 is left of the window, so the work session starts at the left edge.
    const work = first().find((s) => s.className.includes('session-work') && !s.className.includes('manual'))!;
    expect(work.style.left).toBe('0%');
    fireEvent.click(screen.getByRole('button', { name: 'Recorded hours' }));
    const again = first().find((s) => s.className.includes('session-work') && !s.className.includes('manual'))!;
    expect(again.style.left).not.toBe('0%');
  });
});
