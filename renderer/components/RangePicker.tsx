import type { MessageKey } from '../i18n/en';
import { useClock, useI18n } from '../app/AppContext';
import { presetOf, presetRange, type DateRange, type RangePreset } from '../app/date-ranges';

const PRESET_LABELS: Record<RangePreset, MessageKey> = {
  today: 'range.today',
  yesterday: 'range.yesterday',
  thisWeek: 'range.thisWeek',
  last7: 'range.last7',
  thisMonth: 'range.thisMonth',
  last30: 'range.last30',
  thisQuarter: 'range.thisQuarter',
};

/** Preset ranges as buttons and a custom from–to pair of dates. */
export function RangePicker({ range, presets, onChange }: { range: DateRange; presets: readonly RangePreset[]; onChange: (range: DateRange) => void }) {
  const { t } = useI18n();
  const clock = useClock();
  const active = presetOf(range, clock, presets);
  return (
    <div className="range-picker">
      <div className="segmented" role="group" aria-label={t('range.label')}>
        {presets.map((p) => (
          <button key={p} type="button" aria-pressed={p === active} onClick={() => onChange(presetRange(p, clock))}>
            {t(PRESET_LABELS[p])}
          </button>
        ))}
      </div>
      <div className="range-dates">
        <label>
          <span className="sr-only">{t('range.from')}</span>
          <input
            type="date"
            value={range.from}
            max={range.to}
            aria-label={t('range.from')}
            onChange={(e) => e.target.value && onChange({ from: e.target.value, to: range.to < e.target.value ? e.target.value : range.to })}
          />
        </label>
        <span aria-hidden="true">–</span>
        <label>
          <span className="sr-only">{t('range.to')}</span>
          <input
            type="date"
            value={range.to}
            min={range.from}
            aria-label={t('range.to')}
            onChange={(e) => e.target.value && onChange({ from: range.from > e.target.value ? e.target.value : range.from, to: e.target.value })}
          />
        </label>
      </div>
    </div>
  );
}
