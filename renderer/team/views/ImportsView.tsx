import { useEffect, useState, type DragEvent } from 'react';
import { z } from 'zod';
import type { ImportSource } from '../../../shared/imports/sources';
import {
  IMPORT_INVALID_SCHEMA,
  IMPORT_MAPPING_SCHEMA,
  IMPORT_PREVIEW_SCHEMA,
  MAX_IMPORT_FILE_BYTES,
  UNKNOWN_NAMES_SCHEMA,
  type ImportInvalid,
  type ImportPreview,
} from '../../../shared/team/imports-api';
import { TEAMS_SCHEMA } from '../../../shared/team/team-api';
import { useI18n } from '../../app/AppContext';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import type { MessageKey } from '../../i18n/en';
import { useTeam } from '../TeamContext';
import { TeamApiError } from '../team-client';
import { useLoad } from '../use-load';

const MAPPED = z.object({ team: z.string(), name: z.string(), userId: z.number().nullable() });
const NOBODY = '\u0000nobody';

/** Base64 of a file's bytes, as the import requests carry them (the parsers detect UTF-8 or UTF-16). */
async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const sourceKey = (s: ImportSource) => `teamImports.source.${s}` as MessageKey;

/**
 * A team's call logs and CRM reports: drop a file, see its source and what it would add, say who the
 * unknown agents or owners are, then import. Bad rows are listed by line; nothing is written until Import.
 */
