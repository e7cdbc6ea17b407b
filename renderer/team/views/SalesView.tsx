import { useState } from 'react';
import { addDays, localDate } from '../../../shared/timesheet/local-time';
import { useI18n } from '../../app/AppContext';
import { ViewHeader } from '../../components/ViewHeader';
import { useTeam } from '../TeamContext';
import { useLoad } from '../use-load';
import { TEAMS_SCHEMA } from '../../../shared/team/team-api';
import { SalesTableCard } from './SalesTable';

/** The sales KPIs per rep and for the team from the team's imports, over a range and for a team. */
export function SalesView() {
  const { t } = useI18n();
  const { client, zone } = useTeam();
  const today = localDate(Date.now(), zone);
  const [from, setFrom] = useState(addDays(today, -89));
  const [to, setTo] = useState(today);
  const [team, setTeam] = useState('');
  const teams = useLoad(() => client.get('/api/teams', TEAMS_SCHEMA), [client]);
  return (
    <section className="view" aria-labelledby="sales-title">
      <ViewHeader title={t('teamSales.title')} subtitle={t('teamSales.subtitle')} />
      <div className="card form form-inline">
        <label>
          {t('range.from')}
          <input type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </label>
        <label>
          {t('range.to')}
          <input type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} />
        </label>
        <label>
          {t('teams.team')}
          <select value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">{t('reports.allTeams')}</option>
            {(teams.data?.teams ?? []).map((x) => (
              <option key={x.id} value={x.name}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <SalesTableCard from={from} to={to} team={team} />
    </section>
  );
}
