import { describe, expect, it } from 'vitest';
import type { TeamNowRow } from '../../shared/team/team-api';
import { viewOf, visibleRows } from './team-now-rows';

const NOW = Date.UTC(2026, 2, 2, 15, 0);
const today = {
  date: '2026-03-02',
  timeZone: 'UTC',
  recordedWorkedSeconds: 0,
  activeSeconds: 0,
  productiveSeconds: 0,
  productivity: null,
  calls: 0,
  answeredCalls: 0,
  ahtSeconds: null,
};
function row(
  userId: number,
  name: string,
  status: Partial<NonNullable<TeamNowRow['status']>['status']> | null,
  extra: Partial<TeamNowRow['today']> = {},
  receivedMs = NOW,
): TeamNowRow {
  return {
    userId,
    email: `${name.toLowerCase()}@example.com`,
    name,
    team: 'A',
    today: { ...today, ...extra },
    status:
      status === null
        ? null
        : {
            deviceId: `d${userId}`,
            receivedMs,
            status: {
              deviceId: `d${userId}`,
              atMs: receivedMs,
              clockedIn: true,
              onBreak: false,
              onCall: false,
              category: null,
              todayWorkedSeconds: 0,
              ...status,
            },
          },
  };
}

describe('Team now rows', () => {
  it('show the live worked time while it is ahead of the synced records, and the call in progress', () => {
    const v = viewOf(
      row(1, 'Ann', { onCall: true, callStartedMs: NOW - 95_000, todayWorkedSeconds: 7200, category: 'Sales > CRM' }, { recordedWorkedSeconds: 3600 }),
      NOW,
    );
    expect(v).toMatchObject({ presence: 'call', workedSeconds: 7200, callSeconds: 95, activity: 'Sales > CRM' });
    const offline = viewOf(row(2, 'Bo', { todayWorkedSeconds: 60, category: 'Email' }, { recordedWorkedSeconds: 3600 }, NOW - 10 * 60_000), NOW);
    expect(offline).toMatchObject({ presence: 'offline', workedSeconds: 3600, callSeconds: null, activity: null });
  });

  it('filter by text and by presence or alerts, and sort with ties broken by name', () => {
    const views = [
      row(1, 'Cy', { todayWorkedSeconds: 100 }, { productivity: 0.5 }),
      row(2, 'Ann', null),
      row(3, 'Bo', { idleSinceMs: NOW - 3600_000, todayWorkedSeconds: 100 }, { productivity: 0.9 }),
    ].map((r) => viewOf(r, NOW));
    const names = (vs: ReturnType<typeof visibleRows>) => vs.map((v) => v.row.name);
    expect(names(visibleRows(views, { text: '', show: 'all', sort: 'rep', dir: 'asc' }))).toEqual(['Ann', 'Bo', 'Cy']);
    expect(names(visibleRows(views, { text: '', show: 'online', sort: 'worked', dir: 'desc' }))).toEqual(['Bo', 'Cy']);
    expect(names(visibleRows(views, { text: '', show: 'alerts', sort: 'rep', dir: 'asc' }))).toEqual(['Bo']);
    expect(names(visibleRows(views, { text: 'CY@', show: 'all', sort: 'rep', dir: 'asc' }))).toEqual(['Cy']);
    expect(names(visibleRows(views, { text: '', show: 'all', sort: 'productivity', dir: 'desc' }))).toEqual(['Bo', 'Cy', 'Ann']);
    expect(names(visibleRows(views, { text: '', show: 'all', sort: 'state', dir: 'asc' }))).toEqual(['Cy', 'Bo', 'Ann']);
  });
});
