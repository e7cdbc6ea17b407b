import type { RequestName } from '../../../shared/api/contract';

/** The read workers' queues: status alone in its own, so a long report never keeps the views' status waiting. */
export type ReadLane = 'status' | 'reports';

/**
 * Requests answered off the recorder's thread (read-pool.ts), by lane: the ones that may read much (a
 * range of records, today's totals). They change no record; the reports fill derived day caches, which the
 * worker's connection may write (store/worker-connection.ts). Everything else, the writes and the cheap
 * point reads, stays on the recorder's thread.
 */
export const READ_LANES: Partial<Record<RequestName, ReadLane>> = {
  'status.get': 'status',
  'report.timeUse': 'reports',
  'report.calls': 'reports',
  'report.sales': 'reports',
  'timesheet.get': 'reports',
  'timeline.get': 'reports',
  'time.list': 'reports',
  'calls.list': 'reports',
};
