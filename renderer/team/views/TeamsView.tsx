import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { useI18n } from '../../app/AppContext';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import { TEAMS_SCHEMA } from '../../../shared/team/team-api';
import { useTeam } from '../TeamContext';
import { API_OK } from '../team-client';
import { useLoad } from '../use-load';
import { OkNote } from '../../components/OkNote';

const CREATED = z.object({ team: z.object({ id: z.number(), name: z.string() }) });

/** Admins: the teams, making one, adding a manager or a rep to one. */
export function TeamsView() {
  const { t, f } = useI18n();
  const { client, zone } = useTeam();
  const teams = useLoad(() => client.get('/api/teams', TEAMS_SCHEMA), [client]);
  const [name, setName] = useState('');
  const [member, setMember] = useState({ team: '', email: '', as: 'member' as 'member' | 'manager' });
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = teams.data?.teams ?? [];

  const act = async (run: () => Promise<string>) => {
    setError(null);
    setNote(null);
    try {
      setNote(await run());
      teams.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const { team } = await client.send('POST', '/api/teams', { name }, CREATED);
      setName('');
      return t('teams.created', { team: team.name });
    });
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    const team = list.find((x) => String(x.id) === member.team) ?? list[0];
    if (!team) return;
    void act(async () => {
      await client.send('POST', `/api/teams/${team.id}/members`, { email: member.email, as: member.as }, API_OK);
      setMember({ ...member, email: '' });
      return t('teams.added', { email: member.email, team: team.name });
    });
  };

  return (
    <section className="view" aria-labelledby="teams-title">
      <ViewHeader title={t('teams.title')} />
      <div className="columns">
        <form className="card form" onSubmit={create} aria-label={t('teams.add')}>
          <h2>{t('teams.add')}</h2>
          <label>
            {t('teams.name')}
            <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <div className="button-row">
            <button type="submit" className="primary">
              {t('teams.create')}
            </button>
          </div>
        </form>
        <form className="card form" onSubmit={add} aria-label={t('teams.addMember')}>
          <h2>{t('teams.addMember')}</h2>
          <label>
            {t('teams.team')}
            <select value={member.team} onChange={(e) => setMember({ ...member, team: e.target.value })} disabled={list.length === 0}>
              {list.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('users.email')}
            <input type="email" required value={member.email} onChange={(e) => setMember({ ...member, email: e.target.value })} />
          </label>
          <label>
            {t('teams.as')}
            <select value={member.as} onChange={(e) => setMember({ ...member, as: e.target.value === 'manager' ? 'manager' : 'member' })}>
              <option value="member">{t('teams.asMember')}</option>
              <option value="manager">{t('teams.asManager')}</option>
            </select>
          </label>
          <div className="button-row">
            <button type="submit" className="primary" disabled={list.length === 0}>
              {t('teams.addButton')}
            </button>
          </div>
        </form>
      </div>
      <ErrorNote message={error ?? teams.error} />
      <OkNote>{note}</OkNote>
      <div className="card">
        {teams.data && list.length === 0 ? (
          <EmptyState title={t('teams.empty')} hint={t('teams.emptyHint')} />
        ) : (
          <div className="table-scroll">
            <table className="table" aria-label={t('teams.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('teams.name')}</th>
                  <th scope="col">{t('teams.col.managers')}</th>
                  <th scope="col" className="num">
                    {t('teams.col.reps')}
                  </th>
                  <th scope="col">{t('users.col.added')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((x) => (
                  <tr key={x.id} data-team={x.name}>
                    <th scope="row">{x.name}</th>
                    <td>{x.managers.join(', ') || t('teams.none')}</td>
                    <td className="num">{f.number(x.reps)}</td>
                    <td className="nowrap">{f.dateTime(x.createdMs, zone)}</td>
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
