import { useState } from 'react';
import { useI18n } from '../../app/AppContext';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import { DEVICES_SCHEMA, type DeviceRow } from '../../../shared/team/team-api';
import { useTeam } from '../TeamContext';
import { API_OK } from '../team-client';
import { useLoad } from '../use-load';
import { OkNote } from '../../components/OkNote';

/** Enrolled devices with when they were last heard from; revoking one cuts it off at once. */
export function DevicesView() {
  const { t, f } = useI18n();
  const { client, zone } = useTeam();
  const devices = useLoad(() => client.get('/api/devices', DEVICES_SCHEMA), [client]);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = devices.data?.devices ?? [];
  const revoke = (d: DeviceRow) => {
    if (!window.confirm(t('devices.revokeConfirm', { email: d.email }))) return;
    setError(null);
    setNote(null);
    client.send('POST', `/api/devices/${encodeURIComponent(d.id)}/revoke`, undefined, API_OK).then(
      () => {
        setNote(t('devices.revoked', { email: d.email }));
        devices.reload();
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <section className="view" aria-labelledby="devices-title">
      <ViewHeader title={t('devices.title')} />
      <ErrorNote message={error ?? devices.error} />
      <OkNote>{note}</OkNote>
      <div className="card">
        {devices.data && list.length === 0 ? (
          <EmptyState title={t('devices.empty')} hint={t('devices.emptyHint')} />
        ) : (
          <div className="table-scroll">
            <table className="table" aria-label={t('devices.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('devices.col.rep')}</th>
                  <th scope="col">{t('devices.col.enrolled')}</th>
                  <th scope="col">{t('devices.col.lastSeen')}</th>
                  <th scope="col" className="num">
                    {t('devices.col.synced')}
                  </th>
                  <th scope="col">{t('devices.col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((d) => (
                  <tr key={d.id} data-device={d.id}>
                    <th scope="row">
                      {d.name}
                      <span className="muted small rep-sub">
                        {d.email} · <span className="mono">{d.id.slice(0, 8)}</span>
                      </span>
                    </th>
                    <td className="nowrap">{f.dateTime(d.createdMs, zone)}</td>
                    <td className="nowrap">{d.lastSeenMs === null ? t('devices.never') : f.dateTime(d.lastSeenMs, zone)}</td>
                    <td className="num">{f.number(d.lastSeq)}</td>
                    <td className="nowrap">
                      {d.revokedMs !== null ? (
                        <span className="muted">{t('devices.revokedAt', { time: f.dateTime(d.revokedMs, zone) })}</span>
                      ) : (
                        <>
                          <span className="badge badge-done">{t('devices.active')}</span>{' '}
                          <button type="button" className="link danger" onClick={() => revoke(d)}>
                            {t('devices.revoke')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
