import { useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { useI18n, useStores } from '../app/AppContext';
import type { ImportKind, ImportRefusal } from '../stores/import-store';
import type { Translate } from '../app/AppContext';
import { ErrorNote } from './ErrorNote';

export interface ImportChoice {
  value: string;
  label: string;
  as: ImportKind;
}

/** Base64 of a file's bytes, as the import requests carry them (the parsers detect UTF-8 or UTF-16). */
async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Drop a call log or a CRM report here (or choose one): the recorder parses it with the same parsers as
 * `stint import`, says what it would add or update, and writes it only when the rep confirms.
 */
export function ImportDrop({ title, choices }: { title: string; choices: readonly ImportChoice[] }) {
  const { t, f } = useI18n();
  const store = useStores().imports;
  const state = useStore(store);
  const [choice, setChoice] = useState(choices[0]!.value);
  const [over, setOver] = useState(false);
  const as = choices.find((c) => c.value === choice)!.as;

  const take = async (file: File | undefined) => {
    if (!file) return;
    await store.getState().choose({ name: file.name, base64: await base64Of(file) }, as);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void take(event.dataTransfer.files[0]);
  };
  const counts = (c: NonNullable<typeof state.preview>, done = false) =>
    c.kind === 'calls'
      ? t(done ? 'import.callsDone' : 'import.callsCounts', { added: f.number(c.result.imported), present: f.number(c.result.present) })
      : t(done ? 'import.crmDone' : 'import.crmCounts', { added: f.number(c.result.added), updated: f.number(c.result.updated) });

  return (
    <section className="card import-card" aria-label={title}>
      <h2>{title}</h2>
      <div className="toolbar">
        <label>
          {t('import.kind')}
          <select value={choice} onChange={(e) => setChoice(e.target.value)}>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label
        className={`drop-zone${over ? ' is-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <span>{t('import.drop')}</span>
        <input type="file" accept=".csv,.tsv,.txt,text/csv" aria-label={t('import.choose')} onChange={(e) => void take(e.target.files?.[0])} />
      </label>
      {state.busy ? <p className="muted small">{t('import.reading')}</p> : null}
      {state.refusal ? <RefusalNote refusal={state.refusal} t={t} /> : <ErrorNote message={state.error} />}
      {state.pending && state.preview ? (
        <div className="import-preview" role="status">
          <p>
            <strong>{state.pending.name}</strong>: {counts(state.preview)}
          </p>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void store.getState().confirm()} disabled={state.busy}>
              {t('import.confirm')}
            </button>
            <button type="button" onClick={() => store.getState().cancel()}>
              {t('import.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {state.done ? (
        <p className="ok-note" role="status">
          {t('import.done', { what: counts(state.done, true) })}
        </p>
      ) : null}
    </section>
  );
}

/** A refused file in the reader's language: how many problems, then each with its line (in English only when it has no code). */
function RefusalNote({ refusal, t }: { refusal: ImportRefusal; t: Translate }) {
  const more = refusal.count - refusal.rows.length;
  return (
    <div className="error-note" role="alert">
      <p>{refusal.count === 1 ? t('import.rejectedOne', { file: refusal.file }) : t('import.rejectedMany', { file: refusal.file, count: refusal.count })}</p>{' '}
      <ul className="import-problems">
        {refusal.rows.map((row, i) => {
          const problem = row.problem ? t(`importProblem.${row.problem.code}`, row.problem.params) : row.message;
          return <li key={i}>{row.line > 0 ? t('import.atLine', { line: row.line, problem }) : problem}</li>;
        })}
        {more > 0 ? <li>{t('import.more', { count: more })}</li> : null}
      </ul>
    </div>
  );
}
