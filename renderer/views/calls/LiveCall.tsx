import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { CallActionType } from '../../../shared/calls/call-machine';
import { useClock, useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { callHeadline, detectedSourceText } from './call-headline';
import { CALL_REFUSAL_MESSAGES } from './call-refusal-messages';
import { refusalText } from '../../i18n/refusal-text';
import type { MessageKey } from '../../i18n/en';

const ACTIONS: Record<'talking' | 'on-hold' | 'wrap-up', { action: CallActionType; label: MessageKey; primary?: boolean }[]> = {
  talking: [
    { action: 'hold', label: 'calls.hold' },
    { action: 'end', label: 'calls.end', primary: true },
    { action: 'cancel', label: 'calls.cancel' },
  ],
  'on-hold': [
    { action: 'resume', label: 'calls.resume', primary: true },
    { action: 'end', label: 'calls.end' },
  ],
  'wrap-up': [{ action: 'wrap', label: 'calls.wrap', primary: true }],
};

/** The call in progress with its timers, and the buttons its state allows (start, hold, end, wrap up). */
export function LiveCall() {
  const { t, f } = useI18n();
  const clock = useClock();
  const store = useStores().calls;
  const live = useStore(store, (s) => s.live);
  const busy = useStore(store, (s) => s.busy);
  const error = useStore(store, (s) => s.actionError);
  const errorCode = useStore(store, (s) => s.actionErrorCode);
  const [direction, setDirection] = useState<'in' | 'out'>('out');
  const [contact, setContact] = useState('');
  const [notes, setNotes] = useState('');
  const detected = useStore(store, (s) => s.live?.detected ?? null);

  if (!live) return <p className="muted">{t('common.loading')}</p>;
  const { state, nowMs, liveTalkMs } = live;

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (await store.getState().act('start', { direction, ...(contact.trim() ? { contact: contact.trim() } : {}) })) setContact('');
  };

  const startForm = (
    <form className="form form-inline" onSubmit={(e) => void start(e)}>
      <label className="shrink">
        {t('calls.direction')}
        <select value={direction} onChange={(e) => setDirection(e.target.value === 'in' ? 'in' : 'out')}>
          <option value="out">{t('calls.outbound')}</option>
          <option value="in">{t('calls.inbound')}</option>
        </select>
      </label>
      <label>
        {t('calls.contact')}
        <input type="text" maxLength={200} value={contact} placeholder={t('calls.contactPlaceholder')} onChange={(e) => setContact(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={busy !== null}>
        {state.status === 'wrap-up' ? t('calls.startNext') : t('calls.start')}
      </button>
    </form>
  );

  let headline: string;
  let timers: { label: string; seconds: number }[] = [];
  if (state.status === 'idle' && detected) {
    // A meeting window open now: a call in progress, counted once the rep confirms it after it ends.
    headline = t('calls.detectedLive', { label: detectedSourceText(detected.ruleId, detected.label, t) });
    timers = [{ label: t('calls.talk'), seconds: Math.max(0, nowMs - detected.startMs) / 1000 }];
  } else if (state.status === 'idle') {
    headline = t('calls.noCall');
  } else if (state.status === 'wrap-up') {
    headline = callHeadline(state.status, state.call.contact, t);
    timers = [
      { label: t('calls.talk'), seconds: state.call.talkMs / 1000 },
      { label: t('calls.afterCallWork'), seconds: (nowMs - state.call.endMs) / 1000 },
    ];
  } else {
    const call = state.call;
    const holdMs = call.holdMs + (state.status === 'on-hold' ? nowMs - call.segmentStartMs : 0);
    headline = callHeadline(state.status, call.contact, t);
    timers = [
      { label: t('calls.talk'), seconds: liveTalkMs / 1000 },
      { label: t('calls.holdTime'), seconds: holdMs / 1000 },
    ];
  }

  return (
    <div className={`live-call is-${state.status === 'idle' && detected ? 'talking is-detected' : state.status}`}>
      <div className="live-call-head">
        <span className="live-call-state">
          <span className="dot" aria-hidden="true" />
          {headline}
        </span>
        {state.status === 'idle' && detected ? (
          <span className="muted small">
            {t('calls.since', { time: f.time(detected.startMs, clock.timeZone()) })} · {t('calls.detectedHint')}
          </span>
        ) : null}
        {state.status !== 'idle' ? (
          <span className="muted small">
            {t('calls.since', { time: f.time(state.call.startMs, clock.timeZone()) })} ·{' '}
            {state.call.direction === 'in' ? t('calls.inbound') : t('calls.outbound')}
          </span>
        ) : null}
      </div>
      {timers.length > 0 ? (
        <dl className="call-timers">
          {timers.map((x) => (
            <div key={x.label}>
              <dt>{x.label}</dt>
              <dd className="num">{f.clock(x.seconds)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {state.status === 'wrap-up' ? (
        <label className="call-notes-field">
          {t('calls.notes')}
          <textarea rows={3} maxLength={4000} value={notes} placeholder={t('calls.notesPlaceholder')} onChange={(e) => setNotes(e.target.value)} />
        </label>
      ) : null}
      {state.status === 'idle' ? (
        startForm
      ) : (
        <div className="button-row">
          {ACTIONS[state.status]
            .filter((a) => a.action !== 'cancel' || (state.status === 'talking' && !state.call.held))
            .map((a) => (
              <button
                key={a.action}
                type="button"
                className={a.primary ? 'primary' : undefined}
                disabled={busy !== null}
                onClick={() =>
                  void store
                    .getState()
                    .act(a.action, undefined, a.action === 'wrap' ? notes.trim() : undefined)
                    .then((done) => {
                      if (done && a.action === 'wrap') setNotes('');
                    })
                }
              >
                {t(a.label)}
              </button>
            ))}
        </div>
      )}
      {state.status === 'wrap-up' ? startForm : null}
      {/* calls.act runs on the recorder's thread, never cancelled: its codes are the call refusals; a review's are coded refusals. */}
      <ErrorNote
        message={
          errorCode && Object.hasOwn(CALL_REFUSAL_MESSAGES, errorCode)
            ? t(CALL_REFUSAL_MESSAGES[errorCode as keyof typeof CALL_REFUSAL_MESSAGES])
            : error !== null && errorCode !== null
              ? refusalText({ message: error, code: errorCode, params: {} }, { t })
              : error
        }
      />
    </div>
  );
}
