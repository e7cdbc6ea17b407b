import type { TimesheetWarning } from '../../../shared/timesheet/types';
import type { I18n } from '../../i18n/i18n';

/** A timesheet warning in the chosen language, from the figures the timesheet returns. */
export function warningText(w: TimesheetWarning, { t, f }: Pick<I18n, 't' | 'f'>): string {
  switch (w.kind) {
    case 'eu-48h-average':
      return t('timesheet.warn48hText', {
        average: f.duration(w.averageSeconds),
        weeks: f.number(w.weeks),
        first: f.date(w.firstWeek),
        last: f.date(w.lastWeek),
        limit: f.duration(w.limitSeconds),
        reference: f.number(w.referenceWeeks),
      });
    case 'eu-11h-daily-rest':
      return t('timesheet.warn11hText', {
        rest: f.duration(w.restSeconds),
        previous: f.date(w.previousDate),
        date: f.date(w.date),
        minimum: f.duration(w.minimumSeconds),
      });
  }
}
