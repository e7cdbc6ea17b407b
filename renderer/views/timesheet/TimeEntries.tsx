import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { EffectiveInterval } from '../../../shared/api/results';
import { useI18n, useReadOnly, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { weekRefusalText } from './WeekApproval';
import type { ApiError } from '../../stores/request';
import { fromLocalInput, toLocalInput } from '../../i18n/format';
import type { MessageKey } from '../../i18n/en';
import { entryReasonText } from '../../i18n/entry-reason';

const SOURCE_LABELS: Record<EffectiveInterval['source'], MessageKey> = {
  recorded: 'entries.recorded',
  import: 'entries.imported',
  manual: 'entries.manual',
};

/** The week's work and breaks as they count now; each can be edited or removed with a reason. */
export function TimeEntries() {
  const { t } = useI18n();
  const entries = useStore(useStores().timesheet, (s) => s.entries);
  if (entries.length === 0) return <p className="muted">{t('entries.none')}</p>;
  return (
    <ul className="entries">
      {entries.map((e) => (
        <Entry key={e.uuid} entry={e} />
      ))}
    </ul>
  );
}

function Entry({ entry }: { entry: EffectiveInterval }) {
  const { t, f } = useI18n();
  const readOnly = useReadOnly();
  const store = useStores().timesheet;
  const [mode, setMode] = useState<'view' | 'edit' | 'remove'>('view');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zone = entry.timeZone;
  const label = `${f.dateTime(entry.startMs, zone)}–${f.time(entry.endMs, zone)}`;

  const open = (next: 'edit' | 'remove') => {
    setStart(toLocalInput(entry.startMs, zone));
    setEnd(toLocalInput(entry.endMs, zone));
    setReason('');
    setError(null);
    setMode(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') return setError(t('manual.needReason'));
    let problem: ApiError | null;
    setBusy(true);
    if (mode === 'edit') {
      const startMs = fromLocalInput(start, zone);
      const endMs = fromLocalInput(end, zone);
      if (startMs === null || endMs === null || endMs <= startMs) {
        setBusy(false);
        return setError(t('manual.endBeforeStart'));
      }
      problem = await store.getState().editTime(entry.uuid, {
        ...(startMs !== entry.startMs ? { startMs } : {}),
        ...(endMs !== entry.endMs ? { endMs } : {}),
        reason: reason.trim(),
      });
    } else {
      problem = await store.getState().removeTime(entry.uuid, reason.trim());
    }
    setBusy(false);
    setError(problem && weekRefusalText(problem, { t }));
    if (problem === null) setMode('view');
  };

  return (
    <li className={`entry kind-${entry.kind}`} aria-label={label}>
      <div className="entry-main">
        <div className="entry-info">
          <span className="entry-when num">{label}</span>
          <span className="num">{f.duration((entry.endMs - entry.startMs) / 1000)}</span>
          <span className={`badge kind-${entry.kind}`}>{entry.kind === 'work' ? t('timeline.work') : t('timeline.break')}</span>
          <span className={`badge source-${entry.source}`}>{t(SOURCE_LABELS[entry.source])}</span>
          {entry.manual && entry.source !== 'manual' ? <span className="badge manual">{t('entries.corrected')}</span> : null}
          {entry.open ? <span className="badge running">{t('entries.running')}</span> : null}
          {entry.reason ? <span className="entry-reason muted">“{entryReasonText(entry.reason, t)}”</span> : null}
        </div>
        {mode === 'view' && !entry.open && !readOnly ? (
          <span className="entry-actions">
            <button type="button" className="link" onClick={() => open('edit')}>
              {t('entries.edit')}
            </button>
            <button type="button" className="link danger" onClick={() => open('remove')}>
              {t('entries.remove')}
            </button>
          </span>
        ) : null}
      </div>
      {mode !== 'view' ? (
        <form className="form entry-form" onSubmit={(e) => void submit(e)}>
          {mode === 'edit' ? (
            <div className="form-row">
              <label>
                {t('manual.start')}
                <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
              </label>
              <label>
                {t('manual.end')}
                <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
              </label>
            </div>
          ) : null}
          <label>
            {mode === 'edit' ? t('entries.editReason') : t('entries.removeReason')}
            <input type="text" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('manual.reasonPlaceholder')} />
          </label>
          <div className="button-row">
            <button type="submit" className={mode === 'remove' ? 'danger' : 'primary'} disabled={busy}>
              {mode === 'edit' ? t('entries.save') : t('entries.confirmRemove')}
            </button>
            <button type="button" onClick={() => setMode('view')}>
              {t('common.cancel')}
            </button>
          </div>
          <ErrorNote message={error} />
        </form>
      ) : null}
    </li>
  );
}
