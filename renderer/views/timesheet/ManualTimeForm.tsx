import { useState, type FormEvent } from 'react';
import { useClock, useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { weekRefusalText } from './WeekApproval';
import { Segmented } from '../../components/Segmented';
import { fromLocalInput, toLocalInput } from '../../i18n/format';

const QUARTER = 15 * 60_000;

/** Adds work or a break by hand, with the reason every correction needs. */
export function ManualTimeForm() {
  const { t } = useI18n();
  const clock = useClock();
  const store = useStores().timesheet;
  const zone = clock.timeZone();
  const [kind, setKind] = useState<'work' | 'break'>('work');
  const [start, setStart] = useState(() => toLocalInput(Math.floor(clock.now() / QUARTER) * QUARTER - 3_600_000, zone));
  const [end, setEnd] = useState(() => toLocalInput(Math.floor(clock.now() / QUARTER) * QUARTER, zone));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const startMs = fromLocalInput(start, zone);
    const endMs = fromLocalInput(end, zone);
    if (startMs === null || endMs === null) return setError(t('manual.needTimes'));
    if (endMs <= startMs) return setError(t('manual.endBeforeStart'));
    if (reason.trim() === '') return setError(t('manual.needReason'));
    setBusy(true);
    const problem = await store.getState().addTime({ kind, startMs, endMs, reason: reason.trim() });
    setBusy(false);
    setError(problem && weekRefusalText(problem, { t }));
    if (problem === null) {
      setReason('');
      setSaved(true);
    }
  };

  return (
    <form className="form manual-form" onSubmit={(e) => void submit(e)} aria-labelledby="manual-title">
      <h2 id="manual-title">{t('manual.title')}</h2>
      <p className="muted small">{t('manual.explain')}</p>
      <Segmented
        label={t('manual.kind')}
        value={kind}
        onChange={setKind}
        options={[
          { value: 'work', label: t('timeline.work') },
          { value: 'break', label: t('timeline.break') },
        ]}
      />
      <div className="form-row">
        <label>
          {t('manual.start')}
          <input type="datetime-local" aria-required="true" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label>
          {t('manual.end')}
          <input type="datetime-local" aria-required="true" value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
      </div>
      <label>
        {t('manual.reason')}
        <input
          type="text"
          aria-required="true"
          maxLength={500}
          value={reason}
          placeholder={t('manual.reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {t('manual.add')}
        </button>
        {saved ? (
          <span className="ok-note" role="status">
            {t('manual.saved')}
          </span>
        ) : null}
      </div>
      <ErrorNote message={error} />
    </form>
  );
}
