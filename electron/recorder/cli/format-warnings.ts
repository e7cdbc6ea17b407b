import type { TimesheetWarning } from '../../../shared/timesheet';

/** "9 h 30 min", "48 h", "45 min": hours in the warnings' prose. */
function hoursInWords(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** A timesheet warning in English, with the article of the directive it comes from (the views have their own, per language). */
export function timesheetWarningText(w: TimesheetWarning): string {
  switch (w.kind) {
    case 'eu-48h-average':
      return (
        `Average working week of ${hoursInWords(w.averageSeconds)} over the ${w.weeks} workweek(s) from ${w.firstWeek} ` +
        `to the week of ${w.lastWeek} exceeds the EU limit of ${hoursInWords(w.limitSeconds)} (Directive 2003/88/EC art. 6, ` +
        `averaged over at most ${w.referenceWeeks} weeks).`
      );
    case 'eu-11h-daily-rest':
      return (
        `Only ${hoursInWords(w.restSeconds)} of rest between the end of work begun on ${w.previousDate} and the start ` +
        `of work on ${w.date}; the EU minimum daily rest is ${w.minimumSeconds / 3600} consecutive hours (Directive 2003/88/EC art. 3).`
      );
  }
}
