import { expect, it } from 'vitest';
import { repHref, teamRouteOf } from './team-routes';

it("reads a rep's page and view from the hash, the overview without one", () => {
  expect(teamRouteOf('#/rep/12')).toEqual({ page: 'rep', id: 12, tab: 'overview' });
  expect(teamRouteOf('#/rep/12/timeline')).toEqual({ page: 'rep', id: 12, tab: 'timeline' });
  expect(teamRouteOf('#/rep/12/calls')).toEqual({ page: 'rep', id: 12, tab: 'calls' });
  expect(teamRouteOf('#/rep/12/sales')).toEqual({ page: 'rep', id: 12, tab: 'sales' });
  expect(teamRouteOf('#/rep/12/settings')).toEqual({ page: 'rep', id: 12, tab: 'overview' });
  expect(teamRouteOf('#/rep/x/today')).toEqual({ page: null, id: null });
  expect(teamRouteOf('#/now')).toEqual({ page: 'now', id: null });
  expect(repHref(12, 'timesheet')).toBe('#/rep/12/timesheet');
  expect(repHref(12, 'overview')).toBe('#/rep/12');
});
