import { WEEK_STARTS, type WeekStart } from '../../shared/timesheet/types';
import { useI18n } from '../app/AppContext';
import { WEEKDAY_DATE } from '../stores/timesheet-store';

/** The stored week start as a select, weekdays named in the reader's language; the Timesheet and Settings views both show it. */
export function WeekStartSelect({ label, value, onChange }: { label: string; value: WeekStart; onChange(weekStart: WeekStart): void }) {
  const { f } = useI18n();
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(WEEK_STARTS.find((w) => w === e.target.value) ?? value)}>
        {WEEK_STARTS.map((w) => (
          <option key={w} value={w}>
            {f.weekday(WEEKDAY_DATE[w])}
          </option>
        ))}
      </select>
    </label>
  );
}
