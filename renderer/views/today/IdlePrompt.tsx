import { useStore } from 'zustand';
import { IDLE_CHOICES, type IdleChoice } from '../../../shared/recording/records';
import { useClock, useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { refusalText } from '../../i18n/refusal-text';
import type { MessageKey } from '../../i18n/en';

/** Keyed by every IdleChoice, so a new choice is a type error here; offered in IDLE_CHOICES order. */
const CHOICE_LABELS: Record<IdleChoice, MessageKey> = {
  work: 'idle.work',
  break: 'idle.break',
  call: 'idle.call',
  discard: 'idle.discard',
};

/** "You were away from 10:30 to 11:00 — what was it?" for each idle stretch in today's work. */
export function IdlePrompt() {
  const { t, f } = useI18n();
  const clock = useClock();
  const stores = useStores();
  const pending = useStore(stores.idle, (s) => s.pending);
  const busy = useStore(stores.idle, (s) => s.busy);
  const error = useStore(stores.idle, (s) => s.error);
  const refusal = useStore(stores.idle, (s) => s.refusal);
  const answerable = pending.filter((p) => !p.open);
  if (answerable.length === 0) return null;
  const choose = async (uuid: string, choice: IdleChoice) => {
    if (await stores.idle.getState().resolve(uuid, choice)) {
      void stores.today.getState().load();
      void stores.status.getState().load();
    }
  };
  return (
    <section className="card idle-prompt" aria-labelledby="idle-prompt-title">
      <h2 id="idle-prompt-title">{t('idle.title')}</h2>
      <ul className="idle-list">
        {answerable.map((p) => (
          <li key={p.uuid} className="idle-item">
            <p>
              {t('idle.away', {
                from: f.time(p.startMs, clock.timeZone()),
                to: f.time(p.endMs, clock.timeZone()),
                duration: f.duration((p.endMs - p.startMs) / 1000),
              })}
            </p>
            <div className="button-row" role="group" aria-label={t('idle.question')}>
              {IDLE_CHOICES.map((choice) => (
                <button key={choice} type="button" disabled={busy !== null} onClick={() => void choose(p.uuid, choice)}>
                  {t(CHOICE_LABELS[choice])}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('idle.explain')}</p>
      <ErrorNote message={refusal ? refusalText(refusal, { t }) : error} />
    </section>
  );
}
