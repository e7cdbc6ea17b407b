/** The rep's week states (submitted, approved, rejected with the manager's comment), pulled and kept on the device. */
import { addDays, localDate } from '../../../shared/timesheet/local-time';
import type { Clock } from '../clock/clock';
import type { SyncStore } from '../store/sync-store';
import type { Enrollment } from './enrollment-file';
import type { SyncClient } from './sync-client';

/** How far back the states are pulled: half a year of weeks, all a rep may still be asked about. */
export const WEEKS_PULLED_DAYS = 26 * 7;

export async function pullWeeks(client: SyncClient, enrollment: Enrollment, sync: SyncStore, clock: Clock, signal?: AbortSignal): Promise<void> {
  // Weeks this device already knows stay current however old (a reopened week unlocks), and half a year besides.
  const oldest = sync.weeks().weeks[0]?.weekStart;
  const recent = addDays(localDate(clock.now(), 'UTC'), -WEEKS_PULLED_DAYS);
  const from = oldest !== undefined && oldest < recent ? oldest : recent;
  const weeks = await client.weeks(enrollment.token, from, signal);
  sync.recordWeeks(from, weeks, clock.now());
}
