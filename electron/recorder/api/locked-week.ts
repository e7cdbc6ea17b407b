import { CodedRefusal } from '../../../shared/api/refusal';
import { lockedWeekTouched, type EditedSpan } from '../../../shared/payroll/week-lock';
import type { SyncStore } from '../store/sync-store';

/**
 * Refuses an edit that would change an approved (locked) week, naming the week and who approved it. The states
 * are those last pulled: a week approved since is refused by the server on the next submission instead.
 */
export function refuseLockedEdit(sync: SyncStore, spans: readonly EditedSpan[]): void {
  const week = lockedWeekTouched(spans, sync.weeks().weeks);
  if (!week) return;
  const by = week.decidedBy ?? 'your manager';
  throw new CodedRefusal(
    'week-locked',
    `The week of ${week.weekStart} is approved by ${by} and locked: it can no longer be changed on this device. Ask your manager to reopen it if something must change.`,
    { weekStart: week.weekStart, decidedBy: week.decidedBy ?? '' },
  );
}
