import type { Timesheet } from '../../../shared/timesheet/types';
import { timesheetCsv } from '../../../shared/timesheet/timesheet-csv';
import type { I18n } from '../../i18n/i18n';

/** The week shown as CSV in the reader's language (headers, times), from the same shared writer the CLI could use. */
export function weekCsv(sheet: Pick<Timesheet, 'days' | 'totals'>, { t, f }: Pick<I18n, 't' | 'f'>): string {
  const hours = (key: Parameters<I18n['t']>[0]) => t('timesheet.csvHours', { what: t(key) });
  return timesheetCsv(sheet, {
    headers: {
      date: t('timesheet.csvDate'),
      start: t('timesheet.in'),
      end: t('timesheet.out'),
      worked: hours('timesheet.worked'),
      regular: hours('timesheet.regular'),
      overtime: hours('timesheet.overtime'),
      doubleTime: hours('timesheet.doubleTime'),
      breaks: hours('timesheet.breaks'),
      manual: hours('timesheet.manual'),
    },
    total: t('timesheet.total'),
    time: (ms, zone) => f.time(ms, zone),
  });
}

/** Offers text as a file download (a Blob URL on a temporary link). */
export function download(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
