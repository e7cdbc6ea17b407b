import { formatDuration } from '../../../shared/format-duration';

/** " (manual 1:00:00, claimed idle 0:20:00)": the parts of worked time a manager looks at, when there are any. */
export function workedParts(r: { manualSeconds: number; claimedIdleSeconds: number; unconfirmedIdleSeconds: number }): string {
  const parts = [
    ['manual', r.manualSeconds],
    ['claimed idle', r.claimedIdleSeconds],
    ['unconfirmed idle', r.unconfirmedIdleSeconds],
  ] as const;
  const shown = parts.filter(([, seconds]) => seconds > 0).map(([label, seconds]) => `${label} ${formatDuration(seconds)}`);
  return shown.length > 0 ? ` (${shown.join(', ')})` : '';
}
