/**
 * A fixed-offset zone where it is now early afternoon (14:xx), so "today" always has a morning of seeded
 * work before now and nothing crosses midnight while the test runs, whatever the hour in UTC.
 */
export function afternoonZone(nowMs: number): { zone: string; offsetH: number } {
  const offsetH = 14 - new Date(nowMs).getUTCHours(); // −9 … +14, all real Etc/GMT zones
  const zone = offsetH === 0 ? 'UTC' : offsetH > 0 ? `Etc/GMT-${offsetH}` : `Etc/GMT+${-offsetH}`;
  return { zone, offsetH };
}
