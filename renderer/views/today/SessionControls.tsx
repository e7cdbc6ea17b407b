import { useStore } from 'zustand';
import type { SessionAction } from '../../../shared/recording/session-machine';
import { useI18n, useStores } from '../../app/AppContext';
import { refusalText } from '../../i18n/refusal-text';
import { ErrorNote } from '../../components/ErrorNote';
import type { MessageKey } from '../../i18n/en';
import { sessionStateOf } from './session-state';

const BUTTONS: Record<'off' | 'working' | 'on-break', { action: SessionAction; label: MessageKey; primary?: boolean }[]> = {
  off: [{ action: 'start', label: 'session.clockIn', primary: true }],
  working: [
    { action: 'break', label: 'session.break' },
    { action: 'stop', label: 'session.clockOut' },
  ],
  'on-break': [
    { action: 'resume', label: 'session.resume', primary: true },
    { action: 'stop', label: 'session.clockOut' },
  ],
};

/** Clock in, break, resume, clock out: the buttons the session's state allows. */
export function SessionControls() {
  const { t } = useI18n();
  const status = useStores().status;
  const state = useStore(status, (s) => sessionStateOf(s.status));
  const busy = useStore(status, (s) => s.busy);
  const refusal = useStore(status, (s) => s.actionRefusal);
  const act = useStore(status, (s) => s.act);
  if (state === null) return null;
  return (
    <div className="session-controls">
      <div className="button-row">
        {BUTTONS[state].map((b) => (
          <button key={b.action} type="button" className={b.primary ? 'primary' : undefined} disabled={busy !== null} onClick={() => void act(b.action)}>
            {t(b.label)}
          </button>
        ))}
      </div>
      <ErrorNote message={refusal && refusalText(refusal, { t })} />
    </div>
  );
}