export function ImportsView() {
  const { t, f } = useI18n();
  const { client } = useTeam();
  const teams = useLoad(() => client.get('/api/teams', TEAMS_SCHEMA), [client]);
  const [team, setTeam] = useState('');
  const teamName = team || teams.data?.teams[0]?.name || '';
  const [generation, setGeneration] = useState(0);
  const mapping = useLoad(
    () => (teamName ? client.get(`/api/imports/mapping?team=${encodeURIComponent(teamName)}`, IMPORT_MAPPING_SCHEMA) : Promise.resolve(null)),
    [client, teamName, generation],
  );
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [invalid, setInvalid] = useState<(ImportInvalid & { file: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [picks, setPicks] = useState<Record<string, string>>({});
  const [over, setOver] = useState(false);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setInvalid(null);
    setPicks({});
  };
  useEffect(reset, [teamName]);

  /** Asks the server what the file would do; a 422 lists its bad lines. */
  const ask = async (url: '/api/imports/preview' | '/api/imports/commit', chosen: { name: string; base64: string }) => {
    setBusy(true);
    setError(null);
    setInvalid(null);
    try {
      const answer = await client.send('POST', url, { team: teamName, file: chosen }, IMPORT_PREVIEW_SCHEMA);
      return answer;
    } catch (e) {
      const bad = e instanceof TeamApiError && e.status === 422 ? IMPORT_INVALID_SCHEMA.safeParse(e.body) : null;
      if (bad?.success) {
        setInvalid({ ...bad.data, file: chosen.name });
        setPreview(null);
      } else if (e instanceof TeamApiError && e.status === 409 && UNKNOWN_NAMES_SCHEMA.safeParse(e.body).success) {
        // Someone else's mapping changed under us: show the file again with its names.
        setPreview(await client.send('POST', '/api/imports/preview', { team: teamName, file: chosen }, IMPORT_PREVIEW_SCHEMA));
      } else setError(e instanceof Error ? e.message : String(e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const take = async (chosen: File | undefined) => {
    if (!chosen || !teamName) return;
    setDone(null);
    if (chosen.size > MAX_IMPORT_FILE_BYTES) {
      reset();
      setError(t('teamImports.tooBig', { file: chosen.name, max: f.number(MAX_IMPORT_FILE_BYTES / 1_000_000) }));
      return;
    }
    const next = { name: chosen.name, base64: await base64Of(chosen) };
    setFile(next);
    setPicks({});
    setPreview(await ask('/api/imports/preview', next));
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void take(event.dataTransfer.files[0]);
  };
  const saveName = async (name: string) => {
    const pick = picks[name];
    if (!pick || !file) return;
    try {
      await client.send('PUT', '/api/imports/mapping', { team: teamName, name, email: pick === NOBODY ? null : pick }, MAPPED);
      setGeneration((g) => g + 1);
      setPreview(await ask('/api/imports/preview', file));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const commit = async () => {
    if (!file) return;
    const result = await ask('/api/imports/commit', file);
    if (!result) return;
    setDone(
      t('teamImports.done', { file: file.name, added: f.number(result.added), updated: f.number(result.updated), unchanged: f.number(result.unchanged) }),
    );
    reset();
    setGeneration((g) => g + 1);
  };

  const members = mapping.data?.members ?? [];
  const teamList = teams.data?.teams ?? [];
  return (
    <section className="view" aria-labelledby="imports-title">
      <ViewHeader title={t('teamImports.title')} subtitle={t('teamImports.subtitle')} />
      <ErrorNote message={teams.error} />
      {teams.data && teamList.length === 0 ? (
        <div className="card">
          <EmptyState title={t('teamImports.noTeams')} />
        </div>
      ) : null}
      {teamList.length > 0 ? (
        <div className="card import-card">
          <div className="form form-inline">
            <label>
              {t('teamImports.team')}
              <select value={teamName} onChange={(e) => setTeam(e.target.value)}>
                {teamList.map((x) => (
                  <option key={x.id} value={x.name}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {mapping.data ? (
            <p className="muted small" data-testid="import-counts">
              {t('teamImports.stored', {
                calls: f.number(mapping.data.counts.calls),
                opportunities: f.number(mapping.data.counts.opportunities),
                leads: f.number(mapping.data.counts.leads),
              })}
            </p>
          ) : null}
          <label
            className={`drop-zone${over ? ' is-over' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={drop}
          >
            <span>{t('teamImports.drop')}</span>
            <input
              type="file"
              accept=".csv,.tsv,.txt,text/csv"
              aria-label={t('teamImports.choose')}
              onChange={(e) => {
                void take(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </label>
          {busy ? <p className="muted small">{t('teamImports.reading')}</p> : null}
          <ErrorNote message={error} />
          {done ? (
            <p className="ok-note" role="status">
              {done}
            </p>
          ) : null}
          {invalid ? (
            <div className="error-note" role="alert" data-testid="import-errors">
              <p>
                <strong>{t('teamImports.invalid', { file: invalid.file, count: f.number(invalid.errors.length) })}</strong>
              </p>
              {invalid.source ? <p>{t('teamImports.sourceIs', { source: t(sourceKey(invalid.source)) })}</p> : <p>{t('teamImports.unknownSource')}</p>}
              <ul>
                {invalid.errors.map((e, i) => {
                  // The parsers' coded problem in the reader's language; their English only where they give no code.
                  const message = e.problem ? t(`importProblem.${e.problem.code}`, e.problem.params) : e.message;
                  return <li key={i}>{e.line > 0 ? t('teamImports.line', { line: String(e.line), message }) : t('teamImports.wholeFile', { message })}</li>;
                })}
              </ul>
            </div>
          ) : null}
          {preview && file ? (
            <div className="import-preview" role="status" data-testid="import-preview">
              <p>
                <strong>{file.name}</strong> —{' '}
                <span data-testid="import-source">
                  {t('teamImports.sourceIs', {
                    source: preview.detected ? t('teamImports.detected', { source: t(sourceKey(preview.source)) }) : t(sourceKey(preview.source)),
                  })}
                </span>
              </p>
              <p>
                {t('teamImports.counts', {
                  records: f.number(preview.records),
                  added: f.number(preview.added),
                  updated: f.number(preview.updated),
                  unchanged: f.number(preview.unchanged),
                })}
              </p>
              {preview.skipped > 0 ? <p className="muted small">{t('teamImports.skipped', { count: f.number(preview.skipped) })}</p> : null}
              {preview.unattributed > 0 ? <p className="muted small">{t('teamImports.unattributed', { count: f.number(preview.unattributed) })}</p> : null}
              {preview.names.length > 0 ? (
                <div className="table-scroll">
                  <table className="table" aria-label={t('teamImports.names')}>
                    <thead>
                      <tr>
                        <th scope="col">{t('teamImports.name')}</th>
                        <th scope="col" className="num">
                          {t('teamImports.rows')}
                        </th>
                        <th scope="col">{t('teamImports.rep')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.names.map((n) => (
                        <tr key={n.name} data-name={n.name}>
                          <th scope="row">{n.name}</th>
                          <td className="num" data-label={t('teamImports.rows')}>
                            {f.number(n.rows)}
                          </td>
                          <td data-label={t('teamImports.rep')}>
                            {n.how === 'unknown' ? (
                              <span className="form-inline">
                                <select
                                  aria-label={`${t('teamImports.rep')}: ${n.name}`}
                                  value={picks[n.name] ?? ''}
                                  onChange={(e) => setPicks((p) => ({ ...p, [n.name]: e.target.value }))}
                                >
                                  <option value="">{t('teamImports.pick')}</option>
                                  {members.map((m) => (
                                    <option key={m.id} value={m.email}>
                                      {m.name} ({m.email})
                                    </option>
                                  ))}
                                  <option value={NOBODY}>{t('teamImports.nobody')}</option>
                                </select>
                                <button type="button" disabled={!picks[n.name] || busy} onClick={() => void saveName(n.name)}>
                                  {t('teamImports.save')}
                                </button>
                              </span>
                            ) : (
                              <>
                                {n.email ?? '—'} <span className="muted small">· {t(`teamImports.how.${n.how}`)}</span>
                              </>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              {preview.unknownNames.length > 0 ? (
                <p className="muted">{t('teamImports.unknownNote', { count: f.number(preview.unknownNames.length) })}</p>
              ) : null}
              <div className="toolbar">
                <button type="button" className="primary" disabled={busy || preview.unknownNames.length > 0} onClick={() => void commit()}>
                  {t('teamImports.commit')}
                </button>
                <button type="button" className="link" onClick={reset}>
                  {t('teamImports.cancel')}
                </button>
              </div>
            </div>
          ) : null}
        </div>
      ) : null}
      {mapping.data ? (
        <div className="card">
          <h2>{t('teamImports.mappings')}</h2>
          {mapping.data.mappings.length === 0 ? (
            <p className="muted">{t('teamImports.noMappings')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table" aria-label={t('teamImports.mappings')}>
                <thead>
                  <tr>
                    <th scope="col">{t('teamImports.name')}</th>
                    <th scope="col">{t('teamImports.rep')}</th>
                  </tr>
                </thead>
                <tbody>
                  {mapping.data.mappings.map((m) => (
                    <tr key={m.name}>
                      <th scope="row">{m.name}</th>
                      <td data-label={t('teamImports.rep')}>
                        {m.email === null ? <span className="muted">{t('teamImports.how.nobody')}</span> : `${m.userName ?? ''} (${m.email})`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
}
